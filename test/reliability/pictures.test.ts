import { directForSuite } from '../support/direct';
import { TEAM_A, bijstellenCase } from './harness';

describe('voortgangsafbeeldingen per URL bij een publiek adres', () => {
  const d = directForSuite({ LOG_LEVEL: 'silent', PUBLIC_HOSTNAME: 'escaleer.example' });

  it('de statuskaart verwijst naar de afbeelding op het eigen adres (geen data in de kaart); de bot serveert precies de geldige namen', async () => {
    const { chosen: r } = await bijstellenCase(d, TEAM_A, 'ECD-3');
    const raw = JSON.stringify(r.body);
    const url = /"url":"(https:\/\/escaleer\.example\/kaart\/voortgang\/[^"]+)"/.exec(raw)?.[1];
    expect(url).toBe('https://escaleer.example/kaart/voortgang/bijstellen-1-0-0-0.png');
    expect(raw).not.toContain('data:image/png');
    const get = (name: string) => fetch(`http://127.0.0.1:${d.app.port}/kaart/voortgang/${name}`);
    const ok = await get('bijstellen-1-0-0-0.png');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await ok.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    const answers = await Promise.all(
      ['zorgkantoor-5-0-0-0.png', 'bijstellen-2-3-0-0.png', '..%2F..%2Fpackage.json', 'x.png'].map(async (n) => (await get(n)).status),
    );
    console.log(`Afbeeldingen: geldig 200, ongeldige namen ${answers.join(', ')}; kaart ${Buffer.byteLength(raw)} bytes`);
    expect(answers).toEqual([404, 404, 404, 404]);
  });
});
