import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One static file of the tab, read once at start-up. */
export interface TabAsset {
  readonly contentType: string;
  readonly body: Buffer;
}

/** The tab's static files by URL path. */
export type TabAssets = ReadonlyMap<string, TabAsset>;

const FILES: readonly (readonly [string, string, string])[] = [
  ['/tab', 'index.html', 'text/html; charset=utf-8'],
  ['/tab/config', 'config.html', 'text/html; charset=utf-8'],
  ['/tab/dashboard.js', 'dashboard.js', 'text/javascript; charset=utf-8'],
  ['/tab/config.js', 'config.js', 'text/javascript; charset=utf-8'],
  ['/tab/dashboard.css', 'dashboard.css', 'text/css; charset=utf-8'],
];

/**
 * `src/tab/public` — found from `src/tab` (ts) and from `dist/src/tab` (the build does not copy
 * static files; the deployment ships `src/` as well).
 */
const publicDir = (): string => {
  const candidates = [join(__dirname, 'public'), join(__dirname, '..', '..', '..', 'src', 'tab', 'public')];
  const found = candidates.find((d) => existsSync(join(d, 'index.html')));
  if (!found) throw new Error(`Dashboardbestanden niet gevonden (gezocht in ${candidates.join(', ')})`);
  return found;
};

/**
 * The teams-js UMD bundle from node_modules (served by us; no CDN), or `null` when the package
 * is not installed (it must be a runtime dependency in production).
 */
const teamsJsPath = (): string | null => {
  try {
    return require.resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js');
  } catch {
    return null;
  }
};

export const loadTabAssets = (): TabAssets => {
  const dir = publicDir();
  const map = new Map<string, TabAsset>(
    FILES.map(([url, file, contentType]) => [url, { contentType, body: readFileSync(join(dir, file)) }]),
  );
  const teamsJs = teamsJsPath();
  if (teamsJs) map.set('/tab/teams-js.js', { contentType: 'text/javascript; charset=utf-8', body: readFileSync(teamsJs) });
  return map;
};
