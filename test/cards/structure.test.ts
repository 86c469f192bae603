import { ALL_VERBS, availableActions } from '../../src/domain';
import {
  detailsCard,
  messageCard,
  notificationActivity,
  settingsCard,
  settingsSummaryCard,
  statusCard,
  stepFormCard,
  tablesCard,
} from '../../src/cards';
import { NOW, bigCalendar, bigTeam, everyState, everyoneWaiting } from './budget.fixtures';
import { blockedActions, submitsOf } from './cardStructure';

/** The verbs that take inputs and the input ids they send; every other verb must send none. */
const takesInput = (verb: string): readonly string[] | null => {
  if (ALL_VERBS.has(verb)) return [`${verb}.`];
  if (verb === 'instellingen.opslaan') return ['rol.', 'kanaal.', 'gebied.'];
  if (verb === 'tafel.toevoegen' || verb === 'tafel.verwijderen' || verb === 'kalender.beheerders') return [`${verb}.`];
  return null;
};

const tables = bigCalendar(40);
/** A dossier link as the details view gets it (43-character token). */
const DOSSIER_URL = `https://escaleer.example.nl/dossier/${'a'.repeat(64)}/${'A'.repeat(43)}`;
const team = bigTeam(12);

describe('geen knop kan geblokkeerd worden door invoer die hij niet stuurt', () => {
  it.each(everyState(tables))('%s: statuskaart, elk formulier en de details', (_name, c) => {
    const cards: [string, Record<string, unknown>][] = [['status', statusCard(c, { tables, now: NOW, waiting: everyoneWaiting(c, team) })]];
    for (const a of availableActions(c, { tables, now: NOW, gebiedsteams: ['Noord'] })) cards.push([a.verb, stepFormCard(c, a)]);
    for (let part = 1; part <= 3; part++)
      cards.push(
        [`details ${part}`, detailsCard(c, tables, part)],
        [`details ${part} met dossier`, detailsCard(c, tables, part, DOSSIER_URL)],
      );
    for (const [name, card] of cards) expect([name, blockedActions(card, takesInput)]).toEqual([name, []]);
  });

  it('de beheerkaarten (/instellingen, /tafels) en meldingen', () => {
    const settings = {
      tenantId: 't',
      teamId: 'team',
      serviceUrl: 'http://x',
      roleHolders: { teamleider: team.slice(0, 2) },
      roleChannels: {},
      gebiedsteams: [{ name: 'Noord', teamleider: team[0] ?? { id: 'x', name: 'x' } }],
      updatedAt: '',
      updatedBy: '',
    };
    const directory = { members: team, channels: [{ channelId: '19:a@thread.tacv2', name: 'Algemeen' }] };
    const [, c] = everyState(tables)[4] ?? [];
    if (!c) throw new Error('geen casus');
    const cards: [string, Record<string, unknown>][] = [
      ['instellingen', settingsCard('team', 'Zorgteam', settings, directory, 1)],
      ['instellingen-samenvatting', settingsSummaryCard('team', 'Zorgteam', settings)],
      ['tafels', tablesCard(tables, NOW, false)],
      ['tafels beheren', tablesCard(tables, NOW, true)],
      [
        'tafels beheren met kalenderbeheerders',
        tablesCard(tables, NOW, true, {}, { editors: team.slice(0, 2), roster: team, self: team[0]?.id ?? '' }),
      ],
      [
        'melding',
        notificationActivity({ case: c, role: 'teamleider', holders: team.slice(0, 2), due: null, title: 't', kind: 'escalation' })
          .attachments?.[0]?.content as Record<string, unknown>,
      ],
      ['bericht', messageCard('Niet gelukt', 'Tekst', 'attention')],
    ];
    for (const [name, card] of cards) expect([name, blockedActions(card, takesInput)]).toEqual([name, []]);
  });

  it('de controle zelf vindt een crisisknop onder een formulier met verplichte invoer, en een knop zonder invoer die toch verzamelt', () => {
    const dead = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Input.Date', id: 'cirkel1.vastleggen.datum', isRequired: true }],
      actions: [
        { type: 'Action.Execute', verb: 'cirkel1.vastleggen', title: 'Opslaan' },
        {
          type: 'Action.ShowCard',
          title: 'Crisis melden',
          card: {
            type: 'AdaptiveCard',
            body: [{ type: 'Input.Toggle', id: 'crisis.melden.bevestigd' }],
            actions: [{ type: 'Action.Execute', verb: 'crisis.melden', title: 'Crisis bevestigen' }],
          },
        },
        { type: 'Action.Execute', verb: 'details.bekijken', title: 'Details' },
      ],
    };
    expect(submitsOf(dead).map((s) => [s.verb, s.gathered.length])).toEqual([
      ['cirkel1.vastleggen', 1],
      ['crisis.melden', 2],
      ['details.bekijken', 1],
    ]);
    const problems = blockedActions(dead, takesInput);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain(
      '"Crisis bevestigen" (crisis.melden) wordt geblokkeerd door verplichte invoer die niet de zijne is: cirkel1.vastleggen.datum',
    );
    expect(problems[1]).toContain('staat in een ShowCard onder een formulier');
    expect(problems.join(' ')).toContain('"Details" (details.bekijken) stuurt geen invoer maar verzamelt wel');
  });
});
