import {
  type Case,
  type FieldDescriptor,
  type FieldValue,
  ROUTE_LABELS,
  STEPS,
  describeTable,
  findTable,
  formatDutchDate,
  stepOf,
  type RegionalTable,
} from '../domain';
import { inert } from './fieldView';
import { caseData, execute, formatMoment } from './format';
import { DETAILS_VERB, STATUS_VERB } from './statusCard';
import { render } from './templates';

interface Section {
  readonly title: string;
  readonly fields: Map<string, FieldDescriptor>;
}

/** Every field ever stored under a step key, with the label of that step. */
const SECTIONS: ReadonlyMap<string, Section> = (() => {
  const map = new Map<string, Section>();
  for (const s of STEPS) {
    for (const a of s.actions) {
      const key = a.stepKey ?? s.id;
      const section = map.get(key) ?? { title: stepOf(key)?.label ?? s.label, fields: new Map<string, FieldDescriptor>() };
      for (const f of a.fields) if (!section.fields.has(f.name)) section.fields.set(f.name, f);
      map.set(key, section);
    }
  }
  return map;
})();

/** A stored value as Dutch text: option labels, dates written out, Ja/Nee; free text as entered. */
export const fieldText = (f: FieldDescriptor | undefined, v: FieldValue, tables: readonly RegionalTable[]): string => {
  const label = (x: string): string => {
    if (f?.optionsFrom === 'tables') {
      const t = findTable(tables, x);
      return t ? describeTable(t) : x;
    }
    return f?.options?.find((o) => o.value === x)?.label ?? x;
  };
  if (typeof v === 'boolean') return v ? 'Ja' : 'Nee';
  if (Array.isArray(v)) return v.map(label).join(', ');
  if (f?.kind === 'date') return formatDutchDate(v as string);
  return label(v as string);
};

const show = (f: FieldDescriptor | undefined, v: FieldValue, tables: readonly RegionalTable[]): string => inert(fieldText(f, v, tables));

/** The details card's button to the case summary as PDF. */
const DOSSIER_BUTTON = 'Dossier downloaden (PDF)';

/** Bytes of sections per details card: with the frame the card stays well under Teams' 28 KB budget. */
const PART_BUDGET = 20 * 1024;

export type SectionView = { readonly title: string; readonly facts: readonly { readonly title: string; readonly value: string }[] };

/**
 * Every step's stored data as titled facts, in the order the steps were first recorded. `text`
 * formats one value (the card breaks template syntax up; the PDF takes it as entered).
 */
export const detailSections = (
  c: Case,
  tables: readonly RegionalTable[],
  text: (f: FieldDescriptor | undefined, v: FieldValue, tables: readonly RegionalTable[]) => string = show,
  skip: ReadonlySet<string> = new Set(),
): SectionView[] =>
  Object.entries(c.steps)
    .filter(([key]) => !skip.has(key))
    .map(([key, data]) => {
      const section = SECTIONS.get(key);
      const facts = Object.entries(data)
        .filter(([, v]) => typeof v === 'string' || typeof v === 'boolean' || Array.isArray(v))
        .map(([name, v]) => {
          const f = section?.fields.get(name);
          return { title: f?.label ?? name, value: text(f, v as FieldValue, tables) || '—' };
        });
      return { title: section?.title ?? key, facts };
    });

/** Consecutive sections packed into parts of at most {@link PART_BUDGET} bytes (a bigger section is a part on its own). */
const partsOf = (sections: readonly SectionView[]): SectionView[][] => {
  const parts: SectionView[][] = [[]];
  let used = 0;
  for (const s of sections) {
    const bytes = Buffer.byteLength(JSON.stringify(s), 'utf8');
    const current = parts[parts.length - 1] as SectionView[];
    if (current.length && used + bytes > PART_BUDGET) {
      parts.push([s]);
      used = bytes;
    } else {
      current.push(s);
      used += bytes;
    }
  }
  return parts;
};

/**
 * The details of a case, free text included: only ever sent as a user-specific invoke response
 * to an authorised user, never posted to the channel. A case with much text is shown in parts
 * (`part` from 1), each within Teams' message budget, with buttons to the previous and next part.
 */
export const detailsCard = (c: Case, tables: readonly RegionalTable[], part = 1, dossierUrl?: string): Record<string, unknown> => {
  const sections = detailSections(c, tables);
  const parts = partsOf(sections);
  const index = Math.min(Math.max(1, Math.trunc(part)), parts.length);
  const shown = parts[index - 1] ?? [];
  const page = (n: number, title: string) => execute(title, DETAILS_VERB, caseData(c, { deel: String(n) }));
  return render('details', {
    caseId: c.id,
    version: c.version,
    hasParts: parts.length > 1,
    partLabel: `Deel ${index} van ${parts.length}`,
    actions: [
      ...(index > 1 ? [page(index - 1, 'Vorige deel')] : []),
      ...(index < parts.length ? [page(index + 1, 'Volgende deel')] : []),
      // A link with a short-lived, single-use token for this user (never on a channel card).
      ...(dossierUrl ? [{ type: 'Action.OpenUrl', title: DOSSIER_BUTTON, url: dossierUrl }] : []),
      execute('Terug naar de status', STATUS_VERB, caseData(c)),
    ],
    general: [
      { title: 'Route', value: c.route ? ROUTE_LABELS[c.route] : 'Nog niet gekozen' },
      { title: 'Stap', value: stepOf(c.state)?.label ?? c.state },
      { title: 'Cliëntreferentie', value: c.clientRef ? inert(c.clientRef) : '—' },
      { title: 'Geopend', value: formatMoment(c.createdAt) },
      { title: 'Bijgewerkt', value: formatMoment(c.updatedAt) },
    ],
    sections: shown,
    isEmpty: sections.length === 0,
  });
};
