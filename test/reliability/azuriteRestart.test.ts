import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/storage/azurite';
import { type Direct, startDirect } from '../support/direct';
import { TEAM_A, openCase, sleep } from './harness';

describe('de lokale opslag van npm start (Azurite als kindproces)', () => {
  let dir: string;
  let d: Direct;
  const health = async () => (await fetch(`http://127.0.0.1:${d.app.port}/healthz`)).status;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'escaleer-azurite-kind-'));
    // No connection string: the bot starts its own Azurite, as `npm start` does.
    d = await startDirect({
      STORAGE_CONNECTION_STRING: '',
      AZURITE_LOCATION: dir,
      AZURITE_PORT: String(await freePort()),
      LOG_LEVEL: 'silent',
    });
  });
  afterAll(async () => {
    await d?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('start Azurite opnieuw (met een logregel) als het kindproces wegvalt, en de bot werkt daarna weer', async () => {
    await openCase(d, TEAM_A);
    expect(await health()).toBe(200);
    const pid = d.app.azurite?.pid;
    expect(pid).toBeDefined();

    const killedAt = Date.now();
    process.kill(pid ?? 0, 'SIGKILL');
    let down = 200;
    for (let i = 0; i < 40 && down === 200; i++) {
      down = await health();
      if (down === 200) await sleep(25);
    }
    let up = 0;
    for (let i = 0; i < 200 && up !== 200; i++) {
      up = await health();
      if (up !== 200) await sleep(100);
    }
    const backAfter = Date.now() - killedAt;
    const caseAfter = up === 200 ? await openCase(d, TEAM_A).catch(() => null) : null;
    const lines = d.log.lines.filter((l) => /Azurite/.test(l.msg) && l.level !== 'info');
    console.log(
      `Azurite-kind gedood (SIGKILL): /healthz ${down} → ${up} na ${backAfter} ms, nieuw pid ${d.app.azurite?.pid !== pid ? 'ja' : 'nee'}, ` +
        `daarna casus geopend: ${caseAfter ?? 'nee'}; logregels: ${lines.map((l) => `„${l.msg}”`).join(', ')}`,
    );

    expect(up).toBe(200);
    expect(d.app.azurite?.pid).not.toBe(pid);
    expect(caseAfter).toMatch(/^CAS-/);
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/Azurite stopte onverwacht/) })]);
  }, 60_000);
});
