import { dossierOf, dossierPdf, winAnsi } from '../../src/dossier';
import { freshCase } from './domain/fixtures';
import type { Dossier } from '../../src/dossier';
import { pdfText } from '../support/pdfText';

describe('dossier-PDF met het standaardlettertype Helvetica (WinAnsi)', () => {
  it('houdt Nederlandse diakrieten, € en aanhalingstekens; andere letters verliezen hun accent, de rest wordt "?"', () => {
    expect(winAnsi('Coördinator cliënt ë ï é € “citaat” – ‘x’')).toBe('Coördinator cliënt ë ï é € “citaat” – ‘x’');
    expect(winAnsi('Łódź Şahin Ğür')).toBe('Lódz Sahin Gür');
    expect(winAnsi('ok ✓ 😀 → \u200b')).toBe('ok ? ? ? ?');
    expect(winAnsi('regel 1\r\nregel 2\tx')).toBe('regel 1\nregel 2 x');
  });

  it("vrije tekst staat er letterlijk in, ook sjabloontekens, verdeeld over pagina's met paginanummers", async () => {
    const long = Array.from({ length: 40 }, (_, i) => ({ title: `Veld ${i}`, value: `Waarde \${x} {{y}} <b>${i}</b> ë` }));
    const d: Dossier = {
      caseId: 'CAS-2026-0007',
      title: 'Dossier casus CAS-2026-0007',
      general: [{ title: 'Route', value: 'Zorgkantoor (Wlz)' }],
      steps: [],
      participants: [],
      conditions: null,
      conditionsNote: null,
      decisions: [],
      table: null,
      sections: [
        { title: 'Cirkel 1', facts: long },
        { title: 'Cirkel 2', facts: long },
      ],
    };
    const pdf = await pdfText(await dossierPdf(d, new Date('2026-12-01T10:00:00Z')));
    expect(pdf.pages).toBeGreaterThan(1);
    expect(pdf.text).toContain('Veld 39: Waarde ${x} {{y}} <b>39</b> ë');
    expect(pdf.text).toContain(`CAS-2026-0007 · vertrouwelijk · pagina ${pdf.pages} van ${pdf.pages}`);
    expect(pdf.text).toContain('Nog geen stappen vastgelegd.');
  });
});

describe('dossierinhoud uit de auditgebeurtenissen', () => {
  it('een oudere gebeurtenis zonder naam krijgt de naam uit de teaminstellingen, anders "Onbekende collega"; inzages tellen niet als stap', () => {
    const at = '2026-11-23T09:00:00Z';
    const ev = (actorId: string, action: string, fromState: string, toState: string, version: number) => ({
      caseId: 'CAS-2026-0001' as never,
      version,
      at,
      actorId,
      actorRoles: [] as never[],
      action,
      fromState,
      toState,
      dataHash: '',
    });
    const c = { ...freshCase(), state: 'cirkel1', route: 'zorgkantoor' as const };
    const d = dossierOf({
      case: c,
      events: [
        ev('u-1', 'casus.openen', '', 'nieuw', 1),
        ev('u-2', 'route.kiezen', 'nieuw', 'cirkel1', 2),
        ev('u-1', 'details.bekijken', 'cirkel1', 'cirkel1', 2),
      ],
      tables: [],
      settings: {
        tenantId: 't',
        teamId: 'x',
        serviceUrl: '',
        roleHolders: { teamleider: [{ id: 'u-1', name: 'Mohamed' }] },
        roleChannels: {},
        gebiedsteams: [],
        updatedAt: at,
        updatedBy: 'x',
      },
      requestedBy: 'Mohamed',
      at: new Date(at),
    });
    expect(d.steps.map((s) => `${s.action}: ${s.by}`)).toEqual([
      'Casus geopend: Mohamed (Begeleider)',
      'Route kiezen: Onbekende collega (Begeleider)',
    ]);
    expect(d.conditionsNote).toBe('De voorwaarden zijn nog niet vastgelegd.');
    expect(d.table).toEqual([
      { title: 'Tafel', value: 'Nog niet aangemeld' },
      { title: 'Ingeleverd bij het zorgkantoor', value: 'Nog niet' },
    ]);
  });
});
