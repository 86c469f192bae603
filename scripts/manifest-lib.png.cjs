'use strict';
// PNG reading for the icon checks, through pngjs: the header fields and the pixels as RGBA.
const { PNG } = require('pngjs');

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const read = (buf) => {
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('geen PNG-bestand');
  try {
    return PNG.sync.read(buf);
  } catch (e) {
    throw new Error(`PNG niet leesbaar (${e instanceof Error ? e.message : String(e)}); sla op als 8-bit RGBA`);
  }
};

/** Width, height, bit depth, colour type and interlace (0/1) of a PNG. */
const pngInfo = (buf) => {
  const p = read(buf);
  return { width: p.width, height: p.height, bitDepth: p.depth, colorType: p.colorType, interlace: p.interlace ? 1 : 0 };
};

/** Decodes to { width, height, rgba } (every bit depth, colour type and interlace pngjs reads). */
const decodePng = (buf) => {
  const p = read(buf);
  return { width: p.width, height: p.height, rgba: p.data };
};

module.exports = { pngInfo, decodePng };
