import { channelActivity } from '../support/connectorStandIn';
import { directForSuite } from '../support/direct';
import { USERS, activityId, delivered, repository } from './harness';

describe('casusnummers', () => {
  const d = directForSuite({ LOG_LEVEL: 'silent' });

  it('een herbezorgd /escaleer (4× tegelijk, zelfde activity id) kost één nummer: er ontstaan geen gaten', async () => {
    const place = { tenantId: 'tenant-nummers', teamId: '19:team-nummers@thread.tacv2', channelId: '19:kanaal-nummers@thread.tacv2' };
    const open = (id: string) =>
      d.post(channelActivity({ serviceUrl: d.connector.url, text: '/escaleer', from: USERS.anouk, id, ...place }));
    await open(activityId('msg'));
    const again = activityId('msg');
    await Promise.all([open(again), open(again), open(again), open(again)]);
    await open(again);
    await open(activityId('msg'));
    await delivered(d);

    const { repo } = await repository(d);
    const numbers = (await repo.listByChannel(place.tenantId, place.channelId)).map((c) => Number(c.id.slice(-4))).sort((a, b) => a - b);
    const gaps = numbers.reduce((n, x, i) => n + (i > 0 ? x - (numbers[i - 1] ?? 0) - 1 : x - 1), 0);
    console.log(`Casusnummers: 3 casussen geopend (één ervan 5× bezorgd, 4× tegelijk) → nummers ${numbers.join(', ')}, gaten ${gaps}`);

    expect(numbers).toEqual([1, 2, 3]);
  });

  it('20 verschillende /escaleer-berichten tegelijk krijgen de nummers 1 t/m 20, elk één keer', async () => {
    const place = { tenantId: 'tenant-nummers-druk', teamId: '19:team-druk@thread.tacv2', channelId: '19:kanaal-druk@thread.tacv2' };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        d.post(channelActivity({ serviceUrl: d.connector.url, text: '/escaleer', from: USERS.anouk, id: activityId('msg'), ...place })),
      ),
    );
    await delivered(d);
    const { repo } = await repository(d);
    const numbers = (await repo.listByChannel(place.tenantId, place.channelId)).map((c) => Number(c.id.slice(-4))).sort((a, b) => a - b);
    console.log(
      `Casusnummers onder druk: 20 tegelijk → ${numbers.length} casussen, hoogste nummer ${numbers.at(-1)}, gaten ${(numbers.at(-1) ?? 0) - numbers.length}`,
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
