import type { CaseId } from '../../src/domain';
import { channelActivity } from './connectorStandIn';
import type { Direct } from './direct';

/** A case driven over HTTP (/api/messages) with Teams-shaped activities, as `user`. */
export class DirectCase {
  version = 1;
  card: unknown = null;

  private constructor(
    private readonly d: Direct,
    readonly caseId: CaseId,
    readonly where: { tenantId: string; teamId: string; channelId: string },
  ) {}

  static async open(
    d: Direct,
    user: string,
    where = { tenantId: 'tenant-a', teamId: '19:team-a@thread.tacv2', channelId: '19:kanaal-a@thread.tacv2' },
  ): Promise<DirectCase> {
    const msgId = `msg-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    const r = await d.post(channelActivity({ serviceUrl: d.connector.url, text: '/escaleer', from: user, id: msgId, ...where }));
    if (r.status >= 300) throw new Error(`/escaleer gaf ${r.status}`);
    // The root card is the reply to this message (earlier cases' updates may still be arriving).
    const posted = d.connector.calls
      .filter((c) => c.method === 'POST' && c.activityId === msgId)
      .map((c) => JSON.stringify(c.body))
      .join('\n');
    const id = /Casus (CAS-\d{4}-\d{4,6})/.exec(posted)?.[1];
    if (!id) throw new Error(`geen hoofdkaart: ${posted.slice(0, 300)}`);
    return new DirectCase(d, id as CaseId, where);
  }

  /** Sends Action.Execute `verb` with `values` as `user`; returns the card text of the invoke response. */
  async act(user: string, verb: string, values: Record<string, string> = {}, version = this.version): Promise<string> {
    const data: Record<string, unknown> = { caseId: this.caseId, version };
    for (const [k, v] of Object.entries(values)) data[`${verb}.${k}`] = v;
    const r = await this.d.post(
      channelActivity({
        serviceUrl: this.d.connector.url,
        type: 'invoke',
        name: 'adaptiveCard/action',
        from: user,
        value: { action: { type: 'Action.Execute', verb, data } },
        ...this.where,
      }),
    );
    const body = r.body as { value?: unknown } | null;
    this.card = body?.value ?? null;
    const text = JSON.stringify(this.card);
    const v = /"version":(\d+)/.exec(text.replace(/"version":"1\.5"/g, ''))?.[1];
    if (v) this.version = Number(v);
    return text;
  }
}

/**
 * Opens a case in `where` (by default DirectCase's team) and walks route Bijstellen to tijdelijke
 * onplanbare zorg from 3 January 2024 (as begeleider-1 and teamleider-1, every step dated 2 January):
 * its first monthly evaluation is due Saturday 3 February, reminded Monday 5 February, 08:00.
 */
export const toOnplanbareZorg = async (d: Direct, where?: DirectCase['where']): Promise<DirectCase> => {
  const c = await DirectCase.open(d, 'begeleider-1', where);
  await c.act('begeleider-1', 'route.kiezen', { route: 'bijstellen' });
  await c.act('begeleider-1', 'signaal.vastleggen', { datum: '2024-01-02', actielijn: 'wonen' });
  await c.act('begeleider-1', 'actielijnen.bijstellen', {
    datum: '2024-01-02',
    samenMetClient: 'true',
    bijstelling: 'b',
    resultaat: 'onvoldoende',
  });
  await c.act('teamleider-1', 'teamleider.besluit', { besluit: 'casuistiekoverleg' });
  await c.act('begeleider-1', 'casuistiek.aanmelden', { datumOverleg: '2024-01-02', situatie: 's', geprobeerd: 'g', vraag: 'v' });
  await c.act('teamleider-1', 'casuistiek.uitkomst', {
    datum: '2024-01-02',
    uitkomst: 'tijdelijke_onplanbare_zorg',
    woonlocatie: 'Zuid',
    startdatum: '2024-01-03',
  });
  return c;
};
