import { ASSIGNABLE_ROLES } from '../../src/app';
import {
  CARD_CONTENT_TYPE,
  STATUS_PAGE_SIZE,
  detailsCard,
  openCasesText,
  settingsCard,
  settingsSummaryCard,
  statusCard,
  stepFormCard,
  summaryCard,
  tablesCard,
} from '../../src/cards';
import { availableActions } from '../../src/domain';
import { NOW, bigCalendar, bigTeam, everyState, everyoneWaiting } from './budget.fixtures';

const KB = 1024;
const tables = bigCalendar(200);
const team = bigTeam(150);
const size = (card: unknown): number =>
  Buffer.byteLength(JSON.stringify({ type: 'message', attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }] }), 'utf8');

describe('kaarten binnen de limieten van Teams, met 200 komende tafels en een team van 150', () => {
  const states = everyState(tables);

  it.each(states)('%s: statuskaart ≤ 8 KB, elk formulier en de details ≤ 28 KB', (_name, c) => {
    const waiting = everyoneWaiting(c, team);
    const status = statusCard(c, { tables, now: NOW, waiting });
    expect(Buffer.byteLength(JSON.stringify(status), 'utf8')).toBeLessThanOrEqual(8 * KB);
    expect(Buffer.byteLength(JSON.stringify(summaryCard(c, { tables, now: NOW, waiting })), 'utf8')).toBeLessThanOrEqual(8 * KB);
    for (const a of availableActions(c, { tables, now: NOW, gebiedsteams: team.slice(0, 6).map((m) => m.name) })) {
      const values = Object.fromEntries(a.fields.map((f) => [f.name, 'x'.repeat(f.maxLength ?? 1000)]));
      const errors = Object.fromEntries(
        a.fields.map((f) => [f.name, 'Deze waarde is niet goed; kies een van de opties of vul het veld in.']),
      );
      const form = stepFormCard(c, a, {
        form: { verb: a.verb, values, fieldErrors: errors },
        notice: { text: 'Controleer de invoer. Er is niets opgeslagen.', style: 'attention' },
      });
      expect([a.verb, size(form)]).toEqual([a.verb, Math.min(size(form), 28 * KB)]);
    }
    // Long details come in parts, each within the budget, together showing every section.
    const first = JSON.stringify(detailsCard(c, tables));
    const parts = Number(/Deel 1 van (\d+)/.exec(first)?.[1] ?? 1);
    let shown = 0;
    for (let part = 1; part <= parts; part++) {
      // With the dossier link, as the details view is sent to someone who may read it.
      const card = detailsCard(c, tables, part, `https://escaleer.example.nl/dossier/${'a'.repeat(64)}/${'A'.repeat(43)}`);
      expect(size(card)).toBeLessThanOrEqual(28 * KB);
      shown += (card.body as { items?: unknown[] }[]).filter((b) => Array.isArray(b.items) && JSON.stringify(b).includes('FactSet')).length;
    }
    expect(shown).toBe(Object.keys(c.steps).length);
  });
});

describe('de tafelkaart binnen de limiet van Teams, ook met een grote kalender', () => {
  it('met 200 komende tafels: ≤ 28 KB, per regio de eerstvolgende zes en hoeveel er nog komen, hooguit 60 te verwijderen', () => {
    for (const edit of [false, true]) {
      // The kalenderbeheerder's view also offers the whole team of 150 to add as kalenderbeheerder.
      const card = tablesCard(
        tables,
        NOW,
        edit,
        {},
        { editors: team.slice(0, 5), ...(edit ? { roster: team, self: team[0]?.id ?? '' } : {}) },
      );
      expect(size(card)).toBeLessThanOrEqual(28 * KB);
      const text = JSON.stringify(card);
      expect(text).toContain('Regio Twente (nog 19 latere tafels in de kalender)');
      if (edit) expect((text.match(/"value":"regio-/g) ?? []).length).toBe(60);
    }
  });
});

describe('de instellingen binnen de limiet van Teams, ook bij een team van 150', () => {
  it('het overzicht en elk onderdeel (elke rol, de gebiedsteams) ≤ 28 KB; bij een groot team kiest een gebiedsteam uit de teamleiders', () => {
    const settings = {
      tenantId: 't',
      teamId: 'x',
      serviceUrl: 'u',
      roleHolders: { teamleider: team.slice(0, 4), sleutelfiguur: team.slice(4, 6) },
      roleChannels: {},
      gebiedsteams: [{ name: 'Noord', teamleider: team[0] ?? { id: 'x', name: 'x' } }],
      updatedAt: '',
      updatedBy: '',
    };
    const directory = { members: team, channels: [{ channelId: '19:a@thread.tacv2', name: 'Algemeen' }] };
    expect(size(settingsSummaryCard('x', 'Team', settings, { notice: null }))).toBeLessThanOrEqual(28 * KB);
    for (const section of [...ASSIGNABLE_ROLES, 'gebieden'] as const) {
      const card = settingsCard('x', 'Team', settings, directory, 3, {}, section);
      expect([section, size(card) <= 28 * KB]).toEqual([section, true]);
    }
    // Each role card: the people picker plus the whole roster of 150 as fallback choices, within the budget,
    // also when it comes back with every member chosen and an error.
    for (const role of ASSIGNABLE_ROLES) {
      const all = { [`rol.${role}`]: team.map((m) => m.id).join(','), [`kanaal.${role}`]: 'thread' };
      const errors = {
        [`rol.${role}`]:
          'Kies alleen leden van dit team: 3 gekozen personen zijn geen lid. Voeg ze eerst toe aan het team in Teams, of kies iemand anders.',
      };
      const card = settingsCard(
        'x',
        'Team',
        settings,
        directory,
        3,
        {
          values: all,
          fieldErrors: errors,
          notice: { text: 'Controleer de gemarkeerde velden. Er is niets gewijzigd.', style: 'attention' },
        },
        role,
      );
      const text = JSON.stringify(card);
      expect(text).toContain('"choices.data":{"type":"Data.Query","dataset":"graph.microsoft.com/users?scope=currentContext"}');
      expect((text.match(/"title":"[^"]*","value":"/g) ?? []).length).toBeGreaterThanOrEqual(150);
      expect([role, size(card) <= 28 * KB]).toEqual([role, true]);
    }
    const gebieden = JSON.stringify(settingsCard('x', 'Team', settings, directory, 0, {}, 'gebieden'));
    expect(gebieden).toContain('Kies uit de teamleiders van het team.');
    expect(gebieden).not.toContain(team[10]?.name ?? '?');
  });
});

describe('het /status-overzicht binnen de limiet van Teams, hoeveel casussen een kanaal ook heeft', () => {
  it("400 open casussen (elke stap): elke pagina ≤ 28 KB en samen noemen de pagina's elke casus één keer", () => {
    const states = everyState(tables).map(([, c]) => c);
    const cases = Array.from({ length: 400 }, (_, i) => {
      const c = states[i % states.length]!;
      return { ...c, id: `CAS-2026-${String(i + 1).padStart(4, '0')}` as typeof c.id };
    });
    const open = openCasesText(cases, 1, () => null).match(/van (\d+) \(pagina 1 van (\d+)\)/);
    const pages = Number(open?.[2]);
    const seen: string[] = [];
    let largest = 0;
    for (let p = 1; p <= pages; p++) {
      const text = openCasesText(cases, p, () => 'coördinator verstevigingsteam');
      largest = Math.max(largest, Buffer.byteLength(JSON.stringify({ type: 'message', text }), 'utf8'));
      seen.push(...(text.match(/CAS-2026-\d{4}(?=:)/g) ?? []));
    }
    console.log(`/status bij ${open?.[1]} open casussen: ${pages} pagina's, grootste ${largest} bytes`);
    expect(largest).toBeLessThanOrEqual(28 * KB);
    expect(seen).toHaveLength(Number(open?.[1]));
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil(Number(open?.[1]) / STATUS_PAGE_SIZE));
  });
});
