import type { Direct } from '../support/direct';
import {
  SECRET_CLIENT_REF,
  SECRET_TEXT,
  SSO_APP_ID,
  type Place,
  type TestIssuer,
  caseWithFreeText,
  openCase,
  ssoClaims,
  startIssuer,
  startSsoTabApp,
} from './harness';

const TENANT_X = '6a1c1f3e-0000-4000-8000-00000000000a';
const TENANT_Y = '6a1c1f3e-0000-4000-8000-00000000000b';
const TEAM_A = '19:team-a@thread.tacv2';
const TEAM_B = '19:team-b@thread.tacv2';

const xA: Place = { tenantId: TENANT_X, teamId: TEAM_A, channelId: '19:kanaal-a@thread.tacv2' };
const xB: Place = { tenantId: TENANT_X, teamId: TEAM_B, channelId: '19:kanaal-b@thread.tacv2' };
/** Another organisation whose team happens to have the same internal id as team A. */
const yA: Place = { tenantId: TENANT_Y, teamId: TEAM_A, channelId: '19:kanaal-y@thread.tacv2' };

type Body = { code?: string; message?: string; mode?: string; cases?: { caseId: string; stepLabel: string }[]; tables?: unknown[] };

describe('tab-API /api/tab/cases met Teams-SSO', () => {
  let issuer: TestIssuer;
  let d: Direct;
  const ids = { xA: [] as string[], xB: [] as string[], yA: [] as string[] };

  const now = () => Math.floor(Date.now() / 1000);
  const claims = (over: Record<string, unknown> = {}) => ssoClaims(TENANT_X, '11111111-1111-4111-8111-000000000001', over);
  const get = async (query: string, token?: string): Promise<{ status: number; body: Body; raw: string }> => {
    const r = await fetch(`http://127.0.0.1:${d.app.port}/api/tab/cases?${query}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const raw = await r.text();
    return { status: r.status, body: JSON.parse(raw) as Body, raw };
  };
  const team = (t: string) => `team=${encodeURIComponent(t)}`;

  beforeAll(async () => {
    issuer = await startIssuer();
    d = await startSsoTabApp(issuer);
    ids.xA.push(await caseWithFreeText(d, xA), (await openCase(d, xA)).caseId);
    ids.xB.push((await openCase(d, xB)).caseId);
    ids.yA.push((await openCase(d, yA)).caseId);
  }, 30_000);
  afterAll(async () => {
    await d?.close();
    await issuer?.close();
  });

  it('weigert zonder token met 401 en een Nederlandse melding, ook met ?tenant=&team= buiten ontwikkelmodus', async () => {
    for (const q of [team(TEAM_A), `tenant=${TENANT_X}&${team(TEAM_A)}`]) {
      const r = await get(q);
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('not_signed_in');
      expect(r.body.message).toMatch(/Niet aangemeld.*Microsoft Teams/);
      expect(r.raw).not.toContain('CAS-');
    }
    expect((await get(team(TEAM_A), 'geen.echt.token')).status).toBe(401);
  });

  it('geeft met een geldig token alleen de casussen van het eigen team, zonder vrije tekst of cliëntreferentie', async () => {
    const r = await get(team(TEAM_A), issuer.token(claims()));
    expect(r.status).toBe(200);
    expect(r.body.mode).toBe('sso');
    expect(r.body.cases?.map((c) => c.caseId).sort()).toEqual([...ids.xA].sort());
    expect(r.body.cases?.find((c) => c.caseId === ids.xA[0])?.stepLabel).toMatch(/Stap 2/);
    expect(r.raw).not.toContain(SECRET_CLIENT_REF);
    expect(r.raw).not.toContain(SECRET_TEXT);
    expect(r.raw).not.toContain('clientRef');
    for (const other of [...ids.xB]) expect(r.raw).not.toContain(`"${other}"`);

    const b = await get(team(TEAM_B), issuer.token(claims()));
    expect(b.status).toBe(200);
    expect(b.body.cases?.map((c) => c.caseId)).toEqual(ids.xB);
  });

  it('laat een andere organisatie (tenant Y) nooit de casussen van tenant X zien, ook niet bij hetzelfde team-id', async () => {
    const tokenY = issuer.token(claims({ tid: TENANT_Y, iss: `https://sts.windows.net/${TENANT_Y}/` }));
    const y = await get(team(TEAM_A), tokenY);
    expect(y.status).toBe(200);
    expect(y.body.cases?.map((c) => c.caseId)).toEqual(ids.yA);
    // Case numbers restart per tenant: compare whole responses, not only ids.
    const x = await get(team(TEAM_A), issuer.token(claims()));
    expect(x.body.cases).toHaveLength(ids.xA.length);
    expect(y.body.cases).toHaveLength(1);

    const unknown = await get(team(TEAM_B), tokenY);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('not_found');
    expect(unknown.raw).not.toContain('CAS-');

    const spoof = await get(`tenant=${TENANT_X}&${team(TEAM_A)}`, tokenY);
    expect(spoof.status).toBe(403);
    expect(spoof.body.message).toMatch(/organisatie/);
  });

  it('weigert verkeerde doelgroep, verlopen token, verkeerde handtekening, ander algoritme, onjuiste uitgever en ontbrekende scope', async () => {
    const bad: [string, string][] = [
      ['doelgroep', issuer.token(claims({ aud: 'api://elders.example/00000000-0000-4000-8000-000000000000' }))],
      ['verlopen', issuer.token(claims({ exp: now() - 600 }))],
      ['nog niet geldig', issuer.token(claims({ nbf: now() + 3600 }))],
      ['handtekening', issuer.token(claims(), { key: issuer.strangerKey })],
      ['onbekende sleutel', issuer.token(claims(), { kid: 'niet-gepubliceerd', key: issuer.strangerKey })],
      ['alg none', `${issuer.token(claims(), { alg: 'none' }).split('.').slice(0, 2).join('.')}.`],
      ['uitgever van een andere tenant', issuer.token(claims({ iss: `https://sts.windows.net/${TENANT_Y}/` }))],
      ['uitgever onbekend', issuer.token(claims({ iss: `https://evil.example/${TENANT_X}/v2.0` }))],
      ['geen scope', issuer.token(claims({ scp: undefined, roles: ['access_as_user'] }))],
      ['geen tid', issuer.token(claims({ tid: undefined }))],
    ];
    for (const [why, token] of bad) {
      const r = await get(team(TEAM_A), token);
      expect({ why, status: r.status, code: r.body.code }).toEqual({ why, status: 401, code: 'invalid_token' });
      expect(r.raw).not.toContain('CAS-');
    }
    const tampered = issuer.token(claims()).split('.');
    const payload = Buffer.from(JSON.stringify(claims({ tid: TENANT_Y, iss: `https://sts.windows.net/${TENANT_Y}/` }))).toString(
      'base64url',
    );
    expect((await get(team(TEAM_A), `${tampered[0]}.${payload}.${tampered[2]}`)).status).toBe(401);
  });

  it('accepteert ook een v2-token (aud = app-id, uitgever login.microsoftonline.com/{tid}/v2.0)', async () => {
    const r = await get(team(TEAM_A), issuer.token(claims({ aud: SSO_APP_ID, iss: `https://login.microsoftonline.com/${TENANT_X}/v2.0` })));
    expect(r.status).toBe(200);
    expect(r.body.cases).toHaveLength(ids.xA.length);
  });

  it('vraagt Teams of de aangemelde gebruiker lid is van het team, en weigert een niet-lid met 403', async () => {
    const outsider = '22222222-2222-4222-8222-0000000000ff';
    const asked: string[] = [];
    d.connector.responder = (call) => {
      if (call.method === 'GET' && call.path.includes('/members/')) {
        asked.push(call.path);
        return call.path.endsWith(`/members/${outsider}`)
          ? { status: 404, body: { error: { code: 'MemberNotFoundInConversation' } } }
          : null;
      }
      return null;
    };
    try {
      const member = await get(team(TEAM_A), issuer.token(claims()));
      expect(member.status).toBe(200);
      const refused = await get(team(TEAM_A), issuer.token(claims({ oid: outsider })));
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('not_member');
      expect(refused.raw).not.toContain('CAS-');
      expect(asked).toContain(`/v3/conversations/${TEAM_A}/members/${outsider}`);
      const again = asked.length;
      await get(team(TEAM_A), issuer.token(claims({ oid: outsider })));
      expect(asked.length).toBe(again);
    } finally {
      d.connector.responder = () => null;
    }
  });

  it('vraagt om een team en geeft geen cache-toestemming', async () => {
    const r = await fetch(`http://127.0.0.1:${d.app.port}/api/tab/cases`, {
      headers: { authorization: `Bearer ${issuer.token(claims())}` },
    });
    expect(r.status).toBe(400);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(((await r.json()) as Body).message).toMatch(/team/);
  });
});

describe('tab-API als de sleutels van de uitgever onbereikbaar zijn', () => {
  it('antwoordt 503 met een Nederlandse melding (geen 401, geen 500) en geeft geen casussen', async () => {
    const issuer = await startIssuer();
    const closed = await startIssuer();
    const metadataUrl = closed.metadataUrl;
    await closed.close();
    const d = await startSsoTabApp(issuer, metadataUrl);
    try {
      const token = issuer.token({
        aud: SSO_APP_ID,
        iss: `https://login.microsoftonline.com/${TENANT_X}/v2.0`,
        tid: TENANT_X,
        oid: 'o',
        scp: 'access_as_user',
        exp: Math.floor(Date.now() / 1000) + 600,
      });
      for (let i = 0; i < 2; i++) {
        const r = await fetch(`http://127.0.0.1:${d.app.port}/api/tab/cases?team=x`, { headers: { authorization: `Bearer ${token}` } });
        expect(r.status).toBe(503);
        expect(((await r.json()) as Body).message).toMatch(/kan nu niet worden gecontroleerd/);
      }
    } finally {
      await d.close();
      await issuer.close();
    }
  });
});
