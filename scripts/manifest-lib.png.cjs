'use strict';
// Minimal PNG reader for the icon checks: header (IHDR) and 8-bit, non-interlaced pixels as RGBA.
const { inflateSync } = require('node:zlib');

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

const chunks = (buf) => {
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('geen PNG-bestand');
  const out = [];
  for (let o = 8; o + 12 <= buf.length; ) {
    const len = buf.readUInt32BE(o);
    const type = buf.toString('ascii', o + 4, o + 8);
    out.push({ type, data: buf.subarray(o + 8, o + 8 + len) });
    o += 12 + len;
    if (type === 'IEND') break;
  }
  return out;
};

/** Width, height, bit depth, colour type and interlace method from IHDR. */
const pngInfo = (buf) => {
  const ihdr = chunks(buf)[0];
  if (!ihdr || ihdr.type !== 'IHDR' || ihdr.data.length < 13) throw new Error('PNG zonder IHDR');
  const d = ihdr.data;
  return { width: d.readUInt32BE(0), height: d.readUInt32BE(4), bitDepth: d[8], colorType: d[9], interlace: d[12] };
};

const paeth = (a, b, c) => {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** Decodes to { width, height, rgba }. Supports 8-bit, non-interlaced images of every colour type. */
const decodePng = (buf) => {
  const info = pngInfo(buf);
  const { width, height, bitDepth, colorType, interlace } = info;
  const ch = CHANNELS[colorType];
  if (bitDepth !== 8 || interlace !== 0 || !ch) {
    throw new Error(`PNG-variant niet ondersteund (bitdiepte ${bitDepth}, kleurtype ${colorType}); sla op als 8-bit RGBA`);
  }
  const all = chunks(buf);
  const raw = inflateSync(Buffer.concat(all.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const palette = all.find((c) => c.type === 'PLTE')?.data;
  const trns = all.find((c) => c.type === 'tRNS')?.data;
  const stride = width * ch;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= ch ? pixels[y * stride + x - ch] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= ch && y > 0 ? pixels[(y - 1) * stride + x - ch] : 0;
      const pred = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (pred === undefined) throw new Error(`onbekend PNG-filter ${filter}`);
      pixels[y * stride + x] = (line[x] + pred) & 0xff;
    }
  }
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const p = pixels.subarray(i * ch, i * ch + ch);
    let px;
    if (colorType === 6) px = [p[0], p[1], p[2], p[3]];
    else if (colorType === 2) px = [p[0], p[1], p[2], 255];
    else if (colorType === 4) px = [p[0], p[0], p[0], p[1]];
    else if (colorType === 0) px = [p[0], p[0], p[0], 255];
    else {
      if (!palette) throw new Error('PNG met palet maar zonder PLTE');
      px = [palette[p[0] * 3], palette[p[0] * 3 + 1], palette[p[0] * 3 + 2], trns && p[0] < trns.length ? trns[p[0]] : 255];
    }
    rgba.set(px, i * 4);
  }
  return { width, height, rgba };
};

module.exports = { pngInfo, decodePng };
