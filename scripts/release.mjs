#!/usr/bin/env node
// The release zip for App Service with WEBSITE_RUN_FROM_PACKAGE=1 (docs/deployment.md, stap 5):
// built code and production dependencies only, so App Service builds nothing and runs exactly
// what was tested.
//
//   npm run release                      → build/escaleer-<version>.zip
//   npm run release -- --out <file.zip>
//
// Steps: the runtime files into a staging folder (package.json, package-lock.json, cards/,
// src/tab/public/); at the same time a clean TypeScript build of src/ and `npm ci --omit=dev
// --ignore-scripts` there (from npm's local cache when it has the packages); declarations, maps
// and readmes removed; then one zip. With TEMPLATE_BASE_URL (the public
// folder where infra/main.json and infra/createUiDefinition.json are published) it also prints the
// "Deploy to Azure" link for that folder.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const AdmZip = require('adm-zip');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const parseArgs = (argv) => {
  const opts = { out: join(root, 'build', `escaleer-${pkg.version}.zip`) };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) opts.out = resolve(argv[++i]);
    else throw new Error(`onbekende optie ${argv[i]} (gebruik --out <bestand.zip>)`);
  }
  return opts;
};

/** What the running app reads besides dist/ and node_modules/ (see src/cards/templates.ts, src/tab/assets.ts). */
export const RUNTIME_FILES = ['package.json', 'package-lock.json', 'cards', join('src', 'tab', 'public')];

/**
 * Files Node never loads at run time: type declarations, TypeScript sources, source maps and
 * readmes (about 60% of the files of the production dependencies). Licences stay.
 */
export const UNUSED_AT_RUNTIME = /\.(d\.[cm]?ts|[cm]?ts|map|md|markdown)$/i;

const prune = (dir) => {
  let removed = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) removed += entry.name === '.bin' ? (rmSync(p, { recursive: true, force: true }), 1) : prune(p);
    else if (UNUSED_AT_RUNTIME.test(entry.name)) {
      unlinkSync(p);
      removed++;
    }
  }
  return removed;
};

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The portal link that opens infra/main.json with infra/createUiDefinition.json from `base`. */
export const deployToAzureUrl = (base) => {
  const folder = base.endsWith('/') ? base : `${base}/`;
  return `https://portal.azure.com/#create/Microsoft.Template/uri/${encodeURIComponent(`${folder}main.json`)}/createUIDefinitionUri/${encodeURIComponent(`${folder}createUiDefinition.json`)}`;
};

/** Runs a command; resolves when it exits 0, rejects otherwise. */
const runAsync = (cmd, args, cwd) =>
  new Promise((resolveRun, reject) => {
    // npm is npm.cmd on Windows, which Node starts only through a shell.
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolveRun() : reject(new Error(`${cmd} ${args[0]} stopte met code ${code}`))));
  });

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

const main = async () => {
  const opts = parseArgs(process.argv.slice(2));
  const staging = join(root, 'build', 'release-staging');
  rmSync(staging, { recursive: true, force: true });
  const app = join(staging, 'app');
  mkdirSync(app, { recursive: true });
  for (const f of RUNTIME_FILES) cpSync(join(root, f), join(app, f), { recursive: true });

  // The build and the install are independent: both at once.
  console.log('1/2 bouwen (TypeScript) en productie-afhankelijkheden (npm ci --omit=dev)…');
  const compiled = join(staging, '.compiled');
  // src/ only (tsconfig.build.json also builds scripts/ and bench/), from scratch.
  const tsconfig = join(staging, 'tsconfig.release.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: join(root, 'tsconfig.build.json'),
      compilerOptions: { rootDir: root, outDir: compiled, incremental: false, tsBuildInfoFile: null, sourceMap: false, declaration: false },
      include: [join(root, 'src', '**', '*.ts')],
    }),
  );
  const t0 = Date.now();
  await Promise.all([
    runAsync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig], root).then(() =>
      console.log(`   gebouwd in ${seconds(t0)}`),
    ),
    runAsync(npm, ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], app).then(
      () => console.log(`   geïnstalleerd in ${seconds(t0)}`),
    ),
  ]);
  cpSync(join(compiled, 'src'), join(app, 'dist', 'src'), { recursive: true });

  console.log('2/2 zip…');
  const t1 = Date.now();
  // node_modules/.bin holds symlinks to CLIs the app never runs; declarations, maps and readmes go too.
  prune(join(app, 'node_modules'));
  prune(join(app, 'dist'));
  const zip = new AdmZip();
  zip.addLocalFolder(app);
  mkdirSync(dirname(opts.out), { recursive: true });
  zip.writeZip(opts.out);
  console.log(`   ${seconds(t1)}`);
  rmSync(staging, { recursive: true, force: true });

  const mb = (statSync(opts.out).size / 1024 / 1024).toFixed(1);
  console.log(`\nKlaar: ${relative(process.cwd(), opts.out) || opts.out} (${mb} MB, versie ${pkg.version}).`);
  console.log('Uitrollen (stap 5 van docs/deployment.md):');
  console.log(`  az webapp deploy --resource-group "$RG" --name "$APP" --src-path ${relative(process.cwd(), opts.out)} --type zip`);
  const base = (process.env.TEMPLATE_BASE_URL ?? '').trim();
  if (base) console.log(`\n"Deploy to Azure"-link voor ${base}:\n  ${deployToAzureUrl(base)}`);
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!existsSync(join(root, 'node_modules', 'typescript'))) {
    console.error('Eerst npm ci (de release bouwt met de ontwikkelafhankelijkheden).');
    process.exit(1);
  }
  main().catch((e) => {
    console.error(`Release mislukt: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
