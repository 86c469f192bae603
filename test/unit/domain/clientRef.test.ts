import { BSN_MESSAGE, CLIENT_REF_MESSAGE, clientRefProblem } from '../../../src/domain';

describe('cliëntreferentie', () => {
  it.each([
    ['een ECD-nummer', 'ECD-12345'],
    ['alleen cijfers', '12345'],
    ['een woord en een nummer', 'client 0042'],
    ['cliënt met hoofdletter en een nummer', 'Cliënt 0042'],
    ['een code zonder scheiding', 'CL0042'],
    ['een nummer met MW-voorvoegsel', 'MW-1234'],
    ['een enkele code', 'X'],
    ['niets (de referentie is optioneel)', ''],
  ])('accepteert %s', (_form, value) => {
    expect(clientRefProblem(value)).toBeNull();
  });

  it.each([
    ['voornaam en achternaam', 'Jan de Vries'],
    ['aanhef en achternaam', 'mevr. Jansen'],
    ['aanhef zonder punt', 'dhr Jansen'],
    ['voorletter en achternaam', 'J. de Vries'],
    ['een dubbele achternaam', 'Jansen-de Boer'],
    ['een naam met apostrof', "van 't Hek"],
    ['een naam in kleine letters', 'jan de vries'],
    ['aan elkaar geschreven', 'JanDeVries'],
    ['met zero-width spaces', 'Jan\u200Bde\u200BVries'],
    ['een naam met een nummer erachter', 'Jan de Vries 12'],
    ['aanhef, naam en nummer', 'mevr. Jansen 12'],
  ])('weigert een naam: %s', (_form, value) => {
    expect(clientRefProblem(value)).toBe(CLIENT_REF_MESSAGE);
  });

  it('zegt in het Nederlands wat er wel in moet', () => {
    expect(CLIENT_REF_MESSAGE).toMatch(/^Dit lijkt op een naam\./);
    expect(CLIENT_REF_MESSAGE).toContain('cliëntnummer uit het ECD');
  });

  it('weigert een BSN en een te lange referentie', () => {
    expect(clientRefProblem('123 456 782')).toBe(BSN_MESSAGE);
    expect(clientRefProblem('ECD-'.padEnd(21, '1'))).toBe('Maximaal 20 tekens.');
  });
});
