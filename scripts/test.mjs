#!/usr/bin/env node
// `npm test`: installs what the tests need (Debian's chromium for the browser checks), runs ESLint,
// Prettier's check, dependency-cruiser (layer rules, no cycles) and knip (unused code), then
// type-checks and runs every jest suite (unit, integration against Azurite, e2e through the
// Agents Playground, cards, manifest, infra, tab) with the domain coverage threshold.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return r.status ?? 1;
};

const ensureChromium = () => {
  if (existsSync('/usr/bin/chromium')) return;
  if (process.getuid?.() !== 0) {
    console.error('Chromium ontbreekt (/usr/bin/chromium). Installeer het met: sudo apt-get install -y chromium');
    process.exit(1);
  }
  console.log('Chromium ontbreekt: installeren via apt-get (Debian-pakket chromium)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env }) !== 0 || run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }) !== 0) {
    console.error('Chromium installeren mislukt.');
    process.exit(1);
  }
};

ensureChromium();
// Lint, format, layer rules and unused code first: each fails the run on a violation.
const bin = (pkg, file) => ['node_modules', pkg, ...file.split('/')].join('/');
for (const [what, file, args] of [
  ['eslint', bin('eslint', 'bin/eslint.js'), ['.']],
  ['prettier --check', bin('prettier', 'bin/prettier.cjs'), ['--check', '--log-level', 'warn', '.']],
  ['depcruise', bin('dependency-cruiser', 'bin/dependency-cruise.mjs'), ['src', '--config', '.dependency-cruiser.cjs']],
  ['knip', bin('knip', 'bin/knip.js'), ['--no-progress']],
]) {
  console.log(`› ${what}`);
  if (run(process.execPath, [file, ...args]) !== 0) process.exit(1);
}
console.log('› tsc --noEmit');
if (run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']) !== 0) process.exit(1);
console.log('› jest');
const extra = process.argv.slice(2);
process.exit(run(process.execPath, ['--disable-warning=DEP0111', 'node_modules/jest/bin/jest.js', '--coverage', ...extra]));
