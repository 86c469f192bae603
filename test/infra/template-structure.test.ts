import { calls, evaluator, parse } from './arm-expr';
import { expressions, only, resourceKey, resourcesOfType, template } from './helpers';

const EXPECTED_TYPES = [
  'Microsoft.BotService/botServices',
  'Microsoft.BotService/botServices/channels',
  'Microsoft.Web/serverfarms',
  'Microsoft.Web/sites',
  'Microsoft.Storage/storageAccounts',
  'Microsoft.Storage/storageAccounts/tableServices',
  'Microsoft.ManagedIdentity/userAssignedIdentities',
  'Microsoft.Authorization/roleAssignments',
  'Microsoft.OperationalInsights/workspaces',
  'Microsoft.Insights/components',
];

const referenced = (fn: 'parameters' | 'variables'): Set<string> => {
  const t = template();
  const names = expressions(t)
    .flatMap((e) => calls(parse(e)))
    .filter((c) => c.name === fn)
    .map((c) => (c.args[0]?.kind === 'str' ? c.args[0].value : '<niet-letterlijk>'));
  return new Set(names);
};

describe('ARM-template infra/main.json: structuur', () => {
  it('is geldige JSON met het deploymentTemplate-schema', () => {
    const t = template();
    expect(t.$schema).toBe('https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#');
    expect(t.contentVersion).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('bevat alle verwachte resourcetypen, elk met een expliciete API-versie', () => {
    const t = template();
    for (const type of EXPECTED_TYPES) expect(resourcesOfType(t, type).length).toBeGreaterThanOrEqual(1);
    for (const r of t.resources) expect(r.apiVersion).toMatch(/^\d{4}-\d{2}-\d{2}(-preview)?$/);
  });

  it('elke verwijzing naar een parameter of variabele is gedeclareerd', () => {
    const t = template();
    for (const name of referenced('parameters')) expect(Object.keys(t.parameters)).toContain(name);
    for (const name of referenced('variables')) expect(Object.keys(t.variables)).toContain(name);
  });

  it('elke gedeclareerde parameter en variabele wordt gebruikt', () => {
    const t = template();
    expect([...referenced('parameters')].sort()).toEqual(Object.keys(t.parameters).sort());
    expect([...referenced('variables')].sort()).toEqual(Object.keys(t.variables).sort());
  });

  it('elke expressie is te ontleden en uit te rekenen met de standaardparameters', () => {
    const t = template();
    const ev = evaluator(t);
    for (const e of expressions(t)) expect(() => ev.expr(e)).not.toThrow();
  });

  it('elke dependsOn wijst naar een resource in dit template', () => {
    const t = template();
    const ev = evaluator(t);
    const keys = new Set(t.resources.map((r) => resourceKey(r, ev)));
    const deps = t.resources.flatMap((r) => (r.dependsOn ?? []).map((d) => String(ev.value(d))));
    expect(deps.length).toBeGreaterThan(5);
    for (const d of deps) expect(keys).toContain(d);
  });

  it('onderliggende resources hangen af van hun ouder', () => {
    const t = template();
    const ev = evaluator(t);
    for (const child of t.resources.filter((r) => r.type.split('/').length > 2)) {
      const parentType = child.type.split('/').slice(0, -1).join('/');
      const parentName = String(ev.value(child.name)).split('/').slice(0, -1).join('/');
      expect((child.dependsOn ?? []).map((d) => String(ev.value(d)))).toContain(`res:${parentType}|${parentName}`);
    }
  });

  it('levert de outputs die de beheerder nodig heeft', () => {
    const t = template();
    expect(Object.keys(t.outputs)).toEqual(
      expect.arrayContaining(['webAppName', 'webAppHostname', 'botAppId', 'botTenantId', 'storageTableEndpoint']),
    );
    const ev = evaluator(t);
    expect(ev.value(t.outputs['webAppHostname']?.value)).toMatch(/^escaleer-[a-z0-9]{13}\.azurewebsites\.net$/);
    expect(String(ev.value(t.outputs['storageTableEndpoint']?.value))).toContain('primaryEndpoints.table');
  });

  it('maakt een geldige opslagaccountnaam, ook met het langste voorvoegsel', () => {
    const t = template();
    for (const namePrefix of ['escaleer', 'zorg-team-1']) {
      const name = String(evaluator(t, { namePrefix }).value(only(t, 'Microsoft.Storage/storageAccounts').name));
      expect(name).toMatch(/^[a-z0-9]{3,24}$/);
    }
  });
});
