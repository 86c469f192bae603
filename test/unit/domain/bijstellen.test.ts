import { awaitingRole, progress } from '../../../src/domain';
import {
  BEGELEIDER,
  COORDINATOR,
  INPUT,
  SLEUTELFIGUUR,
  TEAMLEIDER,
  TO_STAP3,
  TO_STAP5,
  type WalkStep,
  refusal,
  step,
  walk,
} from './fixtures';

type Path = readonly WalkStep[];

const START: Path = [['route.kiezen', { route: 'bijstellen' }]];

describe('route Bijstellen ondersteuning: takken tot het einde', () => {
  const branches: readonly [string, Path, string][] = [
    ['stap 2 voldoende: opgelost', [...START, ['signaal.vastleggen'], ['actielijnen.bijstellen', { resultaat: 'voldoende' }]], 'opgelost'],
    [
      'opplussen, evaluatie voldoende: opgelost',
      [...TO_STAP3, ['teamleider.besluit', { besluit: 'opplussen' }], ['inzet.evalueren']],
      'opgelost',
    ],
    [
      'digicontact, evaluatie onvoldoende: terug naar de teamleider',
      [...TO_STAP3, ['teamleider.besluit', { besluit: 'digicontact' }], ['inzet.evalueren', { resultaat: 'onvoldoende' }]],
      'stap3_teamleider',
    ],
    [
      'directe aanvraag BW, overbrugging door Siem: afgesloten',
      [
        ...TO_STAP3,
        ['teamleider.besluit', { besluit: 'aanvraag_bw' }],
        ['aanvraag_bw.verstuurd'],
        ['overbrugging.besluit'],
        ['overbrugging.vastleggen'],
      ],
      'afgesloten',
    ],
    [
      'gesprek sleutelfiguur, overbrugging door onderaannemer via ONS: afgesloten',
      [
        ...TO_STAP5,
        ['casuistiek.uitkomst'],
        ['overbrugging.besluit', { besluit: 'onderaannemer_ons' }],
        ['overbrugging.vastleggen', { bwLocatie: '', onsProduct: 'true' }],
      ],
      'afgesloten',
    ],
    [
      'overbrugging niet nodig: afgesloten',
      [...TO_STAP5, ['casuistiek.uitkomst'], ['overbrugging.besluit', { besluit: 'niet_nodig' }]],
      'afgesloten',
    ],
    [
      'verstevigingsteam: afgesloten na oppakken',
      [...TO_STAP5, ['casuistiek.uitkomst', { uitkomst: 'verstevigingsteam', aanbod: 'ret' }], ['versteviging.oppakken']],
      'afgesloten',
    ],
    [
      'domeinoverstijgend: afgesloten na aanmelding bij financier',
      [...TO_STAP5, ['casuistiek.uitkomst', { uitkomst: 'domeinoverstijgend', financier: 'zvw' }], ['financier.aangemeld']],
      'afgesloten',
    ],
    [
      'onplanbare zorg, evaluaties, terug naar BG: afgesloten',
      [
        ...TO_STAP5,
        ['casuistiek.uitkomst', { uitkomst: 'tijdelijke_onplanbare_zorg', woonlocatie: 'Locatie Zuid', startdatum: '2023-09-12' }],
        ['evaluatie.vastleggen'],
        ['evaluatie.vastleggen', { datum: '2023-11-12' }],
        ['evaluatie.vastleggen', { datum: '2023-12-12', uitkomst: 'terug_bg' }],
      ],
      'afgesloten',
    ],
    [
      'onplanbare zorg, toch aanvraag BW: naar de aanvraag',
      [
        ...TO_STAP5,
        ['casuistiek.uitkomst', { uitkomst: 'tijdelijke_onplanbare_zorg', woonlocatie: 'Locatie Zuid', startdatum: '2023-09-12' }],
        ['evaluatie.vastleggen', { uitkomst: 'aanvraag_bw' }],
      ],
      'aanvraag_bw',
    ],
  ];

  it.each(branches)('%s', (_name, path, expected) => {
    expect(walk(path).state).toBe(expected);
  });

  it('volgt stap 1 tot en met 7 in de voortgang', () => {
    const phases = [...TO_STAP5, ['casuistiek.uitkomst'], ['overbrugging.besluit']].reduce<{ c: ReturnType<typeof walk>; seen: number[] }>(
      (acc, s) => {
        const c = walk([s as readonly [string, Record<string, unknown>?]], acc.c);
        return { c, seen: [...acc.seen, progress(c).phase] };
      },
      { c: walk([]), seen: [] },
    ).seen;
    expect(phases).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('route Bijstellen ondersteuning: rollen en weigeringen', () => {
  it('stap 3 is aan de teamleider', () => {
    const c = walk(TO_STAP3);
    expect(awaitingRole(c)).toBe('teamleider');
    expect(refusal(c, 'teamleider.besluit', INPUT['teamleider.besluit'], BEGELEIDER).code).toBe('wrong_role');
    expect(step(c, 'teamleider.besluit', INPUT['teamleider.besluit'], TEAMLEIDER).state).toBe('stap4_formulier');
  });

  it('overbruggingszorg is aan de sleutelfiguur', () => {
    const c = walk([...TO_STAP5, ['casuistiek.uitkomst']]);
    expect(awaitingRole(c)).toBe('sleutelfiguur');
    expect(refusal(c, 'overbrugging.besluit', INPUT['overbrugging.besluit'], TEAMLEIDER).message).toContain('sleutelfiguur');
    expect(step(c, 'overbrugging.besluit', INPUT['overbrugging.besluit'], SLEUTELFIGUUR).state).toBe('stap7_vastleggen');
  });

  it('de maandevaluatie mag door sleutelfiguur of teamleider, niet door een begeleider', () => {
    const c = walk([
      ...TO_STAP5,
      ['casuistiek.uitkomst', { uitkomst: 'tijdelijke_onplanbare_zorg', woonlocatie: 'Zuid', startdatum: '2023-09-12' }],
    ]);
    expect(refusal(c, 'evaluatie.vastleggen', INPUT['evaluatie.vastleggen'], BEGELEIDER).message).toBe(
      'Alleen de sleutelfiguur of teamleider kan deze stap zetten.',
    );
    expect(step(c, 'evaluatie.vastleggen', INPUT['evaluatie.vastleggen'], TEAMLEIDER).state).toBe('onplanbare_zorg');
  });

  it('het verstevigingsteam is aan de coördinator', () => {
    const c = walk([...TO_STAP5, ['casuistiek.uitkomst', { uitkomst: 'verstevigingsteam', aanbod: 'cv' }]]);
    expect(awaitingRole(c)).toBe('coordinator_verstevigingsteam');
    expect(step(c, 'versteviging.oppakken', INPUT['versteviging.oppakken'], COORDINATOR).state).toBe('afgesloten');
  });

  it('na 6 maanden onplanbare zorg kan niet meer worden voortgezet', () => {
    const c = walk([
      ...TO_STAP5,
      ['casuistiek.uitkomst', { uitkomst: 'tijdelijke_onplanbare_zorg', woonlocatie: 'Zuid', startdatum: '2023-03-12' }],
    ]);
    expect(refusal(c, 'evaluatie.vastleggen', { datum: '2023-09-12', uitkomst: 'voortzetten' }).fieldErrors).toHaveProperty('uitkomst');
    expect(step(c, 'evaluatie.vastleggen', { datum: '2023-09-11', uitkomst: 'voortzetten' }).state).toBe('onplanbare_zorg');
  });

  it.each([
    ['tijdelijke_onplanbare_zorg', ['woonlocatie', 'startdatum']],
    ['verstevigingsteam', ['aanbod']],
    ['domeinoverstijgend', ['financier']],
  ])('de uitkomst %s vraagt de bijbehorende velden', (uitkomst, fields) => {
    const r = refusal(walk(TO_STAP5), 'casuistiek.uitkomst', { datum: '2023-09-12', uitkomst });
    expect(r.code).toBe('invalid_input');
    expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual([...fields].sort());
  });

  it('actielijnen worden samen met de cliënt bepaald', () => {
    const c = walk([...START, ['signaal.vastleggen']]);
    expect(
      refusal(c, 'actielijnen.bijstellen', { ...INPUT['actielijnen.bijstellen'], samenMetClient: 'false' }).fieldErrors,
    ).toHaveProperty('samenMetClient');
  });

  it('overbrugging vastleggen vraagt BW-locatie bij Siem en het ONS-product bij een onderaannemer', () => {
    const siem = walk([...TO_STAP5, ['casuistiek.uitkomst'], ['overbrugging.besluit']]);
    expect(refusal(siem, 'overbrugging.vastleggen', { startdatum: '2023-09-14', ondersteuningsplan: true }).fieldErrors).toHaveProperty(
      'bwLocatie',
    );
    const ons = walk([...TO_STAP5, ['casuistiek.uitkomst'], ['overbrugging.besluit', { besluit: 'onderaannemer_ons' }]]);
    expect(refusal(ons, 'overbrugging.vastleggen', { startdatum: '2023-09-14', ondersteuningsplan: true }).fieldErrors).toHaveProperty(
      'onsProduct',
    );
    expect(refusal(ons, 'overbrugging.vastleggen', { startdatum: '2023-09-14', onsProduct: true }).fieldErrors).toHaveProperty(
      'ondersteuningsplan',
    );
  });

  it('crisis melden kan ook in deze route', () => {
    expect(step(walk(TO_STAP5), 'crisis.melden', { bevestigd: true }).state).toBe('crisis');
  });
});
