import { type Direct, startDirect } from '../support/direct';
import { channelActivity } from '../support/connectorStandIn';
import { filledManifest } from './helpers';

type CommandList = { scopes: string[]; commands: { title: string }[] };
const lists = (filledManifest()['bots'] as { commandLists: CommandList[] }[])[0]?.commandLists ?? [];
const commandsIn = (scope: string) => lists.filter((l) => l.scopes.includes(scope)).flatMap((l) => l.commands.map((c) => c.title));
const ALL = [...new Set(lists.flatMap((l) => l.commands.map((c) => c.title)))];

/** What the bot answers where a command does not work: it sends the user to a team channel. */
const SENDS_AWAY = /Gebruik \/\w+ in (een|het) teamkanaal|open je in het teamkanaal/;

describe('het opdrachtmenu van het manifest biedt per scope alleen wat daar werkt', () => {
  let d: Direct;
  beforeAll(async () => {
    d = await startDirect({ LOG_LEVEL: 'silent' });
  });
  afterAll(async () => d?.close());

  /** The bot's reply texts (text and card JSON) to `text` sent in the given scope. */
  const answer = async (scope: 'team' | 'personal', text: string): Promise<string> => {
    const before = d.connector.calls.length;
    const channel = channelActivity({ serviceUrl: d.connector.url, text, from: 'user-anouk' });
    const activity =
      scope === 'team'
        ? channel
        : {
            ...channel,
            text,
            entities: [],
            conversation: { id: 'a:persoonlijk-anouk', conversationType: 'personal', tenantId: 'tenant-a' },
            channelData: { tenant: { id: 'tenant-a' } },
          };
    const r = await d.post(activity);
    expect(r.status).toBeLessThan(300);
    const replies = d.connector.calls.slice(before).map((c) => JSON.stringify(c.body));
    expect(replies.length).toBeGreaterThan(0);
    return replies.join('\n');
  };

  it('in het teamkanaal werkt elke opdracht uit de teamlijst (geen doorverwijzing)', async () => {
    expect(commandsIn('team')).toEqual(['escaleer', 'status', 'tafels', 'instellingen', 'help']);
    for (const command of commandsIn('team'))
      expect({ command, reply: await answer('team', `/${command}`) }).toEqual({ command, reply: expect.not.stringMatching(SENDS_AWAY) });
  });

  it('in een persoonlijke chat staat alleen wat daar werkt in het menu; de rest verwijst naar het teamkanaal', async () => {
    for (const command of ALL) {
      const reply = await answer('personal', `/${command}`);
      if (commandsIn('personal').includes(command))
        expect({ command, reply }).toEqual({ command, reply: expect.not.stringMatching(SENDS_AWAY) });
      else expect({ command, reply }).toEqual({ command, reply: expect.stringMatching(SENDS_AWAY) });
    }
    expect(commandsIn('personal')).toEqual(['help']);
  });

  it('biedt geen groepschat aan: daar werkt geen enkele opdracht', () => {
    expect(commandsIn('groupChat')).toEqual([]);
  });
});
