import { channelActivity } from '../support/connectorStandIn';
import { directForSuite } from '../support/direct';
import { TEAM_A, activityId } from './harness';

describe('invokes die Escaleer niet kent', () => {
  const d = directForSuite({ LOG_LEVEL: 'silent' });

  it('task/fetch, composeExtension/query, signin/verifyState en een invoke zonder naam: 200 zonder inhoud, nooit 5xx, niets gelogd als fout', async () => {
    const names = ['task/fetch', 'composeExtension/query', 'signin/verifyState', 'actionableMessage/executeAction', undefined];
    const answers = [];
    for (const name of names) {
      const r = await d.post(
        channelActivity({ serviceUrl: d.connector.url, type: 'invoke', name, value: { x: 1 }, id: activityId('inv'), ...TEAM_A }),
      );
      answers.push(r.status);
    }
    console.log(`Onbekende invokes: ${names.length} geprobeerd, antwoorden ${answers.join(', ')}`);
    expect(answers).toEqual(names.map(() => 200));
    expect(d.log.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
