import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import * as lib from '../../scripts/manifest-lib.cjs';

export { lib };

// @microsoft/app-manifest requires `strip-bom`, which is ESM-only. Node 20.19+ loads it natively
// (require(esm)), jest's CommonJS registry does not; this stand-in does the same one thing.
jest.mock('strip-bom', () => ({
  __esModule: true,
  default: (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text),
}));

export const ROOT = join(__dirname, '..', '..');
export const MANIFEST_DIR = join(ROOT, 'manifest');

export const ENV = {
  MICROSOFT_APP_ID: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  PUBLIC_HOSTNAME: 'escaleer-test.azurewebsites.net',
  APP_VERSION: '1.4.2',
} as const;

export const readTemplate = (): lib.Manifest =>
  JSON.parse(readFileSync(join(MANIFEST_DIR, 'manifest.template.json'), 'utf8')) as lib.Manifest;

export const readIcons = (): Record<string, Buffer> => ({
  'color.png': readFileSync(join(MANIFEST_DIR, 'color.png')),
  'outline.png': readFileSync(join(MANIFEST_DIR, 'outline.png')),
});

/** A filled manifest, deep-copied so a test may break it. */
export const filledManifest = (env: Record<string, string> = ENV): lib.Manifest =>
  lib.fillTemplate(readTemplate(), lib.resolveSettings(env, { packageVersion: '0.1.0' }));

/** The first bot of a manifest, typed just enough to edit its command lists. */
export interface BotJson {
  commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
}
export const firstBot = (m: lib.Manifest): BotJson => (m['bots'] as BotJson[])[0] as BotJson;

/** Writes an RGBA PNG (8-bit, filter 0) from a pixel function. */
export const makePng = (width: number, height: number, pixel: (x: number, y: number) => readonly number[]): Buffer => {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) Buffer.from(pixel(x, y)).copy(raw, y * (width * 4 + 1) + 1 + x * 4);
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (b: Buffer): number => {
    let c = 0xffffffff;
    for (const v of b) c = (crcTable[(c ^ v) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc32(td));
    return Buffer.concat([head, td, tail]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};
