import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Case, DEFAULT_TABLES, STEPS, availableActions, formatCaseId, newCase, type RouteId } from '../../src/domain';
import {
  detailsCard,
  messageCard,
  notificationActivity,
  render,
  settingsCard,
  settingsSummaryCard,
  statusCard,
  stepFormCard,
  tablesCard,
  welcomeCard,
} from '../../src/cards';
import { cardText, verbsOn } from '../support/playgroundClient';
import { CARD_LOCATION } from './budget.fixtures';
import { inputsOf } from './cardStructure';
import { checkCard } from './cardValidation';

const now = new Date('2023-09-20T10:00:00Z');
const base = newCase({
  id: formatCaseId(2023, 42),
  location: CARD_LOCATION,
  ownerId: 'u1',
  now,
});

const SECRET = 'GEHEIM';
const view = { tables: DEFAULT_TABLES, now, waiting: null };

/** Every field of every action, filled as a user might: free text carries a sentinel. */
const filledSteps = (): Case['steps'] => {
  const steps: Record<string, Record<string, unknown>> = {};
  for (const s of STEPS) {
    for (const a of s.actions) {
      const key = a.stepKey ?? s.id;
      const data = (steps[key] ??= {});
      for (const f of a.fields) {
        if (f.private) data[f.name] = `${SECRET}-${f.name} <b>vet</b> \${x}`;
        else if (f.kind === 'toggle') data[f.name] = true;
        else if (f.kind === 'date') data[f.name] = '2023-09-01';
        else if (f.kind === 'multichoice') data[f.name] = (f.options ?? []).slice(0, 2).map((o) => o.value);
        else data[f.name] = f.options?.[0]?.value ?? 'groningen-2023-10-19';
      }
    }
  }
  return steps;
};

const inState = (state: string, route: RouteId | null, steps: Case['steps'] = {}): Case => ({
  ...base,
  route,
  state,
  clientRef: route ? 'ECD-1' : null,
  version: 3,
  steps,
});

const routeFor = (stepRoute: RouteId | null): RouteId[] => (stepRoute ? [stepRoute] : ['zorgkantoor', 'bijstellen']);

describe('kaartsjablonen', () => {
  it('elk sjabloon in cards/ is geldige JSON en wordt door een kaart gebruikt', () => {
    const names = readdirSync(join(__dirname, '../../cards'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace('.json', ''));
    expect(names.sort()).toEqual([
      'checklist',
      'details',
      'form',
      'message',
      'notification',
      'settings',
      'settingsSummary',
      'status',
      'tables',
      'view',
      'welcome',
    ]);
  });

  const cases: [string, Case][] = [['nieuw', inState('nieuw', null)]];
  for (const s of STEPS.filter((x) => x.id !== 'nieuw')) {
    for (const route of routeFor(s.route)) {
      cases.push([`${route}/${s.id} leeg`, inState(s.id, route)]);
      cases.push([`${route}/${s.id} ingevuld`, inState(s.id, route, filledSteps())]);
    }
  }

  it.each(cases)('statuskaart %s: geldig, versie ≤ 1.5, alleen elementen van die versie, geen invoer, ≤ 8 KB', (_name, c) => {
    const card = statusCard(c, view);
    const result = checkCard(card, 8 * 1024);
    expect(result.errors).toEqual([]);
    expect(inputsOf(card)).toEqual([]);
  });

  it.each(cases.filter(([n]) => n.endsWith('ingevuld')))('statuskaart %s toont geen vrije tekst', (_name, c) => {
    expect(JSON.stringify(statusCard(c, view))).not.toContain(SECRET);
  });

  it.each(cases)('elk formulier van %s is geldig en stuurt precies zijn eigen invoer', (_name, c) => {
    for (const a of availableActions(c, { tables: DEFAULT_TABLES, now, gebiedsteams: ['Noord'] })) {
      const card = stepFormCard(c, a);
      expect(checkCard(card).errors).toEqual([]);
      const ids = inputsOf(card).map((x) => x.id);
      expect(ids.every((id) => id.startsWith(`${a.verb}.`))).toBe(true);
      expect(ids.sort()).toEqual(a.fields.map((f) => `${a.verb}.${f.name}`).sort());
    }
  });

  it.each(cases.filter(([n]) => n.endsWith('ingevuld')))(
    'detailkaart %s toont de vrije tekst, zonder HTML uit te voeren of bindingen te evalueren',
    (_name, c) => {
      const card = detailsCard(c, DEFAULT_TABLES);
      expect(checkCard(card).errors).toEqual([]);
      const text = JSON.stringify(card);
      expect(text).toContain(SECRET);
      expect(text).not.toMatch(/\$\{x\}/);
    },
  );

  it.each(cases.filter(([n]) => n.endsWith('ingevuld')))(
    'detailkaart %s met dossierlink: een geldige Action.OpenUrl naar /dossier/, alleen als de link is meegegeven',
    (_name, c) => {
      const url = `https://escaleer.example.nl/dossier/${'a'.repeat(64)}/${'A'.repeat(43)}`;
      const card = detailsCard(c, DEFAULT_TABLES, 1, url);
      expect(checkCard(card).errors).toEqual([]);
      expect((card.actions as { type: string; title: string; url?: string }[]).filter((a) => a.type === 'Action.OpenUrl')).toEqual([
        { type: 'Action.OpenUrl', title: 'Dossier downloaden (PDF)', url },
      ]);
      expect(JSON.stringify(detailsCard(c, DEFAULT_TABLES))).not.toContain('/dossier/');
    },
  );

  it('een foutieve invoer komt terug met de waarden van de gebruiker en de fout naast het veld', () => {
    const c = inState('cirkel1', 'zorgkantoor');
    const action = availableActions(c, { tables: DEFAULT_TABLES, now }).find((a) => a.verb === 'cirkel1.vastleggen');
    if (!action) throw new Error('cirkel1.vastleggen ontbreekt');
    const card = stepFormCard(c, action, {
      form: { verb: 'cirkel1.vastleggen', values: { vraag: 'mijn vraag ${y}' }, fieldErrors: { datum: 'Vul een datum in.' } },
      notice: { text: 'Controleer de invoer.', style: 'attention' },
    });
    expect(checkCard(card).errors).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('Vul een datum in.');
    expect(text).toContain('mijn vraag');
    expect(text).not.toContain('${y}');
    expect(text).toContain('Controleer de invoer.');
  });

  it('de statuskaart zegt wie aan zet is (rol en namen), de volgende datum, de voorwaarden n/7 en de laatste wijziging', () => {
    const c: Case = {
      ...inState('akkoord_teamleider', 'zorgkantoor', { voorwaarden: { geenCrisis: true, stappenDoorlopen: true, regio: 'Groningen' } }),
      lastChange: { by: 'Anouk de Vries', action: 'voorwaarden.vastleggen', at: '2023-09-20T09:30:00Z' },
    };
    const waiting = { role: 'teamleider' as const, people: [{ id: 'a', name: 'Mohamed El Amrani', mri: '29:m' }], area: null };
    const card = statusCard(c, { tables: DEFAULT_TABLES, now, waiting });
    const text = cardText(card);
    expect(text).toContain('Aan zet | Teamleider: Mohamed El Amrani');
    expect(text).toMatch(/Volgende datum \| \d+ \w+ 2023: inleverdatum tafel Groningen/);
    expect(text).toContain('Voorwaarden | 2 van 7 voldaan');
    expect(text).toContain('Laatste wijziging | Anouk de Vries: Voorleggen aan teamleider (20 september 2023 om 11:30)');
    // The teamleider's view opens by itself where Teams supports it; the button works everywhere.
    expect(card.refresh).toEqual({
      action: {
        type: 'Action.Execute',
        title: 'Akkoord',
        verb: 'formulier.openen',
        data: { caseId: c.id, version: c.version, actie: 'voorwaarden.goedkeuren' },
      },
      userIds: ['29:m'],
    });
    expect(verbsOn(card)).toEqual([
      'formulier.openen',
      'details.bekijken',
      'formulier.openen',
      'formulier.openen',
      'formulier.openen',
      'status.tonen',
      'formulier.openen',
    ]);
    expect(text).toContain('Casus intrekken');
    expect(text).toContain('Akkoord (teamleider)');
    expect(text).toContain('Niet akkoord (teamleider)');
  });

  it('een groot team: de statuskaart noemt drie namen en hoeveel anderen, en ververst niet automatisch bij meer dan 60', () => {
    const people = Array.from({ length: 150 }, (_, i) => ({ id: `aad-${i}`, name: `Teamleider Nummer ${i}`, mri: `29:${i}` }));
    const card = statusCard(inState('akkoord_teamleider', 'zorgkantoor'), {
      tables: DEFAULT_TABLES,
      now,
      waiting: { role: 'teamleider', people, area: null },
    });
    expect(cardText(card)).toContain('Teamleider: Teamleider Nummer 0, Teamleider Nummer 1, Teamleider Nummer 2 en 147 anderen');
    expect(card.refresh).toBeUndefined();
  });

  it('namen en tekst uit Teams worden getoond, nooit uitgevoerd als binding of datumfunctie', () => {
    const waiting = {
      role: 'teamleider' as const,
      people: [{ id: 'a', name: '${teamleider} {{DATE(2017-02-14T06:08:39Z, SHORT)}}' }],
      area: null,
    };
    const card = statusCard(inState('akkoord_teamleider', 'zorgkantoor'), { tables: DEFAULT_TABLES, now, waiting });
    const text = cardText(card);
    expect(text).not.toContain('${teamleider}');
    expect(text).not.toContain('{{DATE');
    expect(text).toContain('teamleider}');
  });

  it('de voortgangsafbeelding is een kleine PNG met beschrijvende alt-tekst', () => {
    const card = statusCard(inState('cirkel3', 'zorgkantoor'), view);
    const text = JSON.stringify(card);
    const uri = /data:image\/png;base64,([A-Za-z0-9+/=]+)/.exec(text)?.[1];
    expect(uri).toBeDefined();
    const png = Buffer.from(uri ?? '', 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeLessThan(3_000);
    expect(text).toContain('Cirkel 3 van 4');
  });

  it('de crisismelding per route: Wlz noemt crisisregeling en Zorgadvies, Wmo de eigen en gemeentelijke crisisafspraken zonder Menzis', () => {
    const form = (route: RouteId) => {
      const c = inState(route === 'zorgkantoor' ? 'cirkel1' : 'stap1_signaal', route);
      const crisis = availableActions(c, { tables: DEFAULT_TABLES, now }).find((a) => a.verb === 'crisis.melden');
      if (!crisis) throw new Error('geen crisisactie');
      return cardText(stepFormCard(c, crisis));
    };
    expect(form('zorgkantoor')).toContain('Zorgadvies van Menzis');
    expect(form('bijstellen')).toContain('crisisregeling van de gemeente');
    expect(form('bijstellen')).not.toMatch(/Menzis|overlegtafel/);
  });

  it('de escalatiemelding noemt de rolhouders met @mention, de stap en een link, zonder vrije tekst', () => {
    const c = {
      ...inState('akkoord_teamleider', 'zorgkantoor', filledSteps()),
      location: { ...base.location, conversationId: '19:k@thread.tacv2;messageid=77', channelId: '19:k@thread.tacv2' },
    };
    const activity = notificationActivity({
      case: c,
      role: 'teamleider',
      holders: [{ id: 'aad-1', name: 'Mohamed El Amrani' }],
      due: null,
      title: 'Casus wacht',
      kind: 'escalation',
    });
    const card = activity.attachments?.[0]?.content as Record<string, unknown>;
    expect(checkCard(card).errors).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('<at>Mohamed El Amrani</at>');
    expect((card.msteams as { entities: unknown[] }).entities).toEqual([
      { type: 'mention', text: '<at>Mohamed El Amrani</at>', mentioned: { id: 'aad-1', name: 'Mohamed El Amrani' } },
    ]);
    expect(text).toContain('Akkoord; Niet akkoord');
    expect(text).toContain('teams.microsoft.com/l/message/19%3Ak%40thread.tacv2/r');
    expect(text).not.toContain(SECRET);
  });

  it('zonder rolhouder verwijst de melding naar /instellingen', () => {
    const activity = notificationActivity({
      case: inState('stap3_teamleider', 'bijstellen'),
      role: 'teamleider',
      holders: [],
      due: null,
      title: 't',
      kind: 'escalation',
    });
    expect(JSON.stringify(activity)).toContain('/instellingen');
  });

  it('de welkomstkaart noemt wat Escaleer doet, de privacybelofte en de eerste stap; in een team met de knop naar de instellingen', () => {
    const team = welcomeCard({ teamId: 'team' });
    expect(checkCard(team).errors).toEqual([]);
    const text = cardText(team);
    expect(text).toContain('Zet nooit namen, BSN of medische details in Teams');
    expect(text).toContain('/instellingen');
    expect(verbsOn(team)).toEqual(['instellingen.openen']);
    const personal = welcomeCard(null);
    expect(checkCard(personal).errors).toEqual([]);
    expect(cardText(personal)).toContain('teamkanaal');
    expect(verbsOn(personal)).toEqual([]);
  });

  it('de meldings- en foutkaart is geldig', () => {
    expect(checkCard(messageCard('Niet gelukt', 'De opslag is niet bereikbaar.', 'attention')).errors).toEqual([]);
  });

  it('een ontbrekende binding is een fout, geen lege kaart', () => {
    expect(() => render('message', { title: 'x' })).toThrow(/binding/);
  });

  it('een herhaalde weergave geeft dezelfde kaart, als eigen kopie die de volgende niet raakt', () => {
    const data = { title: 'Opgeslagen', text: 'Stap 2 is vastgelegd.', style: 'good' };
    const first = render('message', data);
    const second = render('message', data);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    (second['body'] as unknown[]).length = 0;
    expect(render('message', data)).toEqual(first);
    expect(JSON.stringify(render('message', { ...data, text: 'Stap 3 is vastgelegd.' }))).toContain('Stap 3 is vastgelegd.');
    expect(() => render('message', { title: 'x' })).toThrow(/binding/);
  });

  it('zonder komende tafel zegt het aanmeldformulier dat, en wie ze toevoegt', () => {
    const c = inState('formulier', 'zorgkantoor');
    const late = new Date('2030-01-01T10:00:00Z');
    const a = availableActions(c, { tables: DEFAULT_TABLES, now: late }).find((x) => x.verb === 'aanmelding.indienen');
    if (!a) throw new Error('aanmelding.indienen ontbreekt');
    const text = cardText(stepFormCard(c, a));
    expect(text).toContain('Er staat geen komende overlegtafel in de kalender');
    expect(text).toContain('/tafels');
  });

  it('de crisisknop staat op elke open statuskaart en nergens anders', () => {
    for (const s of STEPS) {
      for (const route of routeFor(s.route)) {
        const text = JSON.stringify(statusCard(inState(s.id, s.id === 'nieuw' ? null : route), view));
        expect(text.includes('"actie":"crisis.melden"')).toBe(!s.terminal && s.id !== 'nieuw');
      }
    }
  });
});

describe('beheerkaarten', () => {
  const team = {
    members: [
      { id: 'a1', name: 'Anouk de Vries' },
      { id: 'm2', name: 'Mohamed El Amrani' },
    ],
    channels: [
      { channelId: '19:alg@thread.tacv2', name: 'Algemeen' },
      { channelId: '19:tl@thread.tacv2', name: 'Teamleiders' },
    ],
  };
  const settings = {
    tenantId: 't',
    teamId: 'team',
    serviceUrl: 'http://x',
    roleHolders: { teamleider: [{ id: 'm2', name: 'Mohamed El Amrani' }] },
    roleChannels: { teamleider: { channelId: '19:tl@thread.tacv2', name: 'Teamleiders' } },
    gebiedsteams: [{ name: 'Noord', teamleider: { id: 'm2', name: 'Mohamed El Amrani' } }],
    updatedAt: '',
    updatedBy: '',
  };

  it('de instellingenkaart is geldig, toont de huidige rolhouders en de fouten naast de velden', () => {
    const card = settingsCard(
      'team',
      'Zorgteam ${x} Noord',
      settings,
      team,
      2,
      { fieldErrors: { 'rol.sleutelfiguur': 'Kies alleen leden van dit team.' } },
      'sleutelfiguur',
    );
    expect(checkCard(card).errors).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('"value":"m2"');
    expect(text).toContain('"id":"rol.sleutelfiguur"');
    expect(text).not.toContain('"id":"rol.teamleider"');
    expect(text).toContain('Kies alleen leden van dit team.');
    expect(text).toContain('2 melding(en) konden niet worden afgeleverd');
  });

  /** Every Input.ChoiceSet of a card. */
  const choiceSets = (node: unknown): Record<string, unknown>[] => {
    if (Array.isArray(node)) return node.flatMap(choiceSets);
    if (!node || typeof node !== 'object') return [];
    const o = node as Record<string, unknown>;
    return [...(o.type === 'Input.ChoiceSet' ? [o] : []), ...Object.values(o).flatMap(choiceSets)];
  };

  it('een rol kies je met de personenkiezer van Teams (leden van dit kanaal), met de ledenlijst als vaste keuzes voor de Playground en andere clients', () => {
    const card = settingsCard('team', 'Zorgteam Noord', settings, team, 0, {}, 'teamleider');
    expect(checkCard(card).errors).toEqual([]);
    const holders = choiceSets(card).find((c) => c.id === 'rol.teamleider');
    expect(holders).toMatchObject({
      isMultiSelect: true,
      value: 'm2',
      'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users?scope=currentContext' },
      choices: [
        { title: 'Anouk de Vries', value: 'a1' },
        { title: 'Mohamed El Amrani', value: 'm2' },
      ],
    });
    // The channel choice is not a person.
    expect(choiceSets(card).find((c) => c.id === 'kanaal.teamleider')).not.toHaveProperty('choices.data');
  });

  it('de gebiedsteams houden een vaste keuzelijst: bij een groot team alleen de teamleiders, wat een personenkiezer niet kan beperken', () => {
    const card = settingsCard('team', 'Zorgteam Noord', settings, team, 0, {}, 'gebieden');
    expect(checkCard(card).errors).toEqual([]);
    const leaders = choiceSets(card).filter((c) => String(c.id).startsWith('gebied.'));
    expect(leaders).toHaveLength(6);
    for (const c of leaders) expect(c).not.toHaveProperty('choices.data');
  });

  it('de samenvatting van de instellingen en de tafelkaart zijn geldig', () => {
    expect(checkCard(settingsSummaryCard('team', 'Zorgteam Noord', settings)).errors).toEqual([]);
    expect(checkCard(settingsSummaryCard('team', 'Zorgteam Noord', null)).errors).toEqual([]);
    const tables = [{ id: 'twente-2027-03-21', region: 'Twente', deadline: '2027-03-07', meeting: '2027-03-21' }];
    const readOnly = tablesCard(tables, new Date('2027-03-08T10:00:00Z'), false);
    expect(checkCard(readOnly).errors).toEqual([]);
    expect(JSON.stringify(readOnly)).toContain('inleverdatum 7 maart 2027 is verstreken');
    expect(JSON.stringify(readOnly)).toContain('tafels.beheren');
    const edit = tablesCard(tables, new Date('2027-03-01T10:00:00Z'), true, { fieldErrors: { regio: 'Vul een regionaam in.' } });
    expect(checkCard(edit).errors).toEqual([]);
    expect(JSON.stringify(edit)).toContain('Vul een regionaam in.');
  });
});
