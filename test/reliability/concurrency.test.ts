import { channelActivity } from '../support/connectorStandIn';
import { directForSuite } from '../support/direct';
import { TEAM_A, USERS, activityId, bijstellenCase, cardData, delivered, deliveries, invoke, repliesTo, repository } from './harness';

const SIGNAL = (i: number) => ({ datum: '2025-03-03', actielijn: `actielijn ${i}`, toelichting: `toelichting van klik ${i}` });

describe('gelijktijdige klikken en herbezorging door Teams', () => {
  const d = directForSuite({ LOG_LEVEL: 'silent' });

  it('50 gelijktijdige klikken op dezelfde stap geven precies één overgang; de andere 49 krijgen de actuele kaart met melding', async () => {
    const { caseId, chosen } = await bijstellenCase(d, TEAM_A, 'ECD-1');
    expect(chosen.text).toContain('Stap 1');
    await delivered(d);
    const before = deliveries(d, caseId);

    const clicks = Array.from({ length: 50 }, (_, i) =>
      invoke(d, TEAM_A, 'signaal.vastleggen', cardData('signaal.vastleggen', { caseId, version: 2 }, SIGNAL(i)), { from: `user-${i % 5}` }),
    );
    const answers = await Promise.all(clicks);
    await delivered(d);

    const ok = answers.filter((a) => a.status === 200);
    const winners = answers.filter((a) => a.text.includes('Stap 2') && !a.text.includes('Iemand anders'));
    const refused = answers.filter((a) => a.text.includes('Iemand anders heeft deze casus net bijgewerkt'));
    const { repo } = await repository(d);
    const stored = await repo.get(TEAM_A.tenantId, caseId);
    const events = (await repo.events(TEAM_A.tenantId, caseId)).filter((e) => e.action === 'signaal.vastleggen');
    const after = deliveries(d, caseId);
    const sent = { updates: after.updates - before.updates, replies: after.replies - before.replies };
    const signal = stored?.value.steps['stap1_signaal'];
    const winner = Number(/actielijn (\d+)/.exec(String(signal?.['actielijn']))?.[1]);
    console.log(
      `Gelijktijdige klikken: geprobeerd 50, geslaagd ${winners.length}, geweigerd met actuele kaart ${refused.length}, verloren ${50 - winners.length - refused.length}, dubbel ${events.length - 1}, meldingen ${sent.updates} kaartupdate + ${sent.replies} tijdlijnbericht`,
    );

    expect(ok).toHaveLength(50);
    expect(winners).toHaveLength(1);
    expect(refused).toHaveLength(49);
    expect(stored?.value.version).toBe(3);
    expect(stored?.value.state).toBe('stap2_actielijnen');
    expect(events).toHaveLength(1);
    expect(signal).toEqual({ ...SIGNAL(winner), toelichting: `toelichting van klik ${winner}` });
    expect(sent).toEqual({ updates: 1, replies: 1 });
  });

  it('dezelfde kaartactie 4× bezorgd (zelfde activity id) geeft één overgang en één set meldingen', async () => {
    const { caseId } = await bijstellenCase(d, TEAM_A, 'ECD-2');
    await delivered(d);
    const before = deliveries(d, caseId);
    const id = activityId('retry');
    const data = cardData('signaal.vastleggen', { caseId, version: 2 }, SIGNAL(7));
    const first = await Promise.all([
      invoke(d, TEAM_A, 'signaal.vastleggen', data, { id }),
      invoke(d, TEAM_A, 'signaal.vastleggen', data, { id }),
    ]);
    const later = [
      await invoke(d, TEAM_A, 'signaal.vastleggen', data, { id }),
      await invoke(d, TEAM_A, 'signaal.vastleggen', data, { id }),
    ];
    await delivered(d);

    const { repo } = await repository(d);
    const stored = await repo.get(TEAM_A.tenantId, caseId);
    const events = (await repo.events(TEAM_A.tenantId, caseId)).filter((e) => e.action === 'signaal.vastleggen');
    const after = deliveries(d, caseId);
    const sent = { updates: after.updates - before.updates, replies: after.replies - before.replies };
    const answers = [...first, ...later];
    console.log(
      `Herbezorgde kaartactie: bezorgd 4, overgangen ${events.length}, dubbel ${events.length - 1}, meldingen ${sent.updates} kaartupdate + ${sent.replies} tijdlijnbericht`,
    );

    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.text).toContain('Stap 2');
      expect(a.text).not.toContain('Iemand anders');
    }
    expect(stored?.value.version).toBe(3);
    expect(events).toHaveLength(1);
    expect(sent).toEqual({ updates: 1, replies: 1 });
  });

  it('hetzelfde /escaleer-bericht 4× bezorgd (zelfde activity id) opent één casus met één hoofdkaart', async () => {
    const place = { ...TEAM_A, channelId: '19:kanaal-herhaal@thread.tacv2' };
    const id = activityId('msg');
    const msg = channelActivity({ serviceUrl: d.connector.url, text: '/escaleer', from: USERS.anouk, id, ...place });
    const both = await Promise.all([d.post(msg), d.post(msg)]);
    const later = [await d.post(msg), await d.post(msg)];
    await delivered(d);

    const { repo } = await repository(d);
    const cases = await repo.listByChannel(place.tenantId, place.channelId);
    const rootCards = repliesTo(d, id).filter((t) => t.includes('Casus CAS-'));
    const events = cases.length ? await repo.events(place.tenantId, cases[0]!.id) : [];
    console.log(`Herbezorgd /escaleer: bezorgd 4, casussen ${cases.length}, hoofdkaarten ${rootCards.length}, dubbel ${cases.length - 1}`);

    for (const r of [...both, ...later]) expect(r.status).toBeLessThan(300);
    expect(cases).toHaveLength(1);
    expect(rootCards).toHaveLength(1);
    expect(events.filter((e) => e.action === 'casus.openen')).toHaveLength(1);
    expect(cases[0]?.location.rootActivityId).toBeTruthy();
  });
});
