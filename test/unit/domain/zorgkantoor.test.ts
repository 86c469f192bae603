import { type Case, awaitingRole, isOpen } from '../../../src/domain';
import {
  ALL_CONDITIONS,
  BEGELEIDER,
  INPUT,
  NOW,
  TEAMLEIDER,
  TO_AANGEMELD,
  TO_AKKOORD,
  TO_FORMULIER,
  TO_VOORWAARDEN,
  refusal,
  step,
  walk,
  type WalkStep,
} from './fixtures';

type Path = readonly WalkStep[];

describe('route Zorgkantoor: overgangen', () => {
  const transitions: readonly [string, Path, string, Record<string, unknown>, string][] = [
    ['cirkel 1 onvoldoende gaat naar cirkel 2', [['route.kiezen']], 'cirkel1.vastleggen', {}, 'cirkel2'],
    ['cirkel 1 opgelost sluit de casus', [['route.kiezen']], 'cirkel1.vastleggen', { uitkomst: 'opgelost' }, 'opgelost'],
    ['cirkel 2 onvoldoende gaat naar cirkel 3', [['route.kiezen'], ['cirkel1.vastleggen']], 'cirkel2.vastleggen', {}, 'cirkel3'],
    [
      'cirkel 2 opgelost sluit de casus',
      [['route.kiezen'], ['cirkel1.vastleggen']],
      'cirkel2.vastleggen',
      { uitkomst: 'opgelost' },
      'opgelost',
    ],
    ['cirkel 3 onvoldoende gaat naar de voorwaarden', TO_VOORWAARDEN.slice(0, 3), 'cirkel3.vastleggen', {}, 'voorwaarden'],
    ['cirkel 3 opgelost sluit de casus', TO_VOORWAARDEN.slice(0, 3), 'cirkel3.vastleggen', { uitkomst: 'opgelost' }, 'opgelost'],
    ['alle zeven voorwaarden gaan naar de teamleider', TO_VOORWAARDEN, 'voorwaarden.vastleggen', {}, 'akkoord_teamleider'],
    ['voorwaarden terug naar cirkel 3', TO_VOORWAARDEN, 'voorwaarden.terug', {}, 'cirkel3'],
    ['akkoord teamleider gaat naar contact adviseur', TO_AKKOORD, 'voorwaarden.goedkeuren', {}, 'contact_adviseur'],
    ['niet akkoord teamleider gaat terug naar de voorwaarden', TO_AKKOORD, 'voorwaarden.afwijzen', {}, 'voorwaarden'],
    ['adviseur passend gaat naar het aanmeldformulier', [...TO_AKKOORD, ['voorwaarden.goedkeuren']], 'adviseur.oordeel', {}, 'formulier'],
    [
      'adviseur niet passend gaat terug naar cirkel 3',
      [...TO_AKKOORD, ['voorwaarden.goedkeuren']],
      'adviseur.oordeel',
      { oordeel: 'niet_passend', advies: 'Eerst het plan aanscherpen.' },
      'cirkel3',
    ],
    ['aanmelden voor een haalbare tafel', TO_FORMULIER, 'aanmelding.indienen', {}, 'aangemeld'],
    ['formulier ingeleverd blijft aangemeld', TO_AANGEMELD, 'aanmelding.ingediend', {}, 'aangemeld'],
    ['andere tafel kiezen blijft aangemeld', TO_AANGEMELD, 'tafel.wijzigen', {}, 'aangemeld'],
  ];

  it.each(transitions)('%s', (_name, path, verb, overrides, expected) => {
    const c = walk(path);
    expect(step(c, verb, { ...INPUT[verb], ...overrides }).state).toBe(expected);
  });

  it('loopt de hele route van cirkel 1 tot afgesloten', () => {
    const registered = walk([...TO_AANGEMELD, ['aanmelding.ingediend']]);
    const after = walk(
      [['bespreking.vastleggen'], ['opvolging.vastleggen'], ['opvolging.vastleggen', { stand: 'vertraagd' }], ['casus.afsluiten']],
      registered,
      { now: new Date('2023-12-01T10:00:00Z') },
    );
    expect(after.state).toBe('afgesloten');
    expect(isOpen(after)).toBe(false);
    expect(after.steps.afgesloten).toMatchObject({ reden: 'overgeplaatst' });
  });

  it('crisis melden kan in elke open stap en sluit de route', () => {
    const paths: Path[] = [[['route.kiezen']], TO_VOORWAARDEN, TO_AKKOORD, TO_FORMULIER, TO_AANGEMELD];
    for (const p of paths) {
      const c = step(walk(p), 'crisis.melden', { bevestigd: true }, BEGELEIDER);
      expect(c.state).toBe('crisis');
      expect(awaitingRole(c)).toBeNull();
    }
  });
});

describe('route Zorgkantoor: weigeringen', () => {
  const akkoord = (): Case => walk(TO_AKKOORD);

  it('weigert voorwaarden als er één niet bevestigd is, en noemt welke', () => {
    const r = refusal(walk(TO_VOORWAARDEN), 'voorwaarden.vastleggen', { ...ALL_CONDITIONS, overdrachtGeprobeerd: 'false' });
    expect(r.code).toBe('conditions_not_met');
    expect(r.message).toContain('over te dragen aan een andere zorgaanbieder');
    expect(r.fieldErrors).toEqual({ overdrachtGeprobeerd: 'Niet vervuld.' });
  });

  it('weigert CCE "nee" zonder onderbouwing', () => {
    const r = refusal(walk(TO_VOORWAARDEN), 'voorwaarden.vastleggen', { ...ALL_CONDITIONS, cceBetrokken: 'false' });
    expect(r.code).toBe('conditions_not_met');
    expect(r.message).toContain('CCE');
  });

  it('accepteert CCE "nee" met een onderbouwing', () => {
    const c = step(walk(TO_VOORWAARDEN), 'voorwaarden.vastleggen', {
      ...ALL_CONDITIONS,
      cceBetrokken: 'false',
      cceBetrokkenToelichting: 'Zie dossier: CCE niet nodig',
    });
    expect(c.state).toBe('akkoord_teamleider');
  });

  it('verwijst naar de crisisregeling als het wel een crisissituatie is', () => {
    expect(refusal(walk(TO_VOORWAARDEN), 'voorwaarden.vastleggen', { ...ALL_CONDITIONS, geenCrisis: 'false' }).code).toBe('crisis');
  });

  it('vraagt een toelichting bij een bevestigde voorwaarde', () => {
    const r = refusal(walk(TO_VOORWAARDEN), 'voorwaarden.vastleggen', { ...ALL_CONDITIONS, stappenDoorlopenToelichting: '' });
    expect(r.code).toBe('invalid_input');
    expect(r.fieldErrors).toHaveProperty('stappenDoorlopenToelichting');
  });

  it('alleen de teamleider kan de voorwaarden goedkeuren', () => {
    const r = refusal(akkoord(), 'voorwaarden.goedkeuren', {}, BEGELEIDER);
    expect(r.code).toBe('wrong_role');
    expect(r.message).toContain('teamleider');
    expect(step(akkoord(), 'voorwaarden.goedkeuren', {}, TEAMLEIDER).state).toBe('contact_adviseur');
  });

  it('weigert goedkeuren als de voorwaarden niet (meer) vastliggen', () => {
    const c = akkoord();
    const tampered: Case = { ...c, steps: { ...c.steps, voorwaarden: { ...c.steps.voorwaarden, inZorgGehouden: false } } };
    expect(refusal(tampered, 'voorwaarden.goedkeuren', {}).code).toBe('conditions_not_met');
  });

  it('weigert aanmelding als de inleverdatum verstreken is, en noemt de volgende tafel', () => {
    const r = refusal(walk(TO_FORMULIER), 'aanmelding.indienen', INPUT['aanmelding.indienen'], undefined, {
      now: new Date('2023-10-06T08:00:00Z'),
    });
    expect(r.code).toBe('deadline_passed');
    expect(r.message).toContain('5 oktober 2023');
    expect(r.message).toContain('Groningen, overleg 14 december 2023 (inleveren uiterlijk 30 november 2023)');
  });

  it('zegt het als er geen volgende tafel in de kalender staat', () => {
    const r = refusal(
      walk(TO_FORMULIER),
      'aanmelding.indienen',
      { ...INPUT['aanmelding.indienen'], regio: 'Arnhem', tafel: 'arnhem-2023-11-23' },
      undefined,
      {
        now: new Date('2023-11-10T08:00:00Z'),
      },
    );
    expect(r.code).toBe('deadline_passed');
    expect(r.message).toContain('geen volgende tafel voor Arnhem');
  });

  it('weigert een onbekende tafel of een tafel van een andere regio', () => {
    expect(
      refusal(walk(TO_FORMULIER), 'aanmelding.indienen', { ...INPUT['aanmelding.indienen'], tafel: 'nergens' }).fieldErrors,
    ).toHaveProperty('tafel');
    expect(
      refusal(walk(TO_FORMULIER), 'aanmelding.indienen', { ...INPUT['aanmelding.indienen'], regio: 'Twente' }).fieldErrors?.tafel,
    ).toContain('Groningen');
  });

  it('weigert data in de toekomst', () => {
    const r = refusal(walk(TO_FORMULIER), 'aanmelding.indienen', { ...INPUT['aanmelding.indienen'], formulierOntvangenOp: '2023-09-16' });
    expect(r.fieldErrors).toEqual({ formulierOntvangenOp: 'Deze datum ligt in de toekomst.' });
  });

  it('weigert aanmelding zonder vastgelegde voorwaarden of akkoord', () => {
    const c = walk(TO_FORMULIER);
    const noApproval: Case = { ...c, steps: { ...c.steps, akkoord_teamleider: { besluit: 'afgewezen' } } };
    expect(refusal(noApproval, 'aanmelding.indienen', INPUT['aanmelding.indienen']).code).toBe('conditions_not_met');
    const crisisOnRecord: Case = { ...c, steps: { ...c.steps, crisis: { bevestigd: true } } };
    expect(refusal(crisisOnRecord, 'aanmelding.indienen', INPUT['aanmelding.indienen']).code).toBe('crisis');
  });

  it('een crisiscasus kan nooit worden aangemeld', () => {
    const c = step(walk(TO_FORMULIER), 'crisis.melden', { bevestigd: 'true' });
    const r = refusal(c, 'aanmelding.indienen', INPUT['aanmelding.indienen']);
    expect(r.code).toBe('crisis');
    expect(r.message).toContain('crisisregeling');
  });

  it('crisis melden vraagt een bevestiging', () => {
    expect(refusal(walk(TO_VOORWAARDEN), 'crisis.melden', { bevestigd: 'false' }).fieldErrors).toHaveProperty('bevestigd');
  });

  it('weigert inleveren na de inleverdatum', () => {
    const r = refusal(walk(TO_AANGEMELD), 'aanmelding.ingediend', { ingediendOp: '2023-10-06' }, undefined, {
      now: new Date('2023-10-06T08:00:00Z'),
    });
    expect(r.code).toBe('deadline_passed');
  });

  it('weigert inleveren als de tafel niet meer in de kalender staat', () => {
    expect(refusal(walk(TO_AANGEMELD), 'aanmelding.ingediend', INPUT['aanmelding.ingediend'], undefined, { tables: [] }).code).toBe(
      'wrong_step',
    );
  });

  it('weigert de uitkomst vóór de tafel of zonder ingeleverd formulier', () => {
    const registered = walk(TO_AANGEMELD);
    expect(refusal(registered, 'bespreking.vastleggen', INPUT['bespreking.vastleggen']).message).toContain('ingeleverd');
    const submitted = step(registered, 'aanmelding.ingediend', INPUT['aanmelding.ingediend']);
    const r = refusal(submitted, 'bespreking.vastleggen', INPUT['bespreking.vastleggen'], undefined, {
      now: new Date('2023-10-18T21:59:59.999Z'),
    });
    expect(r.code).toBe('wrong_step');
    expect(r.message).toContain('19 oktober 2023');
    expect(
      step(submitted, 'bespreking.vastleggen', INPUT['bespreking.vastleggen'], undefined, { now: new Date('2023-10-18T22:00:00Z') }).state,
    ).toBe('besproken');
  });

  it('na de uitkomst van de tafel kan niet opnieuw worden aangemeld', () => {
    const c = walk([['bespreking.vastleggen']], walk([...TO_AANGEMELD, ['aanmelding.ingediend']]), {
      now: new Date('2023-10-20T10:00:00Z'),
    });
    expect(refusal(c, 'aanmelding.indienen', INPUT['aanmelding.indienen']).code).toBe('wrong_step');
  });

  it('houdt het formulier-ontvangstdatum vast bij het wijzigen van de tafel', () => {
    const c = walk([...TO_AANGEMELD, ['tafel.wijzigen']]);
    expect(c.steps.formulier).toEqual({ formulierOntvangenOp: '2023-09-14', regio: 'Twente', tafel: 'twente-2023-11-09' });
  });

  it('in cirkel 1 kan de teamleider-stap nog niet', () => {
    const c = walk([['route.kiezen']]);
    expect(refusal(c, 'voorwaarden.goedkeuren', {}, TEAMLEIDER).code).toBe('wrong_step');
    expect(NOW.toISOString()).toBe('2023-09-15T10:00:00.000Z');
  });
});
