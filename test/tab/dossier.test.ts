import { TableCaseRepository, openTables } from '../../src/storage';
import { pdfText } from '../support/pdfText';
import { type DossierTab, SECRET_TEXT, startDossierTab } from './harness';

describe('tab-API: dossier als PDF voor wie de details mag zien', () => {
  let tab: DossierTab;
  let caseId: string;

  const get = (path: string, oid?: string) =>
    fetch(`http://127.0.0.1:${tab.d.app.port}${path}`, { headers: oid ? { authorization: `Bearer ${tab.token(oid)}` } : {} });
  const dossierPath = (id: string) => `/api/tab/cases/${id}/dossier?team=${encodeURIComponent(tab.place.teamId)}`;
  const downloads = async () => {
    const tables = await openTables(tab.d.app.storageConnection, tab.d.prefix);
    return (await new TableCaseRepository(tables.cases).events(tab.place.tenantId, caseId as never)).filter(
      (e) => e.action === 'dossier.downloaden',
    );
  };

  beforeAll(async () => {
    tab = await startDossierTab();
    caseId = tab.caseId;
  }, 30_000);
  afterAll(async () => tab?.close());

  it('het overzicht zegt per casus of de aangemelde gebruiker het dossier mag downloaden', async () => {
    const rows = async (oid: string) =>
      (
        (await (await get(`/api/tab/cases?team=${encodeURIComponent(tab.place.teamId)}`, oid)).json()) as {
          cases: { caseId: string; dossier: boolean }[];
        }
      ).cases;
    expect((await rows(tab.opener)).find((r) => r.caseId === caseId)?.dossier).toBe(true);
    expect((await rows(tab.colleague)).find((r) => r.caseId === caseId)?.dossier).toBe(false);
  });

  it('geeft wie aan de casus werkte de PDF (niet te cachen, als bijlage) en legt de download vast', async () => {
    const before = (await downloads()).length;
    const r = await get(dossierPath(caseId), tab.opener);
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
    expect(rows.map((e) => e.actorId)).toContain(tab.opener);
    expect(JSON.stringify(tab.d.log.lines)).not.toContain(SECRET_TEXT);
  });

  it('weigert een teamlid zonder zorgrol dat niet aan de casus werkte met 403, zonder PDF of auditregel', async () => {
    const before = (await downloads()).length;
    const r = await get(dossierPath(caseId), tab.colleague);
    expect(r.status).toBe(403);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const body = (await r.json()) as { code: string; message: string };
    expect(body.code).toBe('forbidden');
    expect(body.message).toContain('mogen het dossier downloaden');
    expect(await downloads()).toHaveLength(before);
  });

  it('weigert zonder aanmelding (401), een onbekende casus (404) en een ongeldig casusnummer (400)', async () => {
    expect((await get(dossierPath(caseId))).status).toBe(401);
    expect((await get(dossierPath('CAS-2020-9999'), tab.opener)).status).toBe(404);
    expect((await get(dossierPath('niet-een-casus'), tab.opener)).status).toBe(400);
  });
});
