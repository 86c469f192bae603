import { calls, evaluator, parse } from './arm-expr';
import { REQUIRED, exampleParameters, expressions, only, resourceKey, resourcesOfType, template } from './helpers';

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
  'Microsoft.Web/sites/config',
  'Microsoft.Web/sites/basicPublishingCredentialsPolicies',
  'Microsoft.Authorization/locks',
  'Microsoft.Insights/diagnosticSettings',
  'Microsoft.Insights/actionGroups',
  'Microsoft.Insights/metricAlerts',
  'Microsoft.Insights/scheduledQueryRules',
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

  it.each([
    ['de standaardwaarden (plus de verplichte parameters)', REQUIRED],
    ['het voorbeeldparameterbestand', exampleParameters()],
    ['runFromPackage en een eigen domein', { ...REQUIRED, runFromPackage: true, customHostname: 'escaleer.zorg.example' }],
  ])('elke expressie is te ontleden en uit te rekenen met %s', (_, given) => {
    const t = template();
    const ev = evaluator(t, given);
    for (const e of expressions(t)) expect(() => ev.expr(e)).not.toThrow();
  });

  it('alleen alertEmail is verplicht; elke andere parameter heeft een standaardwaarde', () => {
    const required = Object.entries(template().parameters)
      .filter(([, p]) => p.defaultValue === undefined)
      .map(([n]) => n);
    expect(required).toEqual(Object.keys(REQUIRED));
  });

  it('elke dependsOn wijst naar een resource in dit template', () => {
    const t = template();
    const ev = evaluator(t, REQUIRED);
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

  it('extensieresources (vergrendeling, roltoewijzing, diagnostische instellingen) hangen af van hun scope', () => {
    const t = template();
    const ev = evaluator(t);
    const scoped = t.resources.filter((r) => r.scope);
    expect(scoped.length).toBeGreaterThanOrEqual(4);
    for (const r of scoped) {
      const [namespace, ...rest] = String(ev.value(r.scope)).split('/');
      const scopeId = `res:${[namespace, ...rest.filter((_, i) => i % 2 === 0)].join('/')}|${rest.filter((_, i) => i % 2 === 1).join('/')}`;
      expect((r.dependsOn ?? []).map((d) => String(ev.value(d)))).toContain(scopeId);
    }
  });

  it('waarschuwingen en diagnostische instellingen verwijzen naar resources uit dit template', () => {
    const t = template();
    const ev = evaluator(t, REQUIRED);
    const keys = new Set(t.resources.map((r) => resourceKey(r, ev)));
    for (const type of ['Microsoft.Insights/metricAlerts', 'Microsoft.Insights/scheduledQueryRules']) {
      const props = ev.value(only(t, type).properties ?? null) as { scopes: string[] };
      for (const s of props.scopes) expect(keys).toContain(s);
    }
    for (const d of resourcesOfType(t, 'Microsoft.Insights/diagnosticSettings')) {
      expect(keys).toContain(String((ev.value(d.properties ?? null) as { workspaceId: string }).workspaceId));
    }
  });

  it('levert de outputs die de beheerder nodig heeft', () => {
    const t = template();
    expect(Object.keys(t.outputs)).toEqual(
      expect.arrayContaining([
        'webAppName',
        'webAppHostname',
        'botAppId',
        'botTenantId',
        'identityPrincipalId',
        'storageTableEndpoint',
        'logAnalyticsWorkspaceId',
      ]),
    );
    const ev = evaluator(t);
    expect(String(ev.value(t.outputs['webAppHostname']?.value))).toMatch(
      /^<reference res:Microsoft\.Web\/sites\|escaleer-[a-z0-9]{13}\.defaultHostName>$/,
    );
    expect(String(ev.value(t.outputs['storageTableEndpoint']?.value))).toContain('primaryEndpoints.table');
    expect(String(ev.value(t.outputs['identityPrincipalId']?.value))).toMatch(/userAssignedIdentities\|escaleer-id\.principalId>$/);
    expect(String(ev.value(t.outputs['logAnalyticsWorkspaceId']?.value))).toMatch(/workspaces\|escaleer-logs\.customerId>$/);
  });

  it('maakt een geldige opslagaccountnaam, ook met het langste voorvoegsel', () => {
    const t = template();
    for (const namePrefix of ['escaleer', 'zorg-team-1']) {
      const name = String(evaluator(t, { namePrefix }).value(only(t, 'Microsoft.Storage/storageAccounts').name));
      expect(name).toMatch(/^[a-z0-9]{3,24}$/);
    }
  });
});
