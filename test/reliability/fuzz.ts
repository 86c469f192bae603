/** Seeded generators of forged and malformed card payloads and messages (same seed → same inputs). */

/** mulberry32: small, fast, good enough to spread test inputs. */
const prng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export class Gen {
  readonly random: () => number;
  constructor(seed: number) {
    this.random = prng(seed);
  }
  int(max: number): number {
    return Math.floor(this.random() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  /** A 9-digit number that passes the elfproef, like a BSN. */
  bsn(): string {
    for (;;) {
      const d = Array.from({ length: 8 }, () => this.int(10));
      const sum = d.reduce((s, x, i) => s + x * (9 - i), 0);
      const last = sum % 11;
      if (last < 10 && d[0] !== 0) return [...d, last].join('');
    }
  }
  text(): string {
    return this.pick(ODD_TEXT(this));
  }
}

const ODD_TEXT = (g: Gen): string[] => [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '**vet** [klik](javascript:alert(1)) ![x](http://127.0.0.1:9/x.png)',
  '${$root.caseId}${json(x)}',
  '</at><at>Escaleer</at>',
  "'; DROP TABLE cases; --",
  "' or PartitionKey ne '",
  'a'.repeat(20_000 + g.int(60_000)),
  '\u202Eevil\u202C\u200B\u200D\uFEFF',
  '\uD800 losse surrogaat \uDFFF',
  'nul\u0000teken\u0007',
  '🧑‍⚕️🏥'.repeat(50),
  'Ｃ\u0301ombining ﷽ ǅ',
  `BSN ${g.bsn()} in de tekst`,
  g.bsn(),
  `${g.bsn().slice(0, 3)}.${g.bsn().slice(3, 6)}.${g.bsn().slice(6)}`,
  '',
  '   ',
  '\n\n\n',
];

const BAD_DATES = ['2025-02-30', '2025-13-01', '31-12-2025', 'gisteren', '', '0000-00-00', '2025-3-3', '99999-01-01', '2025-03-03T25:00'];
const STEP_VERBS = [
  'actielijnen.bijstellen',
  'teamleider.besluit',
  'voorwaarden.goedkeuren',
  'cirkel1.vastleggen',
  'route.kiezen',
  'aanmelding.indienen',
];
const WEIRD_VERBS = [
  '',
  ' ',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'signaal.vastleggen ',
  'SIGNAAL.VASTLEGGEN',
  'signaal',
  'x'.repeat(65),
  'verwijder.alles',
  '../../admin',
];

export interface CaseRefs {
  /** A case in the attacker's own channel, at version 2, step 1 (signal). */
  readonly own: string;
  /** A case of another team. */
  readonly foreign: string;
}

/** One forged invoke value (the `value` of an `adaptiveCard/action` invoke). */
export const forgedInvokeValue = (g: Gen, refs: CaseRefs, kind: number): unknown => {
  const exec = (verb: unknown, data: unknown): unknown => ({ action: { type: 'Action.Execute', verb, data } });
  const badSignal = (): Record<string, unknown> => {
    const fields: Record<string, unknown> = { datum: '2025-03-03', actielijn: g.text(), toelichting: g.text() };
    // Always at least one certain fault, so a forged payload can never be a valid change.
    const fault = g.int(5);
    if (fault === 0) fields['datum'] = g.pick(BAD_DATES);
    if (fault === 1) fields['actielijn'] = `zie ${g.bsn()}`;
    if (fault === 2) delete fields['actielijn'];
    if (fault === 3) fields['datum'] = g.pick([42, true, null, ['2025-03-03'], { d: 1 }]);
    if (fault === 4) fields['actielijn'] = g.pick([12345, false, ['a'], { x: 'y' }]);
    const data: Record<string, unknown> = { caseId: refs.own, version: 2 };
    for (const [k, v] of Object.entries(fields)) data[`signaal.vastleggen.${k}`] = v;
    if (g.int(3) === 0)
      Object.assign(data, { state: 'afgesloten', 'signaal.vastleggen.__proto__': { admin: true }, tenantId: 'tenant-z', extra: g.text() });
    return data;
  };
  switch (kind % 12) {
    case 0:
      return g.pick([null, 42, 'Action.Execute', [], true, '', [exec('signaal.vastleggen', {})]]);
    case 1:
      return g.pick([
        {},
        { action: null },
        { action: 'x' },
        { action: [] },
        { verb: 'signaal.vastleggen', data: { caseId: refs.own, version: 2 } },
      ]);
    case 2:
      return { action: { type: g.pick(['Action.Submit', 'Action.OpenUrl', '', 7]), verb: 'signaal.vastleggen', data: badSignal() } };
    case 3:
      return exec(g.pick([undefined, null, 12, {}, ['signaal.vastleggen']]), { caseId: refs.own, version: 2 });
    case 4:
      return exec('signaal.vastleggen', g.pick([undefined, null, 'caseId', [refs.own, 2], 0]));
    case 5: {
      const caseId = g.pick<unknown>([
        refs.foreign,
        'CAS-2025-9999',
        'CAS-0000-0000',
        12,
        null,
        '',
        'x'.repeat(5000),
        `${refs.own} `,
        refs.own.toLowerCase(),
        "CAS-2025-0001' or ''='",
      ]);
      return exec(g.pick(['signaal.vastleggen', 'details.bekijken', 'status.tonen']), { ...badSignal(), caseId });
    }
    case 6:
      return exec('signaal.vastleggen', {
        ...badSignal(),
        version: g.pick<unknown>([1, 3, 0, -1, 1e12, 'twee', null, '2abc', NaN, [2], { v: 2 }]),
      });
    case 7:
      return exec(g.pick(WEIRD_VERBS), badSignal());
    case 8: {
      const verb = g.pick(STEP_VERBS);
      const data: Record<string, unknown> = { caseId: refs.own, version: 2 };
      for (const f of ['datum', 'besluit', 'resultaat', 'route', 'toelichting', 'samenMetClient'])
        data[`${verb}.${f}`] = g.pick<unknown>(['voldoende', 'aanvraag_bw', 'zorgkantoor', '2025-03-03', true, g.text()]);
      return exec(verb, data);
    }
    case 9:
      return exec('crisis.melden', {
        caseId: refs.own,
        version: 2,
        'crisis.melden.bevestigd': g.pick<unknown>(['false', false, '', 'nee', null, 0]),
      });
    case 10:
      return exec('details.bekijken', { caseId: refs.own, version: g.pick<unknown>([2, 'x', null]) });
    default:
      return exec('signaal.vastleggen', badSignal());
  }
};

/** The text of a forged channel message (always mentions the bot); never a command that opens a case. */
export const forgedMessageText = (g: Gen, refs: CaseRefs, kind: number): unknown => {
  switch (kind % 8) {
    case 0:
      return `/status ${g.pick([refs.foreign, 'CAS-2025-9999', g.text(), `${refs.foreign}<b>`, g.bsn()])}`;
    case 1:
      return g.pick([42, true, null, ['escaleer'], { text: '/escaleer' }]);
    case 2:
      return `x ${g.text()}`;
    case 3:
      return `/${g.pick(WEIRD_VERBS)} ${g.text()}`;
    case 4:
      return g.pick(['/tafels', '/help', 'HULP', '/?', '/Status', '/status']);
    case 5:
      return `/escaleer\u200b ${g.text()}`.replace(
        '/escaleer\u200b',
        g.pick(['/escaleer\u200b', '/ＥＳＣＡＬＥＥＲ', '/esc', '//escaleer']),
      );
    case 6:
      return `<p>${g.text()}</p>`;
    default:
      return `vraag over cliënt met BSN ${g.bsn()}`;
  }
};
