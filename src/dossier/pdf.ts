import PDFDocument from 'pdfkit';
import type { Dossier, DossierStep, Fact } from './model';

/** The characters of Windows-1252 above Latin-1's ASCII range that pdfkit's standard fonts can show. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Letters with a stroke have no Unicode decomposition: their base letter by hand. */
const NO_DECOMPOSITION: Readonly<Record<string, string>> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i' };

const shows = (ch: string): boolean => {
  const code = ch.codePointAt(0) ?? 0;
  return ch === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch);
};

/**
 * Text as the standard PDF font Helvetica (WinAnsi: all Dutch diacritics, € and typographic
 * quotes) can draw it: other letters lose their accents (ł → l), anything else becomes "?".
 * Without this a character outside WinAnsi would be drawn as a wrong glyph.
 */
export const winAnsi = (text: string): string =>
  [...text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').normalize('NFC')]
    .map((ch) => {
      if (shows(ch)) return ch;
      const base = NO_DECOMPOSITION[ch];
      if (base) return base;
      const plain = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      return plain && [...plain].every(shows) ? plain : '?';
    })
    .join('');

const MARGIN = 50;
const INK = '#1f1f1f';
const MUTED = '#5c5c5c';

/** Renders a dossier as an A4 PDF (pdfkit, standard font Helvetica: nothing to embed). */
export const dossierPdf = (d: Dossier, createdAt: Date): Promise<Buffer> =>
  new Promise<Buffer>((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
      bufferPages: true,
      info: {
        Title: winAnsi(d.title),
        Author: 'Escaleer',
        Subject: 'Samenvatting van de casus',
        CreationDate: createdAt,
        ModDate: createdAt,
      },
      lang: 'nl-NL',
      displayTitle: true,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('error', reject);
    doc.on('end', () => resolve(Buffer.concat(chunks)));

    const width = doc.page.width - 2 * MARGIN;
    const heading = (title: string) => {
      if (doc.y > doc.page.height - 140) doc.addPage();
      doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor(INK).text(winAnsi(title), { width });
      doc.moveDown(0.3);
    };
    const fact = (f: Fact) => {
      doc
        .font('Helvetica-Bold')
        .fontSize(10)
        .fillColor(INK)
        .text(`${winAnsi(f.title)}: `, { continued: true, width });
      doc.font('Helvetica').text(winAnsi(f.value), { width });
      doc.moveDown(0.15);
    };
    const muted = (text: string) => {
      doc.font('Helvetica-Oblique').fontSize(10).fillColor(MUTED).text(winAnsi(text), { width });
      doc.fillColor(INK);
    };
    /** A line under a heading line, its wrapped lines indented too. */
    const sub = (text: string, color = INK) => {
      doc
        .font('Helvetica')
        .fontSize(10)
        .fillColor(color)
        .text(winAnsi(text), MARGIN + 12, doc.y, { width: width - 12 });
      doc.x = MARGIN;
      doc.fillColor(INK);
    };
    const step = (s: DossierStep) => {
      if (doc.y > doc.page.height - 110) doc.addPage();
      doc
        .font('Helvetica-Bold')
        .fontSize(10)
        .fillColor(INK)
        .text(winAnsi(`${s.at} · ${s.action}`), { width });
      sub(s.step === '—' ? `Naar: ${s.to}` : `${s.step} » ${s.to}`);
      sub(`Door: ${s.by}`, MUTED);
      doc.moveDown(0.35);
    };

    doc.font('Helvetica-Bold').fontSize(18).fillColor(INK).text(winAnsi(d.title), { width });
    doc.moveDown(0.3);
    muted(
      'Vertrouwelijk. Samenvatting uit Escaleer voor het eigen dossier en het aanmeldformulier. Bewaar en deel het alleen volgens de privacyafspraken van je organisatie.',
    );
    doc.moveDown(0.5);
    d.general.forEach(fact);

    heading('Verloop: elke stap met datum');
    if (d.steps.length === 0) muted('Nog geen stappen vastgelegd.');
    d.steps.forEach(step);

    heading('Deelnemers per rol');
    if (d.participants.length === 0) muted('Nog niemand.');
    d.participants.forEach(fact);

    if (d.conditions) {
      heading('De zeven voorwaarden voor de regionale overlegtafel');
      if (d.conditionsNote) muted(d.conditionsNote);
      d.conditions.forEach((c, i) => {
        if (doc.y > doc.page.height - 110) doc.addPage();
        doc
          .font('Helvetica-Bold')
          .fontSize(10)
          .fillColor(INK)
          .text(winAnsi(`${i + 1}. ${c.met ? 'Voldaan' : 'Niet voldaan'}`), { width });
        sub(c.label);
        sub(`Toelichting: ${c.explanation}`, MUTED);
        doc.moveDown(0.35);
      });
    }

    heading('Besluiten: wie en wanneer');
    if (d.decisions.length === 0) muted('Nog geen besluiten.');
    d.decisions.forEach(step);

    if (d.table) {
      heading('Regionale overlegtafel');
      d.table.forEach(fact);
    }

    heading('Vastgelegde gegevens per stap (uitkomsten en afspraken)');
    if (d.sections.length === 0) muted('Er zijn nog geen gegevens vastgelegd.');
    for (const s of d.sections) {
      if (doc.y > doc.page.height - 120) doc.addPage();
      doc.moveDown(0.3).font('Helvetica-Bold').fontSize(11).fillColor(INK).text(winAnsi(s.title), { width });
      doc.moveDown(0.15);
      s.facts.forEach(fact);
    }

    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font('Helvetica')
        .fontSize(8)
        .fillColor(MUTED)
        .text(winAnsi(`${d.caseId} · vertrouwelijk · pagina ${i + 1} van ${range.count}`), MARGIN, doc.page.height - MARGIN + 5, {
          width,
          align: 'center',
          lineBreak: false,
        });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
  });
