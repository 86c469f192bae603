'use strict';
// Fills the Teams app manifest template and checks the result (schema + our own rules).
// CommonJS so that both scripts/package-app.mjs and the jest tests (CommonJS via swc) can load it.
const AdmZip = require('adm-zip');
const { pngInfo, decodePng } = require('./manifest-lib.png.cjs');

/** Clearly fake values for local runs without environment (never for a real tenant). */
const DEMO = Object.freeze({ appId: '00000000-0000-4000-8000-0000000e5c1e', host: 'localhost:3978' });

/** RSC permissions Escaleer may request (least privilege; widen only after a privacy review). */
const ALLOWED_RSC_PERMISSIONS = Object.freeze([
  'ChannelMessage.Read.Group',
  'TeamMember.Read.Group',
  'TeamSettings.Read.Group',
  'ChatMessage.Read.Chat',
  'ChatMember.Read.Chat',
]);

const PACKAGE_FILES = Object.freeze(['manifest.json', 'color.png', 'outline.png']);
const MAX_COMMANDS_PER_SCOPE = 10;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/**
 * Splits PUBLIC_HOSTNAME ("escaleer.azurewebsites.net", "https://x.example/", "localhost:3978")
 * into the host used in URLs (may keep a port) and the domain for validDomains (never a port).
 */
const normalizeHost = (input) => {
  const raw = String(input)
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/+$/, '');
  const m = /^([a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:(\d{1,5}))?$/i.exec(raw);
  if (!m || raw.includes('..')) {
    throw new Error(`PUBLIC_HOSTNAME "${input}" is geen hostnaam (verwacht bijv. escaleer.azurewebsites.net)`);
  }
  return { host: raw.toLowerCase(), domain: m[1].toLowerCase() };
};

/**
 * Reads the manifest settings from an environment. Missing values fall back to DEMO values
 * (listed in `usedDefaults`) unless `requireEnv` is set; invalid values always throw.
 */
const resolveSettings = (env, { packageVersion = '0.0.0', requireEnv = false } = {}) => {
  const usedDefaults = [];
  const pick = (name, fallback) => {
    const v = (env[name] ?? '').trim();
    if (v) return v;
    usedDefaults.push(name);
    return fallback;
  };
  const botAppId = pick('MICROSOFT_APP_ID', DEMO.appId);
  const hostInput = pick('PUBLIC_HOSTNAME', DEMO.host);
  if (requireEnv && usedDefaults.length > 0) {
    throw new Error(`verplichte omgevingsvariabelen ontbreken: ${usedDefaults.join(', ')}`);
  }
  const teamsAppId = (env.TEAMS_APP_ID ?? '').trim() || botAppId;
  const ssoAppId = (env.TAB_SSO_APP_ID ?? '').trim() || botAppId;
  // A user-assigned managed identity cannot expose an API (api://<host>/<id>): Teams SSO in the tab
  // would fail and installs have been reported to fail with such a webApplicationInfo.id.
  if ((env.MICROSOFT_APP_TYPE ?? '').trim() === 'UserAssignedMSI' && ssoAppId === botAppId) {
    throw new Error(
      'TAB_SSO_APP_ID ontbreekt of is gelijk aan de managed identity (MICROSOFT_APP_ID bij UserAssignedMSI): een managed identity kan geen API aanbieden. Maak een app-registratie voor de tab (zie docs/deployment.md) en zet haar id in TAB_SSO_APP_ID.',
    );
  }
  // With the identity's client id at hand (output identityClientId), refuse it as SSO app whatever the type.
  const identity = (env.MANAGED_IDENTITY_CLIENT_ID ?? '').trim().toLowerCase();
  if (identity && ssoAppId.toLowerCase() === identity) {
    throw new Error(
      'TAB_SSO_APP_ID is de client-id van de managed identity (MANAGED_IDENTITY_CLIENT_ID): een managed identity kan geen API aanbieden. Gebruik de app-registratie van scripts/entra-app.sh (docs/deployment.md, stap 7).',
    );
  }
  const version = (env.APP_VERSION ?? '').trim() || packageVersion;
  for (const [name, value] of [
    ['MICROSOFT_APP_ID', botAppId],
    ['TEAMS_APP_ID', teamsAppId],
    ['TAB_SSO_APP_ID', ssoAppId],
  ]) {
    if (!GUID.test(value)) throw new Error(`${name} "${value}" is geen GUID`);
  }
  if (!SEMVER.test(version)) throw new Error(`APP_VERSION "${version}" is geen versie als 1.2.3`);
  const { host, domain } = normalizeHost(hostInput);
  const developer = resolveDeveloper(env, host);
  return { teamsAppId, botAppId, ssoAppId, host, domain, version, developer, usedDefaults };
};

/** Teams shows at most 32 characters of the developer name (schema maxLength). */
const DEVELOPER_NAME_MAX = 32;

/**
 * The publisher shown in Teams' app details: name and web, privacy and terms URLs. By default the
 * bot's own pages (it serves /privacy and /voorwaarden); a care organisation that publishes the app
 * may point them at its own site (any https host: Teams opens these links in the browser, so they
 * need not be in validDomains).
 */
const resolveDeveloper = (env, host) => {
  const name = (env.DEVELOPER_NAME ?? '').trim() || 'Escaleer';
  if (name.length > DEVELOPER_NAME_MAX) throw new Error(`DEVELOPER_NAME "${name}" is langer dan ${DEVELOPER_NAME_MAX} tekens`);
  const url = (variable, fallback) => {
    const v = (env[variable] ?? '').trim() || fallback;
    let parsed;
    try {
      parsed = new URL(v);
    } catch {
      throw new Error(`${variable} "${v}" is geen URL (verwacht bijv. https://www.zorgorganisatie.nl/privacy)`);
    }
    if (parsed.protocol !== 'https:') throw new Error(`${variable} "${v}" moet met https:// beginnen`);
    return v;
  };
  return {
    name,
    websiteUrl: url('DEVELOPER_WEBSITE_URL', `https://${host}/`),
    privacyUrl: url('DEVELOPER_PRIVACY_URL', `https://${host}/privacy`),
    termsUrl: url('DEVELOPER_TERMS_URL', `https://${host}/voorwaarden`),
  };
};

/** Replaces {{PLACEHOLDER}}s in every string of the template; unknown placeholders throw. */
const fillTemplate = (template, s) => {
  const values = {
    TEAMS_APP_ID: s.teamsAppId,
    BOT_APP_ID: s.botAppId,
    SSO_APP_ID: s.ssoAppId,
    HOST: s.host,
    DOMAIN: s.domain,
    APP_VERSION: s.version,
    DEVELOPER_NAME: s.developer.name,
    DEVELOPER_WEBSITE_URL: s.developer.websiteUrl,
    DEVELOPER_PRIVACY_URL: s.developer.privacyUrl,
    DEVELOPER_TERMS_URL: s.developer.termsUrl,
  };
  const fill = (node) => {
    if (typeof node === 'string') {
      return node.replace(/\{\{([A-Z_]+)\}\}/g, (_, key) => {
        if (!(key in values)) throw new Error(`onbekende placeholder {{${key}}} in het manifest-sjabloon`);
        return values[key];
      });
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]));
    return node;
  };
  return fill(template);
};

/** Validates against the JSON schema named in $schema, offline (schemas ship with the package). */
const validateSchema = async (manifest) => {
  const { AppManifestUtils } = require('@microsoft/app-manifest');
  return AppManifestUtils.validateAgainstSchema(manifest);
};

/** Every string value with its JSON path. */
const strings = (node, path = '') => {
  if (typeof node === 'string') return [[path, node]];
  if (Array.isArray(node)) return node.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
};

const domainAllowed = (hostname, validDomains) =>
  validDomains.some((d) => (d.startsWith('*.') ? hostname.endsWith(d.slice(1)) : hostname === d.toLowerCase()));

const checkUrls = (manifest) => {
  const problems = [];
  const validDomains = manifest.validDomains ?? [];
  for (const d of validDomains) {
    if (/[:/]/.test(d)) problems.push(`validDomains: "${d}" mag geen schema, poort of pad bevatten`);
  }
  for (const [path, value] of strings(manifest)) {
    if (path === '.$schema' || !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) continue;
    let url;
    try {
      url = new URL(value);
    } catch {
      problems.push(`${path}: "${value}" is geen geldige URL`);
      continue;
    }
    if (path === '.webApplicationInfo.resource') {
      if (url.protocol !== 'api:') problems.push(`${path}: moet met api:// beginnen`);
    } else if (url.protocol !== 'https:') {
      problems.push(`${path}: "${value}" moet https gebruiken`);
    }
    // The publisher's links open in the browser; only content Teams loads must be in validDomains.
    if (!path.startsWith('.developer.') && !domainAllowed(url.hostname.toLowerCase(), validDomains)) {
      problems.push(`${path}: host "${url.hostname}" staat niet in validDomains`);
    }
  }
  return problems;
};

const checkIds = (manifest) => {
  const ids = [['.id', manifest.id], ...(manifest.bots ?? []).map((b, i) => [`.bots[${i}].botId`, b.botId])];
  if (manifest.webApplicationInfo) ids.push(['.webApplicationInfo.id', manifest.webApplicationInfo.id]);
  const problems = ids.filter(([, v]) => !GUID.test(String(v))).map(([p, v]) => `${p}: "${v}" is geen GUID`);
  const wai = manifest.webApplicationInfo;
  if (wai && !String(wai.resource ?? '').endsWith(`/${wai.id}`)) {
    problems.push('.webApplicationInfo.resource: moet eindigen op de id van webApplicationInfo');
  }
  return problems;
};

const checkPermissions = (manifest) =>
  (manifest.authorization?.permissions?.resourceSpecific ?? [])
    .filter((p) => !ALLOWED_RSC_PERMISSIONS.includes(p.name))
    .map((p) => `RSC-permissie "${p.name}" staat niet op de toegestane lijst (${ALLOWED_RSC_PERMISSIONS.join(', ')})`);

const checkCommands = (manifest) => {
  const problems = [];
  for (const [b, bot] of (manifest.bots ?? []).entries()) {
    const perScope = new Map();
    for (const list of bot.commandLists ?? []) {
      for (const scope of list.scopes ?? []) {
        perScope.set(scope, [...(perScope.get(scope) ?? []), ...(list.commands ?? []).map((c) => c.title)]);
      }
    }
    for (const scope of perScope.keys()) {
      if (!(bot.scopes ?? []).includes(scope))
        problems.push(`bots[${b}]: opdrachtlijst voor scope ${scope}, maar de bot is daar niet beschikbaar`);
    }
    for (const [scope, titles] of perScope) {
      if (titles.length > MAX_COMMANDS_PER_SCOPE) {
        problems.push(`bots[${b}] scope ${scope}: ${titles.length} opdrachten, maximaal ${MAX_COMMANDS_PER_SCOPE}`);
      }
      const seen = new Set();
      for (const t of titles.map((x) => String(x).toLowerCase())) {
        if (seen.has(t)) problems.push(`bots[${b}] scope ${scope}: opdracht "${t}" staat er dubbel in`);
        seen.add(t);
      }
    }
  }
  return problems;
};

const ICON_SIZES = { color: 192, outline: 32 };

/** icons: { [fileName]: Buffer }. */
const checkIcons = (manifest, icons) => {
  const problems = [];
  for (const [kind, size] of Object.entries(ICON_SIZES)) {
    const file = manifest.icons?.[kind];
    const buf = file ? icons[file] : undefined;
    if (!buf) {
      problems.push(`icons.${kind}: bestand "${file}" ontbreekt`);
      continue;
    }
    let info;
    try {
      info = pngInfo(buf);
    } catch (e) {
      problems.push(`icons.${kind}: ${e.message}`);
      continue;
    }
    if (info.width !== size || info.height !== size) {
      problems.push(`icons.${kind}: ${info.width}×${info.height}, verwacht ${size}×${size}`);
    }
    if (kind === 'outline') problems.push(...checkOutlinePixels(buf));
  }
  return problems;
};

/** The outline icon: transparent background, and every visible pixel pure white. */
const checkOutlinePixels = (buf) => {
  let img;
  try {
    img = decodePng(buf);
  } catch (e) {
    return [`icons.outline: ${e.message}`];
  }
  const { width, height, rgba } = img;
  let visible = 0;
  let nonWhite = 0;
  for (let i = 0; i < width * height; i++) {
    const o = i * 4;
    if (rgba[o + 3] === 0) continue;
    visible++;
    if (rgba[o] !== 255 || rgba[o + 1] !== 255 || rgba[o + 2] !== 255) nonWhite++;
  }
  const problems = [];
  if (visible === width * height) problems.push('icons.outline: achtergrond is niet transparant');
  if (visible === 0) problems.push('icons.outline: het icoon is helemaal leeg');
  if (nonWhite > 0) problems.push(`icons.outline: ${nonWhite} zichtbare pixels zijn niet wit`);
  return problems;
};

const checkPackageEntries = (names) => {
  const sorted = [...names].sort();
  const expected = [...PACKAGE_FILES].sort();
  return JSON.stringify(sorted) === JSON.stringify(expected)
    ? []
    : [`het app-pakket moet precies ${expected.join(', ')} bevatten (in de root), niet: ${sorted.join(', ')}`];
};

/** All our own checks; an empty array means the manifest passes. */
const checkManifest = (manifest, icons) => [
  ...strings(manifest)
    .filter(([, v]) => v.includes('{{'))
    .map(([p]) => `${p}: placeholder niet ingevuld`),
  ...(SEMVER.test(String(manifest.version)) ? [] : [`.version: "${manifest.version}" is geen semver`]),
  ...checkIds(manifest),
  ...checkPermissions(manifest),
  ...checkCommands(manifest),
  ...checkUrls(manifest),
  ...checkIcons(manifest, icons),
];

/** The app package (zip) with manifest.json and the icons at the root. */
const buildPackage = (manifest, icons) => {
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  for (const kind of Object.keys(ICON_SIZES)) zip.addFile(manifest.icons[kind], icons[manifest.icons[kind]]);
  return zip.toBuffer();
};

module.exports = {
  DEMO,
  ALLOWED_RSC_PERMISSIONS,
  PACKAGE_FILES,
  MAX_COMMANDS_PER_SCOPE,
  normalizeHost,
  resolveSettings,
  fillTemplate,
  validateSchema,
  checkManifest,
  checkPackageEntries,
  buildPackage,
};
