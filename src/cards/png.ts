import { crc32, deflateSync } from 'node:zlib';

// A small indexed-colour (palette) PNG writer of our own: pngjs, the well-kept library, writes only
// grey/RGB(A). The progress picture travels inside the ≤ 8 KB status card, where a palette PNG is a
// third of the RGBA size. CRC-32 and deflate come from node:zlib.

/** One PNG chunk: length, type, data and CRC-32. */
export const pngChunk = (type: string, data: Buffer): Buffer => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
};

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Indexed-colour PNG (colour type 3, PLTE + tRNS) when the picture has at most 256 colours, else
 * `null`. Written here because pngjs, the usual library, writes only truecolour and greyscale; for
 * the progress pictures (a few flat colours) an index costs a third of the bytes on the card.
 */
const encodeIndexed = (width: number, height: number, rgba: Uint8Array): Buffer | null => {
  const index = new Map<number, number>();
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const colour = ((rgba[i] ?? 0) << 24) | ((rgba[i + 1] ?? 0) << 16) | ((rgba[i + 2] ?? 0) << 8) | (rgba[i + 3] ?? 0);
      let n = index.get(colour);
      if (n === undefined) {
        if (index.size === 256) return null;
        n = index.size;
        index.set(colour, n);
      }
      raw[y * (width + 1) + 1 + x] = n;
    }
  }
  const plte = Buffer.alloc(index.size * 3);
  const trns = Buffer.alloc(index.size);
  for (const [colour, n] of index) {
    plte[n * 3] = (colour >>> 24) & 0xff;
    plte[n * 3 + 1] = (colour >>> 16) & 0xff;
    plte[n * 3 + 2] = (colour >>> 8) & 0xff;
    trns[n] = colour & 0xff;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 3; // indexed colour
  return Buffer.concat([
    SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('PLTE', plte),
    pngChunk('tRNS', trns),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
};

/** Encodes RGBA pixels (row-major, 4 bytes per pixel) as a PNG: indexed when it has ≤ 256 colours, else truecolour with alpha. */
const encodePng = (width: number, height: number, rgba: Uint8Array): Buffer => {
  const indexed = encodeIndexed(width, height, rgba);
  if (indexed) return indexed;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
};

export type Rgb = readonly [number, number, number];

/** A shape: returns its colour where it covers (x, y), else `null`. Later shapes paint over earlier ones. */
export type Shape = (x: number, y: number) => Rgb | null;

/** Rasterises shapes with 4×4 supersampling on a transparent background. */
export const rasterise = (width: number, height: number, shapes: readonly Shape[]): Buffer => {
  const px = new Uint8Array(width * height * 4);
  const S = 4;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const fx = x + (sx + 0.5) / S;
          const fy = y + (sy + 0.5) / S;
          let hit: Rgb | null = null;
          for (const shape of shapes) hit = shape(fx, fy) ?? hit;
          if (hit) {
            r += hit[0];
            g += hit[1];
            b += hit[2];
            a++;
          }
        }
      }
      const i = (y * width + x) * 4;
      if (a > 0) {
        px[i] = Math.round(r / a);
        px[i + 1] = Math.round(g / a);
        px[i + 2] = Math.round(b / a);
        px[i + 3] = Math.round((a / (S * S)) * 255);
      }
    }
  }
  return encodePng(width, height, px);
};

export const disc =
  (cx: number, cy: number, radius: number, color: Rgb): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2 ? color : null;

export const ring =
  (cx: number, cy: number, inner: number, outer: number, color: Rgb): Shape =>
  (x, y) => {
    const d2 = (x - cx) ** 2 + (y - cy) ** 2;
    return d2 <= outer ** 2 && d2 >= inner ** 2 ? color : null;
  };

export const rect =
  (x0: number, y0: number, x1: number, y1: number, color: Rgb): Shape =>
  (x, y) =>
    x >= x0 && x <= x1 && y >= y0 && y <= y1 ? color : null;
