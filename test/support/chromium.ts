import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium; playwright-core never downloads a browser here. */
const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const apt = (args: readonly string[]): void => {
  execFileSync('apt-get', [...args], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 600_000 });
};

/**
 * Makes sure Debian's chromium is installed (installs it with apt-get when missing; the test
 * machines run as root). Returns its path. Call from `beforeAll` with a generous timeout.
 */
const ensureChromium = (): string => {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  try {
    apt(['install', '-y', '--no-install-recommends', 'chromium']);
  } catch {
    apt(['update']);
    apt(['install', '-y', '--no-install-recommends', 'chromium']);
  }
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`chromium niet gevonden op ${CHROMIUM_PATH} na apt-get install`);
  return CHROMIUM_PATH;
};

/** Launches headless chromium (installing it first if needed). */
export const launchBrowser = async (): Promise<Browser> => chromium.launch({ executablePath: ensureChromium(), args: [...CHROMIUM_ARGS] });

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Aborts every request to a host other than loopback (web fonts, CDNs, telemetry); returns the blocked URLs. */
export const blockOutside = async (context: BrowserContext): Promise<string[]> => {
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:') && !LOOPBACK.has(url.hostname)) {
      blocked.push(url.href);
      return route.abort();
    }
    return route.continue();
  });
  return blocked;
};
