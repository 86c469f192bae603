import type { Member, WaitingOn } from '../../src/app';
import { type Case, type RegionalTable, STEPS, addDays, formatCaseId, newCase } from '../../src/domain';
import { EVERY_STATE } from '../support/routeWalk';

export const NOW = new Date('2026-12-01T10:00:00Z');

/** Where the card tests' cases live: a channel whose root card is posted. */
export const CARD_LOCATION = {
  tenantId: 't',
  teamId: 'team',
  channelId: 'ch',
  conversationId: 'ch;messageid=1',
  serviceUrl: 'http://x',
  rootActivityId: 'r',
};

/** 200 future tables over 8 regions, one every few days from tomorrow on. */
export const bigCalendar = (count = 200): RegionalTable[] =>
  Array.from({ length: count }, (_, i) => {
    const region = `Regio ${['Groningen', 'Friesland', 'Drenthe', 'Twente', 'Zwolle', 'Arnhem', 'Nijmegen', 'Achterhoek'][i % 8]}`;
    const meeting = addDays('2026-12-15', Math.floor(i / 8) * 7);
    return { id: `${region.toLowerCase().replace(/\s/g, '-')}-${meeting}`, region, deadline: addDays(meeting, -14), meeting };
  });

/** A 150-member team: long names, as Teams may report them. */
export const bigTeam = (count = 150): Member[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `aaaaaaaa-bbbb-4ccc-8ddd-${String(i).padStart(12, '0')}`,
    name: `Medewerker met een lange naam ${i}`,
    mri: `29:1${'x'.repeat(60)}${i}`,
  }));

export const everyoneWaiting = (c: Case, people: readonly Member[]): WaitingOn | null => {
  const s = STEPS.find((x) => x.id === c.state);
  return s?.awaiting ? { role: s.awaiting, people: s.awaiting === 'begeleider' ? [] : people, area: null } : null;
};

/** Every field of every action, filled to its maximum: free text at its length limit. */
const maxSteps = (tables: readonly RegionalTable[]): Case['steps'] => {
  const steps: Record<string, Record<string, unknown>> = {};
  for (const s of STEPS) {
    for (const a of s.actions) {
      const data = (steps[a.stepKey ?? s.id] ??= {});
      for (const f of a.fields) {
        if (f.private) data[f.name] = 'é"<>'.repeat(Math.ceil((f.maxLength ?? 1000) / 4)).slice(0, f.maxLength ?? 1000);
        else if (f.kind === 'toggle') data[f.name] = true;
        else if (f.kind === 'date') data[f.name] = '2026-11-30';
        else if (f.kind === 'multichoice') data[f.name] = (f.options ?? []).map((o) => o.value);
        else if (f.optionsFrom === 'tables') data[f.name] = tables[0]?.id ?? '';
        else if (f.optionsFrom === 'regions') data[f.name] = tables[0]?.region ?? '';
        else data[f.name] = f.options?.[0]?.value ?? 'Gebiedsteam met een lange naam';
      }
    }
  }
  return steps;
};

/** One case per state of each route (both routes for the shared states; the shared walk's `EVERY_STATE`), empty and filled to the maximum. */
export const everyState = (tables: readonly RegionalTable[]): [string, Case][] => {
  const base = newCase({
    id: formatCaseId(2026, 999_999),
    location: CARD_LOCATION,
    ownerId: 'u1',
    ownerMri: '29:owner',
    ownerName: 'Medewerker met een lange naam die de casus opende',
    now: NOW,
  });
  return EVERY_STATE.flatMap(([route, state]): [string, Case][] => {
    const c = { ...base, route, state, version: 999, clientRef: route ? 'ECD-12345678901234' : null };
    return [
      [`${route ?? 'nieuw'}/${state} leeg`, c],
      [
        `${route ?? 'nieuw'}/${state} vol`,
        { ...c, steps: maxSteps(tables), lastChange: { by: 'x'.repeat(100), action: 'cirkel3.vastleggen', at: NOW.toISOString() } },
      ],
    ];
  });
};
