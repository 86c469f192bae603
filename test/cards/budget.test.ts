import { ASSIGNABLE_ROLES } from '../../src/app';
import { CARD_CONTENT_TYPE, detailsCard, settingsCard, settingsSummaryCard, statusCard, stepFormCard, tablesCard } from '../../src/cards';
import { availableActions } from '../../src/domain';
import { NOW, bigCalendar, bigTeam, everyState, everyoneWaiting } from './budget.fixtures';

const KB = 1024;
const tables = bigCalendar(200);
const team = bigTeam(150);
const size = (card: unknown): number => Buffer.byteLength(JSON.stringify({ type: 'message', attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }] }), 'utf8');

describe('kaarten binnen de limieten van Teams, met 200 komende tafels en een team van 150', () => {
  const states = everyState(tables);

  it.each(states)('%s: statuskaart ≤ 8 KB, elk formulier en de details ≤ 28 KB', (_name, c) => {
    const waiting = everyoneWaiting(c, team);
    const status = statusCard(c, { tables, now: NOW, waiting });
    expect(Buffer.byteLength(JSON.stringify(status), 'utf8')).toBeLessThanOrEqual(8 * KB);
    for (const a of availableActions(c, { tables, now: NOW, gebiedsteams: team.slice(0, 6).map((m) => m.name) })) {
      const values = Object.fromEntries(a.fields.map((f) => [f.name, 'x'.repeat(f.maxLength ?? 1000)]));
      const errors = Object.fromEntries(a.fields.map((f) => [f.name, 'Deze waarde is niet goed; kies een van de opties of vul het veld in.']));
      const form = stepFormCard(c, a, { form: { verb: a.verb, values, fieldErrors: errors }, notice: { text: 'Controleer de invoer. Er is niets opgeslagen.', style: 'attention' } });
      expect([a.verb, size(form)]).toEqual([a.verb, Math.min(size(form), 28 * KB)]);
    }
    // Long details come in parts, each within the budget, together showing every section.
    const first = JSON.stringify(detailsCard(c, tables));
    const parts = Number(/Deel 1 van (\d+)/.exec(first)?.[1] ?? 1);
    let shown = 0;
    for (let part = 1; part <= parts; part++) {
      // With the dossier link, as the details view is sent to someone who may read it.
      const card = detailsCard(c, tables, part, `https://escaleer.example.nl/dossier/${'A'.repeat(43)}`);
      expect(size(card)).toBeLessThanOrEqual(28 * KB);
      shown += ((card.body as { items?: unknown[] }[]).filter((b) => Array.isArray(b.items) && JSON.stringify(b).includes('FactSet')).length);
    }
    expect(shown).toBe(Object.keys(c.steps).length);
  });
});

describe('de tafelkaart binnen de limiet van Teams, ook met een grote kalender', () => {
  it('met 200 komende tafels: ≤ 28 KB, per regio de eerstvolgende zes en hoeveel er nog komen, hooguit 60 te verwijderen', () => {
    for (const edit of [false, true]) {
      const card = tablesCard(tables, NOW, edit);
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
      tenantId: 't', teamId: 'x', serviceUrl: 'u',
      roleHolders: { teamleider: team.slice(0, 4), sleutelfiguur: team.slice(4, 6) },
      roleChannels: {}, gebiedsteams: [{ name: 'Noord', teamleider: team[0] ?? { id: 'x', name: 'x' } }], updatedAt: '', updatedBy: '',
    };
    const directory = { members: team, channels: [{ channelId: '19:a@thread.tacv2', name: 'Algemeen' }] };
    expect(size(settingsSummaryCard('x', 'Team', settings, { notice: null }))).toBeLessThanOrEqual(28 * KB);
    for (const section of [...ASSIGNABLE_ROLES, 'gebieden'] as const) {
      const card = settingsCard('x', 'Team', settings, directory, 3, {}, section);
      expect([section, size(card) <= 28 * KB]).toEqual([section, true]);
    }
    const gebieden = JSON.stringify(settingsCard('x', 'Team', settings, directory, 0, {}, 'gebieden'));
    expect(gebieden).toContain('Kies uit de teamleiders van het team.');
    expect(gebieden).not.toContain(team[10]?.name ?? '?');
  });
});
