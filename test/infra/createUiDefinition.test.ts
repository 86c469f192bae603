import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployToAzureUrl } from '../support/releaseLib';
import { template } from './helpers';

const REPO = join(__dirname, '..', '..');
const UI = JSON.parse(readFileSync(join(REPO, 'infra', 'createUiDefinition.json'), 'utf8')) as {
  $schema: string;
  handler: string;
  version: string;
  parameters: {
    basics: Element[];
    steps: { name: string; label: string; elements: Element[] }[];
    outputs: Record<string, string>;
  };
};
const GUIDE = readFileSync(join(REPO, 'docs', 'deployment.md'), 'utf8');

interface Element {
  name: string;
  type: string;
  label: string;
  toolTip?: string;
  defaultValue?: unknown;
  constraints?: { required?: boolean; regex?: string; allowedValues?: { label: string; value: unknown }[] };
}

const elements = (): Element[] => [...UI.parameters.basics, ...UI.parameters.steps.flatMap((s) => s.elements)];
const element = (name: string): Element => {
  const found = elements().find((e) => e.name === name);
  if (!found) throw new Error(`geen element ${name}`);
  return found;
};

describe('infra/createUiDefinition.json (de portal bij "Deploy to Azure")', () => {
  it('is een CreateUiDefinition 0.1.2-preview', () => {
    expect(UI.handler).toBe('Microsoft.Azure.CreateUIDef');
    expect(UI.version).toBe('0.1.2-preview');
    expect(UI.$schema).toContain('0.1.2-preview/CreateUIDefinition.MultiVm.json');
  });

  it('elke output is een parameter van het template, en elke verplichte parameter heeft een output', () => {
    const params = template().parameters;
    for (const name of Object.keys(UI.parameters.outputs)) expect(Object.keys(params)).toContain(name);
    for (const [name, p] of Object.entries(params))
      if (p.defaultValue === undefined) expect(Object.keys(UI.parameters.outputs)).toContain(name);
  });

  it('elke output verwijst naar een bestaand element', () => {
    const basics = new Set(UI.parameters.basics.map((e) => e.name));
    const steps = new Map(UI.parameters.steps.map((s) => [s.name, new Set(s.elements.map((e) => e.name))]));
    for (const expr of Object.values(UI.parameters.outputs)) {
      const b = /^\[basics\('(\w+)'\)\]$/.exec(expr);
      const s = /^\[steps\('(\w+)'\)\.(\w+)\]$/.exec(expr);
      if (b) expect(basics.has(b[1]!)).toBe(true);
      else if (s) expect(steps.get(s[1]!)?.has(s[2]!)).toBe(true);
      else expect(expr).toBe('[location()]');
    }
  });

  it('keuzelijsten bieden alleen wat het template toestaat, met een standaard die een van de labels is', () => {
    const params = template().parameters;
    for (const e of elements().filter((x) => x.type === 'Microsoft.Common.DropDown' || x.type === 'Microsoft.Common.OptionsGroup')) {
      const allowed = e.constraints?.allowedValues ?? [];
      expect(allowed.map((a) => a.label)).toContain(e.defaultValue);
      const p = params[e.name];
      if (p?.allowedValues) for (const a of allowed) expect(p.allowedValues).toContain(a.value);
    }
    // The portal's defaults are the template's defaults.
    expect(element('appServiceSku').constraints?.allowedValues?.find((a) => a.label === element('appServiceSku').defaultValue)?.value).toBe(
      params['appServiceSku']?.defaultValue,
    );
    expect(
      element('runFromPackage').constraints?.allowedValues?.find((a) => a.label === element('runFromPackage').defaultValue)?.value,
    ).toBe(params['runFromPackage']?.defaultValue);
  });

  it('controleert de invoer zoals het template: voorvoegsel, e-mailadres, app-id', () => {
    const regex = (name: string) => new RegExp(element(name).constraints?.regex ?? '');
    expect(regex('namePrefix').test('escaleer')).toBe(true);
    expect(regex('namePrefix').test('ab')).toBe(false);
    expect(regex('namePrefix').test('escaleer-prod-2')).toBe(false);
    expect(regex('namePrefix').test('Escaleer')).toBe(false);
    expect(regex('alertEmail').test('ict-beheer@zorg.example')).toBe(true);
    expect(regex('alertEmail').test('geen adres')).toBe(false);
    expect(regex('entraAppId').test('')).toBe(true);
    expect(regex('entraAppId').test('3b8f2c1d-7e6a-4d5c-9b0a-1f2e3d4c5b6a')).toBe(true);
    expect(regex('entraAppId').test('geheim')).toBe(false);
    expect(element('alertEmail').constraints?.required).toBe(true);
  });

  it('alle labels en uitleg zijn Nederlands', () => {
    const texts = [...elements().flatMap((e) => [e.label ?? '', e.toolTip ?? '']), ...UI.parameters.steps.map((s) => s.label)];
    for (const t of texts) expect(t).not.toMatch(/\b(the|your|select|enter|name|resource group|please)\b/i);
    expect(element('alertEmail').label).toBe('E-mailadres voor waarschuwingen');
    expect(UI.parameters.steps.map((s) => s.label)).toEqual(['Server en opslag', 'Bot en aanmelden']);
  });

  it('vraagt geen wachtwoord of sleutel', () => {
    expect(elements().some((e) => /PasswordBox|Credentials/.test(e.type))).toBe(false);
    expect(elements().some((e) => /password|secret|wachtwoord|sleutel/i.test(`${e.name} ${e.label ?? ''}`))).toBe(false);
  });
});

describe('de knop "Deploy to Azure" in docs/deployment.md', () => {
  it('opent het template met deze CreateUiDefinition in de portal', () => {
    expect(GUIDE).toContain('https://aka.ms/deploytoazurebutton');
    const base = 'https://voorbeeld.example/escaleer/infra/';
    expect(deployToAzureUrl(base)).toBe(
      'https://portal.azure.com/#create/Microsoft.Template/uri/https%3A%2F%2Fvoorbeeld.example%2Fescaleer%2Finfra%2Fmain.json/createUIDefinitionUri/https%3A%2F%2Fvoorbeeld.example%2Fescaleer%2Finfra%2FcreateUiDefinition.json',
    );
    expect(GUIDE).toContain('/createUIDefinitionUri/');
    expect(GUIDE).toContain('TEMPLATE_BASE_URL=');
  });
});
