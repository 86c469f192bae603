import { directForSuite } from '../support/direct';

describe('foutantwoorden van de HTTP-laag', () => {
  const d = directForSuite({ LOG_LEVEL: 'silent' });

  const send = async (path: string, body: string, method = 'POST', type = 'application/json') => {
    const r = await fetch(`http://127.0.0.1:${d.app.port}${path}`, {
      method,
      headers: { 'content-type': type },
      body: method === 'GET' ? undefined : body,
    });
    return { status: r.status, text: await r.text() };
  };

  it('ongeldige JSON, een te groot verzoek en een onbekende route: een neutrale Nederlandse code, nooit een stukje van het verzoek terug', async () => {
    const answers = [
      await send('/api/messages', '{"type":"message","text":"Jan Jansen 123","x":NaN}'),
      await send('/api/messages', `{"text":"${'Jan Jansen '.repeat(120_000)}"}`),
      await send('/api/onbekend', '', 'GET'),
    ];
    console.log(`HTTP-fouten: ${answers.map((a) => `${a.status} ${a.text}`).join(' | ')}`);
    expect(answers.map((a) => a.status)).toEqual([400, 413, 404]);
    for (const a of answers) {
      expect(a.text).not.toMatch(/Jan Jansen|NaN|Unexpected|Invalid|exceeded/i);
      expect(JSON.parse(a.text)).toEqual({ code: expect.any(String), message: expect.any(String) });
    }
    expect(JSON.parse(answers[1]?.text ?? '{}').code).toBe('too_large');
  });
});
