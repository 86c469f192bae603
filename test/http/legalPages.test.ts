import { type Direct, startDirect } from '../support/direct';
import { filledManifest } from '../manifest/helpers';

const get = async (d: Direct, path: string) => {
  const r = await fetch(`http://127.0.0.1:${d.app.port}${path}`);
  return {
    status: r.status,
    type: r.headers.get('content-type') ?? '',
    csp: r.headers.get('content-security-policy') ?? '',
    html: await r.text(),
  };
};

describe('de pagina’s waar het Teams-manifest naar wijst', () => {
  let d: Direct;
  beforeAll(async () => {
    d = await startDirect({ LOG_LEVEL: 'silent', RETENTION_MONTHS: '36', AUDIT_RETENTION_MONTHS: '84' });
  });
  afterAll(async () => d?.close());

  it('de website-, privacy- en voorwaarden-URL van het manifest geven 200 met een Nederlandse HTML-pagina', async () => {
    const developer = filledManifest()['developer'] as Record<string, string>;
    const paths = ['websiteUrl', 'privacyUrl', 'termsOfUseUrl'].map((k) => new URL(developer[k] ?? '').pathname);
    expect(paths).toEqual(['/', '/privacy', '/voorwaarden']);
    for (const path of paths) {
      const page = await get(d, path);
      expect({ path, status: page.status, type: page.type }).toEqual({ path, status: 200, type: 'text/html; charset=utf-8' });
      expect(page.html).toMatch(/^<!doctype html>\n<html lang="nl">/);
      expect(page.csp).toContain("default-src 'none'");
    }
  });

  it('de privacyverklaring belooft wat de app doet: wat wel en niet wordt opgeslagen, wie wat ziet, de bewaartermijnen van deze installatie, het auditspoor', async () => {
    const { html } = await get(d, '/privacy');
    for (const text of [
      '<h1>Privacyverklaring van Escaleer</h1>',
      'Wat Escaleer opslaat',
      'Geen namen en geen BSN',
      'Geen gewone kanaalberichten',
      'ChannelMessage.Read.Group',
      'nooit de invoer zelf',
      'Elke inzage komt in het auditspoor',
      'wordt 3 jaar na het sluiten verwijderd',
      'bewaard, tot 7 jaar na die verwijdering',
      'WGBO',
    ]) {
      expect(html).toContain(text);
    }
  });

  it('de gebruiksvoorwaarden zeggen wat de gebruiker doet en wat Escaleer niet is (crisis, ECD)', async () => {
    const { html } = await get(d, '/voorwaarden');
    expect(html).toContain('<h1>Gebruiksvoorwaarden van Escaleer</h1>');
    expect(html).toContain('Zet nooit namen, BSN');
    expect(html).toContain('Bij een crisis');
    expect(html).toContain('Het ECD blijft het dossier');
  });
});
