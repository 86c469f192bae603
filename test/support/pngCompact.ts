import { deflateSync, inflateSync } from 'node:zlib';
import { pngChunk as chunk } from '../../src/cards/png';

/**
 * Shrinks a chromium screenshot (8-bit RGB/RGBA, not interlaced) to an indexed PNG of at most 256
 * colours: the most frequent colours form the palette, every other colour maps to its nearest
 * palette entry. UI screenshots (flat backgrounds, anti-aliased text) stay visually the same at a
 * third to half of the size.
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// No Math.abs: under jest's vm every global lookup goes through an interceptor, and this runs per byte.
const abs = (n: number): number => (n < 0 ? -n : n);
const paeth = (a: number, b: number, c: number): number => {
  const p = a + b - c;
  const pa = abs(p - a);
  const pb = abs(p - b);
  const pc = abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** Decodes an 8-bit RGB or RGBA PNG to packed RGB (alpha dropped: screenshots are opaque). */
export const decodeRgb = (png: Buffer): { width: number; height: number; rgb: Uint8Array } => {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('geen PNG');
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  for (let o = 8; o + 12 <= png.length; ) {
    const len = png.readUInt32BE(o);
    const type = png.toString('ascii', o + 4, o + 8);
    const data = png.subarray(o + 8, o + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0 || (data[9] !== 2 && data[9] !== 6)) throw new Error('alleen 8-bit RGB(A) zonder interlace');
      channels = data[9] === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    o += 12 + len;
  }
  // Plain typed arrays: Buffers from node:zlib come from another realm under jest and index slowly there.
  const raw = Uint8Array.from(inflateSync(Buffer.concat(idat)));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    const up = dst - stride;
    const filter = raw[src - 1];
    // One loop per filter type: branch-free inner loops keep this fast even under jest's vm.
    if (filter === 0 || (y === 0 && filter === 2)) pixels.set(raw.subarray(src, src + stride), dst);
    else if (filter === 1) for (let x = 0; x < stride; x++) pixels[dst + x] = ((raw[src + x] ?? 0) + (x >= channels ? (pixels[dst + x - channels] ?? 0) : 0)) & 0xff;
    else if (filter === 2) for (let x = 0; x < stride; x++) pixels[dst + x] = ((raw[src + x] ?? 0) + (pixels[up + x] ?? 0)) & 0xff;
    else {
      for (let x = 0; x < stride; x++) {
        const a = x >= channels ? (pixels[dst + x - channels] ?? 0) : 0;
        const b = y > 0 ? (pixels[up + x] ?? 0) : 0;
        const c = x >= channels && y > 0 ? (pixels[up + x - channels] ?? 0) : 0;
        pixels[dst + x] = ((raw[src + x] ?? 0) + (filter === 3 ? (a + b) >> 1 : paeth(a, b, c))) & 0xff;
      }
    }
  }
  if (channels === 3) return { width, height, rgb: pixels };
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < pixels.length; i += 4, j += 3) rgb.set(pixels.subarray(i, i + 3), j);
  return { width, height, rgb };
};

/** Re-encodes a screenshot as an indexed PNG (≤ 256 colours, deflate level 9). */
export const compactPng = (png: Buffer): Buffer => {
  const { width, height, rgb } = decodeRgb(png);
  const keys = new Uint32Array(width * height);
  for (let p = 0, i = 0; p < keys.length; p++, i += 3) keys[p] = ((rgb[i] ?? 0) << 16) | ((rgb[i + 1] ?? 0) << 8) | (rgb[i + 2] ?? 0);
  const counts = new Map<number, number>();
  // Screenshots are mostly runs of one colour: count runs, not pixels.
  for (let p = 0; p < keys.length; ) {
    const key = keys[p] ?? 0;
    let q = p + 1;
    while (q < keys.length && keys[q] === key) q++;
    counts.set(key, (counts.get(key) ?? 0) + q - p);
    p = q;
  }
  const palette = [...counts.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, 256).map(([k]) => k);
  const index = new Map<number, number>(palette.map((k, i) => [k, i]));
  const nearest = (key: number): number => {
    const hit = index.get(key);
    if (hit !== undefined) return hit;
    let best = 0;
    let bestD = Infinity;
    palette.forEach((p, i) => {
      const d = ((p >> 16) - (key >> 16)) ** 2 + (((p >> 8) & 0xff) - ((key >> 8) & 0xff)) ** 2 + ((p & 0xff) - (key & 0xff)) ** 2;
      if (d < bestD) [best, bestD] = [i, d];
    });
    index.set(key, best);
    return best;
  };
  const raw = new Uint8Array((width + 1) * height);
  let lastKey = -1;
  let lastIndex = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const key = keys[y * width + x] ?? 0;
      if (key !== lastKey) [lastKey, lastIndex] = [key, nearest(key)];
      raw[y * (width + 1) + 1 + x] = lastIndex;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 3;
  const plte = Buffer.alloc(palette.length * 3);
  palette.forEach((p, i) => plte.writeUIntBE(p, i * 3, 3));
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('PLTE', plte),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};
