import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where browser tests save their screenshots: `docs/screenshots` when `UPDATE_SCREENSHOTS=1`
 * (`npm run screenshots`), otherwise a temporary folder, so a plain `npm test` leaves the work tree clean.
 */
export const screenshotDir = (): string => {
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    const dir = join(__dirname, '..', '..', 'docs', 'screenshots');
    mkdirSync(dir, { recursive: true });
    return dir;
  }
  return mkdtempSync(join(tmpdir(), 'escaleer-screenshots-'));
};
