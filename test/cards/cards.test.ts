import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Case, DEFAULT_TABLES, STEPS, formatCaseId, newCase, type RouteId } from '../../src/domain';
import { detailsCard, messageCard, notificationActivity, rootCard, render, settingsCard, settingsSummaryCard, tablesCard } from '../../src/cards';
import { checkCard } from './cardValidation';

const now = new Date('2023-09-20T10:00:00Z');
const base = newCase({
  id: formatCaseId(2023, 42),
  location: { tenantId: 't', teamId: 'team', channelId: 'ch', conversationId: 'ch;messageid=1', serviceUrl: 'http://x', rootActivityId: 'r' },
  ownerId: 'u1',
  now,
});

const SECRET = 'GEHEIM';

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
    const names = readdirSync(join(__dirname, '../../cards')).filter((f) => f.endsWith('.json')).map((f) => f.replace('.json', ''));
    expect(names.sort()).toEqual(['checklist', 'crisis', 'details', 'form', 'message', 'notification', 'root', 'settings', 'settingsSummary', 'tables']);
  });

  const cases: [string, Case][] = [['nieuw', inState('nieuw', null)]];
  for (const s of STEPS.filter((x) => x.id !== 'nieuw')) {
    for (const route of routeFor(s.route)) {
      cases.push([`${route}/${s.id} leeg`, inState(s.id, route)]);
      cases.push([`${route}/${s.id} ingevuld`, inState(s.id, route, filledSteps())]);
    }
  }

  it.each(cases)('hoofdkaart %s: geldig, versie ≤ 1.5, alleen elementen van die versie, < 40 KB', (_name, c) => {
    const result = checkCard(rootCard(c, { tables: DEFAULT_TABLES, now }));
    expect(result.errors).toEqual([]);
  });

  it.each(cases.filter(([n]) => n.endsWith('ingevuld')))('hoofdkaart %s toont geen vrije tekst', (_name, c) => {
    expect(JSON.stringify(rootCard(c, { tables: DEFAULT_TABLES, now }))).not.toContain(SECRET);
  });

  it.each(cases.filter(([n]) => n.endsWith('ingevuld')))('detailkaart %s toont de vrije tekst, zonder HTML uit te voeren of bindingen te evalueren', (_name, c) => {
    const card = detailsCard(c, DEFAULT_TABLES);
    expect(checkCard(card).errors).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain(SECRET);
    expect(text).not.toMatch(/\$\{x\}/);
  });

  it('een foutieve invoer komt terug met de waarden van de gebruiker en de fout naast het veld', () => {
    const c = inState('cirkel1', 'zorgkantoor');
    const card = rootCard(c, {
      tables: DEFAULT_TABLES,
      now,
      form: { verb: 'cirkel1.vastleggen', values: { vraag: 'mijn vraag ${y}' }, fieldErrors: { datum: 'Vul een datum in.' } },
      notice: { text: 'Controleer de invoer.', style: 'attention' },
    });
    expect(checkCard(card).errors).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('Vul een datum in.');
    expect(text).toContain('mijn vraag');
    expect(text).toContain('Controleer de invoer.');
  });

  it('de voortgangsafbeelding is een kleine PNG met beschrijvende alt-tekst', () => {
    const card = rootCard(inState('cirkel3', 'zorgkantoor'), { tables: DEFAULT_TABLES, now });
    const text = JSON.stringify(card);
    const uri = /data:image\/png;base64,([A-Za-z0-9+/=]+)/.exec(text)?.[1];
    expect(uri).toBeDefined();
    const png = Buffer.from(uri ?? '', 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeLessThan(12_000);
    expect(text).toContain('Cirkel 3 van 4');
  });

  it('de escalatiemelding noemt de rolhouders met @mention, de stap en een link, zonder vrije tekst', () => {
    const c = { ...inState('akkoord_teamleider', 'zorgkantoor', filledSteps()), location: { ...base.location, conversationId: '19:k@thread.tacv2;messageid=77', channelId: '19:k@thread.tacv2' } };
    const activity = notificationActivity({ case: c, role: 'teamleider', holders: [{ id: 'aad-1', name: 'Mohamed El Amrani' }], due: null, title: 'Casus wacht', kind: 'escalation' });
    const card = activity.attachments?.[0]?.content as Record<string, unknown>;
    expect(checkCard(card).errors).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('<at>Mohamed El Amrani</at>');
    expect((card.msteams as { entities: unknown[] }).entities).toEqual([{ type: 'mention', text: '<at>Mohamed El Amrani</at>', mentioned: { id: 'aad-1', name: 'Mohamed El Amrani' } }]);
    expect(text).toContain('Akkoord; Niet akkoord');
    expect(text).toContain('teams.microsoft.com/l/message/19%3Ak%40thread.tacv2/r');
    expect(text).not.toContain(SECRET);
  });

  it('zonder rolhouder verwijst de melding naar /instellingen', () => {
    const activity = notificationActivity({ case: inState('stap3_teamleider', 'bijstellen'), role: 'teamleider', holders: [], due: null, title: 't', kind: 'escalation' });
    expect(JSON.stringify(activity)).toContain('/instellingen');
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

  it('de crisisroute-knop staat op elke open stap en nergens anders', () => {
    for (const s of STEPS) {
      for (const route of routeFor(s.route)) {
        const text = JSON.stringify(rootCard(inState(s.id, s.id === 'nieuw' ? null : route), { tables: DEFAULT_TABLES, now }));
        expect(text.includes('"verb":"crisis.melden"')).toBe(!s.terminal && s.id !== 'nieuw');
      }
    }
  });
});

describe('beheerkaarten', () => {
  const team = {
    members: [{ id: 'a1', name: 'Anouk de Vries' }, { id: 'm2', name: 'Mohamed El Amrani' }],
    channels: [{ channelId: '19:alg@thread.tacv2', name: 'Algemeen' }, { channelId: '19:tl@thread.tacv2', name: 'Teamleiders' }],
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
    const card = settingsCard('team', 'Zorgteam ${x} Noord', settings, team, 2, { fieldErrors: { 'rol.sleutelfiguur': 'Kies alleen leden van dit team.' } });
    expect(checkCard(card).errors).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('"value":"m2"');
    expect(text).toContain('Kies alleen leden van dit team.');
    expect(text).toContain('2 melding(en) konden niet worden afgeleverd');
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
