#!/usr/bin/env node
// Builds the Teams app package: fills manifest/manifest.template.json from the environment,
// validates it (JSON schema offline + our own checks) and writes build/escaleer-teams-app.zip
// with exactly manifest.json, color.png and outline.png at the root.
//
//   MICROSOFT_APP_ID=<guid> PUBLIC_HOSTNAME=escaleer.azurewebsites.net npm run package
//
// Environment: MICROSOFT_APP_ID (bot app id), PUBLIC_HOSTNAME, optional TEAMS_APP_ID (default:
// the bot app id), TAB_SSO_APP_ID (default: the bot app id), APP_VERSION (default: package.json),
// DEVELOPER_NAME, DEVELOPER_WEBSITE_URL, DEVELOPER_PRIVACY_URL, DEVELOPER_TERMS_URL (default:
// Escaleer and the bot's own pages /, /privacy and /voorwaarden).
// Options: --out <file>  --require-env (refuse the demo values; use this for real packages).
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const lib = require('./manifest-lib.cjs');
const AdmZip = require('adm-zip');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifestDir = join(root, 'manifest');

const parseArgs = (argv) => {
  const opts = { out: join(root, 'build', 'escaleer-teams-app.zip'), requireEnv: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) opts.out = resolve(argv[++i]);
    else if (argv[i] === '--require-env') opts.requireEnv = true;
    else throw new Error(`onbekende optie ${argv[i]} (gebruik --out <bestand> of --require-env)`);
  }
  return opts;
};

const fail = (title, problems) => {
  console.error(`${title}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
};

const main = async () => {
  const opts = parseArgs(process.argv.slice(2));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const template = JSON.parse(readFileSync(join(manifestDir, 'manifest.template.json'), 'utf8'));

  let settings;
  try {
    settings = lib.resolveSettings(process.env, { packageVersion: pkg.version, requireEnv: opts.requireEnv });
  } catch (e) {
    fail('Instellingen ongeldig', [e.message]);
  }
  if (settings.usedDefaults.length > 0) {
    console.warn(
      `LET OP: ${settings.usedDefaults.join(', ')} niet gezet; demowaarden gebruikt ` +
        `(app-id ${lib.DEMO.appId}, host ${lib.DEMO.host}). Dit pakket werkt niet in een echte tenant.`,
    );
  }

  const manifest = lib.fillTemplate(template, settings);
  const icons = Object.fromEntries(Object.values(manifest.icons).map((file) => [file, readFileSync(join(manifestDir, file))]));

  const schemaErrors = await lib.validateSchema(manifest);
  if (schemaErrors.length > 0) fail(`Manifest voldoet niet aan ${manifest.$schema}`, schemaErrors);
  const problems = lib.checkManifest(manifest, icons);
  if (problems.length > 0) fail('Manifest afgekeurd door onze controles', problems);

  const zip = lib.buildPackage(manifest, icons);
  const entries = new AdmZip(zip).getEntries().map((e) => e.entryName);
  const zipProblems = lib.checkPackageEntries(entries);
  if (zipProblems.length > 0) fail('App-pakket onjuist', zipProblems);

  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, zip);
  console.log(
    `App-pakket geschreven: ${opts.out}\n` +
      `  Teams-app-id ${settings.teamsAppId}, bot ${settings.botAppId}, versie ${settings.version}, host ${settings.host}`,
  );
};

main().catch((e) => fail('Pakket maken mislukt', [e.stack ?? String(e)]));
