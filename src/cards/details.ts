import { type Case, type FieldDescriptor, type FieldValue, ROUTE_LABELS, STEPS, describeTable, findTable, formatDutchDate, stepOf, type RegionalTable } from '../domain';
import { inert } from './fieldView';
import { formatMoment } from './format';
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

const show = (f: FieldDescriptor | undefined, v: FieldValue, tables: readonly RegionalTable[]): string => {
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
  return inert(label(v as string));
};

/**
 * The details of a case, free text included: only ever sent as a user-specific invoke response
 * to an authorised user, never posted to the channel.
 */
export const detailsCard = (c: Case, tables: readonly RegionalTable[]): Record<string, unknown> => {
  const sections = Object.entries(c.steps).map(([key, data]) => {
    const section = SECTIONS.get(key);
    const facts = Object.entries(data)
      .filter(([, v]) => typeof v === 'string' || typeof v === 'boolean' || Array.isArray(v))
      .map(([name, v]) => {
        const f = section?.fields.get(name);
        return { title: f?.label ?? name, value: show(f, v as FieldValue, tables) || '—' };
      });
    return { title: section?.title ?? key, facts };
  });
  return render('details', {
    caseId: c.id,
    version: c.version,
    general: [
      { title: 'Route', value: c.route ? ROUTE_LABELS[c.route] : 'Nog niet gekozen' },
      { title: 'Stap', value: stepOf(c.state)?.label ?? c.state },
      { title: 'Cliëntreferentie', value: c.clientRef ? inert(c.clientRef) : '—' },
      { title: 'Geopend', value: formatMoment(c.createdAt) },
      { title: 'Bijgewerkt', value: formatMoment(c.updatedAt) },
    ],
    sections,
    isEmpty: sections.length === 0,
  });
};
