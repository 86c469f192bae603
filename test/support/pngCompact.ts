import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { pngChunk as chunk } from '../../src/cards/png';

/**
 * Shrinks a chromium screenshot (8-bit RGB/RGBA, not interlaced) to an indexed PNG of at most 256
 * colours: the most frequent colours form the palette, every other colour maps to its nearest
 * palette entry. UI screenshots (flat backgrounds, anti-aliased text) stay visually the same at a
 * third to half of the size.
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Decodes a PNG (pngjs) to packed RGB (alpha dropped: screenshots are opaque). */
const decodeRgb = (png: Buffer): { width: number; height: number; rgb: Uint8Array } => {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('geen PNG');
  const { width, height, data } = PNG.sync.read(png);
  // A plain typed array: Buffers from another realm index slowly under jest's vm.
  const rgba = Uint8Array.from(data);
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i] ?? 0;
    rgb[j + 1] = rgba[i + 1] ?? 0;
    rgb[j + 2] = rgba[i + 2] ?? 0;
  }
  return { width, height, rgb };
};

/** Re-encodes a screenshot as an indexed PNG (≤ 256 colours, deflate level 9). */
export const compactPng = (png: Buffer): Buffer => {
  const { width, height, rgb } = decodeRgb(png);
  const keys = new Uint32Array(width * height);
  for (let p = 0, i = 0; p < keys.length; p++, i += 3) keys[p] = ((rgb[i] ?? 0) << 16) | ((rgb[i + 1] ?? 0) << 8) | (rgb[i + 2] ?? 0);
  const counts = new Map<number, number>();
  // Screenshots are mostly runs of one colour: count runs, not pixels.
  for (let p = 0; p < keys.length;) {
    const key = keys[p] ?? 0;
    let q = p + 1;
    while (q < keys.length && keys[q] === key) q++;
    counts.set(key, (counts.get(key) ?? 0) + q - p);
    p = q;
  }
  const palette = [...counts.entries()]
    .sort((x, y) => y[1] - x[1] || x[0] - y[0])
    .slice(0, 256)
    .map(([k]) => k);
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
