import { dossierPdf, winAnsi } from '../../src/dossier';
import type { Dossier } from '../../src/dossier';
import { pdfText } from '../support/pdfText';

describe('dossier-PDF met het standaardlettertype Helvetica (WinAnsi)', () => {
  it('houdt Nederlandse diakrieten, € en aanhalingstekens; andere letters verliezen hun accent, de rest wordt "?"', () => {
    expect(winAnsi('Coördinator cliënt ë ï é € “citaat” – ‘x’')).toBe('Coördinator cliënt ë ï é € “citaat” – ‘x’');
    expect(winAnsi('Łódź Şahin Ğür')).toBe('Lódz Sahin Gür');
    expect(winAnsi('ok ✓ 😀 → \u200b')).toBe('ok ? ? ? ?');
    expect(winAnsi('regel 1\r\nregel 2\tx')).toBe('regel 1\nregel 2 x');
  });

  it('vrije tekst staat er letterlijk in, ook sjabloontekens, verdeeld over pagina\'s met paginanummers', async () => {
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
      sections: [{ title: 'Cirkel 1', facts: long }, { title: 'Cirkel 2', facts: long }],
    };
    const pdf = await pdfText(await dossierPdf(d, new Date('2026-12-01T10:00:00Z')));
    expect(pdf.pages).toBeGreaterThan(1);
    expect(pdf.text).toContain('Veld 39: Waarde ${x} {{y}} <b>39</b> ë');
    expect(pdf.text).toContain(`CAS-2026-0007 · vertrouwelijk · pagina ${pdf.pages} van ${pdf.pages}`);
    expect(pdf.text).toContain('Nog geen stappen vastgelegd.');
  });
});
