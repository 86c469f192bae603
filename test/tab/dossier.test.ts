import { TableCaseRepository, openTables } from '../../src/storage';
import type { Direct } from '../support/direct';
import { pdfText } from '../support/pdfText';
import { SECRET_TEXT, type Place, type TestIssuer, caseWithFreeText, startIssuer, startTabApp } from './harness';

const APP_ID = '3f9b6f0e-8a53-4c59-9a53-2d3c1f4b7a10';
const HOST = 'escaleer.example.nl';
const TENANT = '6a1c1f3e-0000-4000-8000-00000000000a';
const place: Place = { tenantId: TENANT, teamId: '19:team-a@thread.tacv2', channelId: '19:kanaal-a@thread.tacv2' };
/** channelActivity's default sender: the one who opened and filled the case. */
const OPENER = 'user-1';
const COLLEAGUE = '22222222-2222-4222-8222-000000000002';

describe('tab-API: dossier als PDF voor wie de details mag zien', () => {
  let issuer: TestIssuer;
  let d: Direct;
  let caseId: string;

  const now = () => Math.floor(Date.now() / 1000);
  const token = (oid: string) =>
    issuer.token({
      aud: `api://${HOST}/${APP_ID}`,
      iss: `https://sts.windows.net/${TENANT}/`,
      tid: TENANT,
      oid,
      scp: 'access_as_user',
      iat: now() - 60,
      nbf: now() - 60,
      exp: now() + 3600,
    });
  const get = (path: string, oid?: string) =>
    fetch(`http://127.0.0.1:${d.app.port}${path}`, { headers: oid ? { authorization: `Bearer ${token(oid)}` } : {} });
  const dossierPath = (id: string) => `/api/tab/cases/${id}/dossier?team=${encodeURIComponent(place.teamId)}`;
  const downloads = async () => {
    const tables = await openTables(d.app.storageConnection, d.prefix);
    return (await new TableCaseRepository(tables.cases).events(TENANT, caseId as never)).filter((e) => e.action === 'dossier.downloaden');
  };

  beforeAll(async () => {
    issuer = await startIssuer();
    d = await startTabApp({ TAB_SSO_APP_ID: APP_ID, PUBLIC_HOSTNAME: HOST }, issuer.metadataUrl);
    caseId = await caseWithFreeText(d, place);
  }, 30_000);
  afterAll(async () => {
    await d?.close();
    await issuer?.close();
  });

  it('het overzicht zegt per casus of de aangemelde gebruiker het dossier mag downloaden', async () => {
    const rows = async (oid: string) =>
      (
        (await (await get(`/api/tab/cases?team=${encodeURIComponent(place.teamId)}`, oid)).json()) as {
          cases: { caseId: string; dossier: boolean }[];
        }
      ).cases;
    expect((await rows(OPENER)).find((r) => r.caseId === caseId)?.dossier).toBe(true);
    expect((await rows(COLLEAGUE)).find((r) => r.caseId === caseId)?.dossier).toBe(false);
  });

  it('geeft wie aan de casus werkte de PDF (niet te cachen, als bijlage) en legt de download vast', async () => {
    const before = (await downloads()).length;
    const r = await get(dossierPath(caseId), OPENER);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="dossier-${caseId}.pdf"`);
    const pdf = await pdfText(Buffer.from(await r.arrayBuffer()));
    expect(pdf.text).toContain(`Dossier casus ${caseId}`);
    expect(pdf.text).toContain('Bijstellen ondersteuning (Wmo)');
    expect(pdf.text.replace(/\s+/g, ' ')).toContain(SECRET_TEXT);
    const rows = await downloads();
    expect(rows).toHaveLength(before + 1);
    expect(rows.map((e) => e.actorId)).toContain(OPENER);
    expect(JSON.stringify(d.log.lines)).not.toContain(SECRET_TEXT);
  });

  it('weigert een teamlid zonder zorgrol dat niet aan de casus werkte met 403, zonder PDF of auditregel', async () => {
    const before = (await downloads()).length;
    const r = await get(dossierPath(caseId), COLLEAGUE);
    expect(r.status).toBe(403);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const body = (await r.json()) as { code: string; message: string };
    expect(body.code).toBe('forbidden');
    expect(body.message).toContain('mogen het dossier downloaden');
    expect(await downloads()).toHaveLength(before);
  });

  it('weigert zonder aanmelding (401), een onbekende casus (404) en een ongeldig casusnummer (400)', async () => {
    expect((await get(dossierPath(caseId))).status).toBe(401);
    expect((await get(dossierPath('CAS-2020-9999'), OPENER)).status).toBe(404);
    expect((await get(dossierPath('niet-een-casus'), OPENER)).status).toBe(400);
  });
});
