import { DEFAULT_TABLES } from '../../../src/domain';
import { applyAction, canonicalJsonForTest } from './engineHelpers';
import { BEGELEIDER, EVERYONE, INPUT, NOW, TEAMLEIDER, TO_AKKOORD, apply, events, freshCase, hash, refusal, step, walk } from './fixtures';

describe('applyAction', () => {
  it('kiest een route, zet de eerste stap en legt één auditgebeurtenis vast', () => {
    const c = freshCase();
    const r = apply(c, 'route.kiezen', { route: 'bijstellen', clientRef: ' ECD-1 ', extra: 'genegeerd' }, TEAMLEIDER);
    if (!r.ok) throw new Error(r.error.message);
    const next = r.value.case;
    expect(next).toMatchObject({
      route: 'bijstellen',
      clientRef: 'ECD-1',
      state: 'stap1_signaal',
      version: 2,
      updatedAt: NOW.toISOString(),
    });
    expect(next.participants).toEqual(['u-owner', 'u-teamleider']);
    expect(r.value.events).toEqual([
      {
        caseId: c.id,
        version: 2,
        at: NOW.toISOString(),
        actorId: 'u-teamleider',
        actorName: TEAMLEIDER.name,
        actorRoles: ['teamleider'],
        action: 'route.kiezen',
        fromState: 'nieuw',
        toState: 'stap1_signaal',
        dataHash: hash(canonicalJsonForTest({ clientRef: 'ECD-1', route: 'bijstellen' })),
      },
    ]);
  });

  it('hasht de ingevoerde data canoniek (sleutelvolgorde maakt niet uit)', () => {
    const a = events(freshCase(), 'route.kiezen', { route: 'zorgkantoor', clientRef: 'X' });
    const b = events(freshCase(), 'route.kiezen', { clientRef: 'X', route: 'zorgkantoor' });
    expect(a[0]?.dataHash).toBe(b[0]?.dataHash);
  });

  it('voegt een deelnemer maar één keer toe', () => {
    const c = step(
      step(freshCase(), 'route.kiezen', INPUT['route.kiezen'], BEGELEIDER),
      'cirkel1.vastleggen',
      INPUT['cirkel1.vastleggen'],
      BEGELEIDER,
    );
    expect(c.participants).toEqual(['u-owner', 'u-begeleider']);
  });

  it('controleert in vaste volgorde: gesloten, versie, onbekend, stap, rol, invoer, privacy, regels', () => {
    const closed = walk([['route.kiezen'], ['cirkel1.vastleggen', { uitkomst: 'opgelost' }]]);
    expect(refusal(closed, 'onzin', {}).code).toBe('closed');
    const c = walk([['route.kiezen']]);
    expect(applyAction(c, { verb: 'onzin', input: {}, expectedVersion: 1 }, EVERYONE, { now: NOW, hash, tables: DEFAULT_TABLES }).ok).toBe(
      false,
    );
    const stale = applyAction(c, { verb: 'onzin', input: {}, expectedVersion: 1 }, EVERYONE, { now: NOW, hash, tables: DEFAULT_TABLES });
    expect(!stale.ok && stale.error.code).toBe('stale_version');
    expect(refusal(c, 'onzin', {}).code).toBe('unknown_action');
    expect(refusal(c, 'voorwaarden.goedkeuren', { bsn: 'x' }, BEGELEIDER).code).toBe('wrong_step');
    const akkoord = walk(TO_AKKOORD);
    expect(refusal(akkoord, 'voorwaarden.afwijzen', { reden: '' }, BEGELEIDER).code).toBe('wrong_role');
    expect(refusal(akkoord, 'voorwaarden.afwijzen', { reden: '' }, TEAMLEIDER).code).toBe('invalid_input');
    expect(refusal(akkoord, 'voorwaarden.afwijzen', { reden: 'BSN 111.222.333' }, TEAMLEIDER).code).toBe('privacy');
  });

  it('accepteert de juiste versie', () => {
    const r = applyAction(freshCase(), { verb: 'route.kiezen', input: { route: 'zorgkantoor' }, expectedVersion: 1 }, BEGELEIDER, {
      now: NOW,
      hash,
      tables: DEFAULT_TABLES,
    });
    expect(r.ok).toBe(true);
  });

  it('geeft Nederlandse foutmeldingen per veld', () => {
    const r = refusal(walk([['route.kiezen']]), 'cirkel1.vastleggen', { datum: '2023-02-30', deelnemers: 'kok', vraag: 7 });
    expect(r.fieldErrors).toEqual({
      datum: 'Kies een geldige datum (JJJJ-MM-DD).',
      deelnemers: 'Kies uit de opties.',
      vraag: 'Vul tekst in.',
      uitkomst: 'Maak een keuze.',
    });
  });

  it('weigert te lange vrije tekst', () => {
    const r = refusal(walk([['route.kiezen']]), 'cirkel1.vastleggen', { ...INPUT['cirkel1.vastleggen'], vraag: 'x'.repeat(1001) });
    expect(r.fieldErrors).toEqual({ vraag: 'Maximaal 1000 tekens.' });
  });

  it('weigert een BSN in vrije tekst met een duidelijke melding en verandert niets', () => {
    const c = walk([['route.kiezen']]);
    const r = refusal(c, 'cirkel1.vastleggen', { ...INPUT['cirkel1.vastleggen'], afspraken: 'Bel over 123 456 782' });
    expect(r.code).toBe('privacy');
    expect(r.message).toMatch(/^Dit lijkt op een BSN/);
    expect(r.fieldErrors).toHaveProperty('afspraken');
    expect(c.state).toBe('cirkel1');
  });

  it('weigert elke actie op een crisiscasus met code crisis', () => {
    const c = step(walk([['route.kiezen']]), 'crisis.melden', { bevestigd: true });
    expect(refusal(c, 'cirkel1.vastleggen', INPUT['cirkel1.vastleggen']).code).toBe('crisis');
  });

  it('weigert een onbekende toestand', () => {
    expect(refusal({ ...freshCase(), state: 'kwijt' }, 'route.kiezen', {}).code).toBe('wrong_step');
  });

  it('accepteert lege invoer als geen invoer', () => {
    expect(refusal(walk([['route.kiezen']]), 'cirkel1.vastleggen', undefined).code).toBe('invalid_input');
  });
});
