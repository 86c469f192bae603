import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import * as lib from '../../scripts/manifest-lib.cjs';

export { lib };

// @microsoft/app-manifest requires `strip-bom`, which is ESM-only. Node 20.19+ loads it natively
// (require(esm)), jest's CommonJS registry does not; this stand-in does the same one thing.
jest.mock('strip-bom', () => ({
  __esModule: true,
  default: (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text),
}));

export const ROOT = join(__dirname, '..', '..');
const MANIFEST_DIR = join(ROOT, 'manifest');

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

/** Writes an RGBA PNG (8-bit) from a pixel function, with pngjs. */
export const makePng = (width: number, height: number, pixel: (x: number, y: number) => readonly number[]): Buffer => {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) png.data.set(pixel(x, y), (y * width + x) * 4);
  }
  return PNG.sync.write(png);
};
