import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * scripts/entra-app.sh against a recording stand-in for the az CLI (az and Microsoft Graph are not
 * reachable here): which calls it makes, with which bodies, and that it never asks for a secret.
 */
const REPO = join(__dirname, '..', '..');
const SCRIPT = join(REPO, 'scripts', 'entra-app.sh');
const TEXT = readFileSync(SCRIPT, 'utf8');
const TEAMS_CLIENTS = ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346'];
const OUTPUTS = {
  webAppHostname: 'escaleer-abc.azurewebsites.net',
  botTenantId: '0c9a4b1e-8d7f-4e6a-9b5c-3d2e1f0a9b8c',
  identityPrincipalId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  identityClientId: '2d7e9c41-5b3a-4f1e-8c6d-9a0b1c2d3e4f',
};
const APP_ID = '3b8f2c1d-7e6a-4d5c-9b0a-1f2e3d4c5b6a';

/** The stand-in: answers what the script asks, records every call (with the body file's content). */
const FAKE_AZ = `#!/usr/bin/env node
const fs = require('fs');
const args = process.argv.slice(2);
const opt = (n) => { const i = args.indexOf(n); return i < 0 ? undefined : args[i + 1]; };
const body = opt('--body');
const state = JSON.parse(process.env.FAKE_AZ_STATE);
fs.appendFileSync(process.env.FAKE_AZ_LOG, JSON.stringify({ args, body: body && body.startsWith('@') ? JSON.parse(fs.readFileSync(body.slice(1), 'utf8')) : body }) + '\\n');
const q = opt('--query') || '';
const uri = opt('--uri') || '';
const method = opt('--method');
let answer = '';
if (args[0] === 'deployment') answer = state.outputs[q.split('.')[2]] || '';
else if (method === 'GET' && uri.includes('/applications?')) answer = state.existing ? 'obj-1' : '';
else if (method === 'POST' && uri.endsWith('/applications')) answer = 'obj-1';
else if (method === 'GET' && uri.endsWith('/applications/obj-1') && q === 'appId') answer = state.appId;
else if (method === 'GET' && uri.endsWith('/applications/obj-1') && q.startsWith('api.oauth2PermissionScopes')) answer = state.existing ? 'scope-1' : '';
else if (method === 'GET' && uri.includes('/servicePrincipals?')) answer = state.existing ? 'sp-1' : '';
else if (method === 'GET' && uri.endsWith('/federatedIdentityCredentials')) answer = state.existing ? 'fic-1' : '';
if (answer) process.stdout.write(answer + '\\n');
`;

interface Call {
  args: string[];
  body?: Record<string, unknown>;
}

const run = (existing: boolean): { status: number | null; stdout: string; calls: Call[] } => {
  const dir = mkdtempSync(join(tmpdir(), 'escaleer-az-'));
  try {
    writeFileSync(join(dir, 'az'), FAKE_AZ);
    chmodSync(join(dir, 'az'), 0o755);
    const log = join(dir, 'calls.jsonl');
    writeFileSync(log, '');
    const r = spawnSync('bash', [SCRIPT, 'rg-escaleer'], {
      encoding: 'utf8',
      env: {
        PATH: `${dir}:${process.env.PATH}`,
        HOME: dir,
        FAKE_AZ_LOG: log,
        FAKE_AZ_STATE: JSON.stringify({ outputs: OUTPUTS, appId: APP_ID, existing }),
      },
    });
    const calls = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Call);
    return { status: r.status, stdout: r.stdout + r.stderr, calls };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const rest = (calls: Call[], method: string, uriEnd: string): Call[] =>
  calls.filter((c) => c.args[0] === 'rest' && c.args.includes(method) && (c.args[c.args.indexOf('--uri') + 1] ?? '').endsWith(uriEnd));

describe('scripts/entra-app.sh: de app-registratie voor bot en tabblad', () => {
  it('is geldige bash en schrijft nooit een geheim (geen clientgeheim, geen wachtwoord, geen certificaat)', () => {
    expect(spawnSync('bash', ['-n', SCRIPT]).status).toBe(0);
    expect(TEXT).not.toMatch(/addPassword|passwordCredentials|credential reset|clientSecret|keyCredentials|addKey|MICROSOFT_APP_PASSWORD/);
    for (const id of TEAMS_CLIENTS) expect(TEXT).toContain(id);
  });

  it('maakt een single-tenant app met service-principal, api://<host>/<app-id> met access_as_user, Teams vooraf gemachtigd en de federatieve referentie op de beheerde identiteit', () => {
    const { status, stdout, calls } = run(false);
    expect(status).toBe(0);
    const [create] = rest(calls, 'POST', '/applications');
    expect(create?.body).toEqual({ displayName: 'Escaleer', signInAudience: 'AzureADMyOrg' });
    expect(rest(calls, 'POST', '/servicePrincipals')[0]?.body).toEqual({ appId: APP_ID });

    const patches = rest(calls, 'PATCH', '/applications/obj-1').map(
      (c) => c.body as { identifierUris?: string[]; api: Record<string, unknown> },
    );
    expect(patches).toHaveLength(2);
    const api = patches[0]!;
    expect(api.identifierUris).toEqual([`api://${OUTPUTS.webAppHostname}/${APP_ID}`]);
    const scopes = api.api['oauth2PermissionScopes'] as { id: string; value: string; type: string; isEnabled: boolean }[];
    expect(scopes).toHaveLength(1);
    expect(scopes[0]).toMatchObject({ value: 'access_as_user', type: 'User', isEnabled: true });
    expect(scopes[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // Pre-authorising needs the scope to exist: a second PATCH, with the same scope id.
    expect(patches[1]!.api['preAuthorizedApplications']).toEqual(
      TEAMS_CLIENTS.map((appId) => ({ appId, delegatedPermissionIds: [scopes[0]!.id] })),
    );

    const [fic] = rest(calls, 'POST', '/applications/obj-1/federatedIdentityCredentials');
    expect(fic?.body).toMatchObject({
      issuer: `https://login.microsoftonline.com/${OUTPUTS.botTenantId}/v2.0`,
      subject: OUTPUTS.identityPrincipalId,
      audiences: ['api://AzureADTokenExchange'],
    });
    expect(stdout).toContain(`"entraAppId": {"value": "${APP_ID}"}`);
    expect(stdout).toContain(`MICROSOFT_APP_FEDERATED_CLIENT_ID=${OUTPUTS.identityClientId}`);
    expect(stdout).toContain(`ENTRA_APP_ID=${APP_ID}`);
    // Nothing the script sends asks Graph for a password or key.
    for (const c of calls) expect(JSON.stringify(c)).not.toMatch(/password|secret|keyCredential/i);
  });

  it('opnieuw draaien werkt de bestaande app bij: geen tweede app, dezelfde scope-id, de referentie bijgewerkt', () => {
    const { status, calls } = run(true);
    expect(status).toBe(0);
    expect(rest(calls, 'POST', '/applications')).toHaveLength(0);
    expect(rest(calls, 'POST', '/servicePrincipals')).toHaveLength(0);
    const api = rest(calls, 'PATCH', '/applications/obj-1')[0]!.body as { api: { oauth2PermissionScopes: { id: string }[] } };
    expect(api.api.oauth2PermissionScopes[0]!.id).toBe('scope-1');
    expect(rest(calls, 'POST', '/federatedIdentityCredentials')).toHaveLength(0);
    expect(rest(calls, 'PATCH', '/federatedIdentityCredentials/fic-1')).toHaveLength(1);
  });

  it('zonder uitkomsten van de uitrol stopt het met een Nederlandse aanwijzing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escaleer-az-'));
    try {
      writeFileSync(join(dir, 'az'), '#!/bin/sh\nexit 0\n');
      chmodSync(join(dir, 'az'), 0o755);
      const r = spawnSync('bash', [SCRIPT, 'rg-escaleer'], { encoding: 'utf8', env: { PATH: `${dir}:${process.env.PATH}`, HOME: dir } });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('Voer eerst stap 4 van docs/deployment.md uit');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
