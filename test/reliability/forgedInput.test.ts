import { channelActivity } from '../support/connectorStandIn';
import { directForSuite } from '../support/direct';
import { cardText } from '../support/playgroundClient';
import { type CaseRefs, Gen, forgedInvokeValue, forgedMessageText } from './fuzz';
import { DUTCH, TEAM_A, USERS, activityId, cardData, casesInTwoTeams, invoke, repliesTo } from './harness';

const SEED = Number(process.env.FUZZ_SEED ?? 20250303);
const INVOKES = 900;
const MESSAGES = 300;

type Outcome = {
  readonly kind: 'invoke' | 'message';
  readonly n: number;
  readonly status: number;
  readonly answer: string;
  readonly input: string;
};

/** Runs `tasks` with at most `width` in flight. */
const pool = async <T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> => {
  const out: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return out;
};

describe('vervalste en misvormde invoer', () => {
  const d = directForSuite({ LOG_LEVEL: 'silent' });

  it(`${INVOKES} kaartacties en ${MESSAGES} berichten (seed ${SEED}): geen 5xx, geen wijziging, elk antwoord Nederlands`, async () => {
    const { own, foreign, rows } = await casesInTwoTeams(d, 'ECD-4');
    const refs: CaseRefs = { own, foreign };
    const callsBefore = d.connector.calls.length;

    const g = new Gen(SEED);
    // Generate everything up front, so the inputs depend on the seed only, not on timing.
    const invokes = Array.from({ length: INVOKES }, (_, n) => ({
      n,
      value: forgedInvokeValue(g, refs, n),
      from: g.pick([USERS.joost, USERS.anouk, 'user-onbekend']),
    }));
    const messages = Array.from({ length: MESSAGES }, (_, n) => ({ n, text: forgedMessageText(g, refs, n) }));

    const started = Date.now();
    const tasks: (() => Promise<Outcome>)[] = [
      ...invokes.map(({ n, value, from }) => async (): Promise<Outcome> => {
        const r = await invoke(d, TEAM_A, '', {}, { value, from });
        return { kind: 'invoke', n, status: r.status, answer: r.text, input: JSON.stringify(value)?.slice(0, 300) ?? String(value) };
      }),
      ...messages.map(({ n, text }) => async (): Promise<Outcome> => {
        const id = activityId('fuzz');
        const activity = {
          ...channelActivity({ serviceUrl: d.connector.url, text: 'x', from: USERS.joost, id, ...TEAM_A }),
          text: typeof text === 'string' ? `<at>Escaleer</at> ${text}` : text,
        };
        const r = await d.post(activity);
        return {
          kind: 'message',
          n,
          status: r.status,
          answer: repliesTo(d, id).join(' | '),
          input: JSON.stringify(text)?.slice(0, 300) ?? String(text),
        };
      }),
    ];
    const outcomes = await pool(tasks, 8);
    const seconds = (Date.now() - started) / 1000;

    const { rows: after, changed: allChanged } = await rows.now();
    // An authorised details view is a read plus its audit event and dedupe marker, and the
    // single-use dossier link it offers (row `dossier_…` in the tenant partition); nothing else may change.
    const isLink = (k: string) => k.includes('|dossier_');
    const isView = (k: string) =>
      isLink(k) || k.includes('|dedupe_view:') || (k.includes('|event_') && (after.get(k) ?? '').includes('"action":"details.bekijken"'));
    const changed = allChanged.filter((k) => !isView(k));
    const views = allChanged.filter((k) => k.includes('|event_'));
    const viewMarkers = allChanged.filter((k) => k.includes('|dedupe_view:'));
    const detailsShown = outcomes.filter((o) => o.kind === 'invoke' && o.answer.includes('Cliëntreferentie')).length;
    const crashed = outcomes.filter((o) => o.status >= 500);
    const unanswered = outcomes.filter((o) => o.status < 500 && !DUTCH.test(o.answer));
    const outboxSends = d.connector.calls.slice(callsBefore).filter((c) => c.method === 'PUT' || !c.activityId?.startsWith('fuzz-'));
    const turnErrors = d.log.lines.filter((l) => l.level === 'error').length;
    const alive = (await fetch(`http://127.0.0.1:${d.app.port}/healthz`)).status;
    console.log(
      `Vervalste invoer (seed ${SEED}): geprobeerd ${outcomes.length} (${INVOKES} kaartacties, ${MESSAGES} berichten) in ${seconds.toFixed(1)} s; ` +
        `5xx ${crashed.length}, zonder Nederlands antwoord ${unanswered.length}, gewijzigde rijen ${changed.length}, detailweergaven ${detailsShown} met ${views.length} auditgebeurtenissen, verstuurde kanaalmeldingen ${outboxSends.length}, via de algemene foutafhandeling ${turnErrors}, healthz ${alive}`,
    );
    for (const k of changed.slice(0, 5))
      console.log(`  gewijzigd ${k}: ${rows.before.get(k)?.slice(0, 200)} → ${after.get(k)?.slice(0, 200)}`);
    for (const o of [...crashed, ...unanswered].slice(0, 5))
      console.log(`  ${o.kind} #${o.n} → ${o.status}: ${o.input} ⇒ ${o.answer.slice(0, 200)}`);

    expect(crashed).toEqual([]);
    expect(unanswered).toEqual([]);
    expect(changed).toEqual([]);
    expect(turnErrors).toBe(0);
    expect(views).toHaveLength(viewMarkers.length);
    expect(views).toHaveLength(detailsShown);
    for (const k of views) expect(after.get(k)).toContain(`"actorId":"${USERS.anouk}"`);
    const links = allChanged.filter(isLink);
    expect(links).toHaveLength(detailsShown);
    for (const k of links) expect(after.get(k)).toContain(`"userId":"${USERS.anouk}"`);
    expect(outboxSends).toEqual([]);
    expect(alive).toBe(200);
    // The case still works for its own team afterwards.
    const ok = await invoke(
      d,
      TEAM_A,
      'signaal.vastleggen',
      cardData('signaal.vastleggen', { caseId: own, version: 2 }, { datum: '2025-03-03', actielijn: 'dagstructuur' }),
    );
    expect(cardText((ok.body as { value?: unknown }).value)).toContain('Stap 2');
  }, 60_000);
});
