#!/usr/bin/env node
// Draws the two Teams app icons (manifest/color.png 192×192, manifest/outline.png 32×32) as PNGs
// with pngjs. The symbol is a staircase with an arrow up: "escaleren" = one step up.
// Run once after changing the design: `node scripts/make-icons.mjs`; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pngjs from 'pngjs';

const { PNG } = pngjs;

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'manifest');

/** Symbol polygons in a unit square (x right, y down). */
const SHAPES = [
  // staircase, three steps rising to the right
  [
    [0.06, 0.94],
    [0.06, 0.76],
    [0.32, 0.76],
    [0.32, 0.6],
    [0.58, 0.6],
    [0.58, 0.46],
    [0.94, 0.46],
    [0.94, 0.94],
  ],
  // arrow above the top step: shaft and head
  [
    [0.69, 0.4],
    [0.69, 0.2],
    [0.83, 0.2],
    [0.83, 0.4],
  ],
  [
    [0.76, 0.02],
    [0.96, 0.22],
    [0.56, 0.22],
  ],
];
/** Cut-outs (none at the moment; kept for design tweaks). */
const GAPS = [];

const inside = (poly, x, y) => {
  let hit = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
};

/** Coverage 0..1 of the symbol in pixel (px, py) of a size×size canvas, symbol box at [lo, hi]. */
const coverage = (px, py, lo, hi) => {
  const n = 4;
  let hits = 0;
  for (let sy = 0; sy < n; sy++) {
    for (let sx = 0; sx < n; sx++) {
      const x = (px + (sx + 0.5) / n - lo) / (hi - lo);
      const y = (py + (sy + 0.5) / n - lo) / (hi - lo);
      const on = SHAPES.some((p) => inside(p, x, y)) && !GAPS.some((p) => inside(p, x, y));
      if (on) hits++;
    }
  }
  return hits / (n * n);
};

/** Encodes RGBA pixels (width*height*4 bytes) as a PNG (colour type 6, 8 bits) with pngjs. */
const encodePng = (width, height, rgba) => {
  const png = new PNG({ width, height });
  rgba.copy(png.data);
  return PNG.sync.write(png, { deflateLevel: 9 });
};

const draw = (size, lo, hi, background) => {
  const px = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(x, y, lo, hi);
      const o = (y * size + x) * 4;
      if (background) {
        for (let c = 0; c < 3; c++) px[o + c] = Math.round(background[c] * (1 - a) + 255 * a);
        px[o + 3] = 255;
      } else {
        px.fill(255, o, o + 3);
        px[o + 3] = Math.round(255 * a);
      }
    }
  }
  return encodePng(size, size, px);
};

// Accent colour #0E7C86 (also the manifest's accentColor); symbol in Teams' safe area.
writeFileSync(join(outDir, 'color.png'), draw(192, 40, 152, [0x0e, 0x7c, 0x86]));
writeFileSync(join(outDir, 'outline.png'), draw(32, 2, 30, null));
console.log(`iconen geschreven naar ${outDir}`);
