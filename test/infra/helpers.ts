import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Deferred, Template, Value, evaluator, isExpression } from './arm-expr';

const INFRA_DIR = join(__dirname, '..', '..', 'infra');
export const TEMPLATE_TEXT = readFileSync(join(INFRA_DIR, 'main.json'), 'utf8');

export interface Resource {
  type: string;
  apiVersion: string;
  name: string;
  scope?: string;
  location?: string;
  kind?: string;
  sku?: { name: string };
  identity?: { type: string; userAssignedIdentities?: Record<string, unknown> };
  properties?: Record<string, unknown> | string;
  dependsOn?: string[];
}

export interface ArmTemplate extends Template {
  $schema: string;
  contentVersion: string;
  resources: Resource[];
  outputs: Record<string, { type: string; value: string }>;
}

export const template = (): ArmTemplate => JSON.parse(TEMPLATE_TEXT) as ArmTemplate;

export const EXAMPLE_PARAMETERS_TEXT = readFileSync(join(INFRA_DIR, 'main.parameters.example.json'), 'utf8');

/** The values of infra/main.parameters.example.json, as the evaluator takes them. */
export const exampleParameters = (): Record<string, Value> =>
  Object.fromEntries(
    Object.entries((JSON.parse(EXAMPLE_PARAMETERS_TEXT) as { parameters: Record<string, { value: Value }> }).parameters).map(([k, v]) => [
      k,
      v.value,
    ]),
  );

/** Values for the parameters without a default (the evaluator refuses to guess them). */
export const REQUIRED: Record<string, Value> = { alertEmail: 'beheer@zorg.example' };

export const resourcesOfType = (t: ArmTemplate, type: string): Resource[] => t.resources.filter((r) => r.type === type);

export const only = (t: ArmTemplate, type: string): Resource => {
  const found = resourcesOfType(t, type);
  if (found.length !== 1) throw new Error(`verwacht precies één ${type}, gevonden: ${found.length}`);
  return found[0] as Resource;
};

/** Every string in a JSON value, object keys included (ARM allows expressions as keys). */
export const allStrings = (node: unknown): string[] => {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(allStrings);
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => [k, ...allStrings(v)]);
  return [];
};

export const expressions = (node: unknown): string[] => allStrings(node).filter(isExpression);

/**
 * The canonical id of a resource as our evaluator's resourceId()/extensionResourceId() spell it.
 * A scope such as `Microsoft.Storage/storageAccounts/x/tableServices/default` becomes the id of
 * that (child) resource: type `Microsoft.Storage/storageAccounts/tableServices`, name `x/default`.
 */
export const resourceKey = (r: Resource, ev: ReturnType<typeof evaluator>): string => {
  const key = `res:${r.type}|${String(ev.value(r.name))}`;
  if (!r.scope) return key;
  const [namespace, ...rest] = String(ev.value(r.scope)).split('/');
  if (rest.length < 2 || rest.length % 2 !== 0) throw new Error(`onverwachte scope ${String(r.scope)}`);
  const types = rest.filter((_, i) => i % 2 === 0);
  const names = rest.filter((_, i) => i % 2 === 1);
  return `ext:res:${[namespace, ...types].join('/')}|${names.join('/')}|${r.type}|${String(ev.value(r.name))}`;
};

/** The resource of a type whose (evaluated) name ends with `/suffix`. */
export const named = (t: ArmTemplate, type: string, suffix: string, given: Record<string, Value> = {}): Resource => {
  const ev = evaluator(t, given);
  const found = resourcesOfType(t, type).filter((r) => String(ev.value(r.name)).endsWith(suffix));
  if (found.length !== 1) throw new Error(`verwacht precies één ${type} met naam …${suffix}, gevonden: ${found.length}`);
  return found[0] as Resource;
};

/** The evaluated properties of a resource. */
export const propsOf = (t: ArmTemplate, r: Resource, given: Record<string, Value> = {}): Record<string, Value> =>
  evaluator(t, given).value(r.properties ?? null) as Record<string, Value>;

/** The app settings: the `Microsoft.Web/sites/config` resource `<site>/appsettings`, evaluated. */
export const appSettings = (t: ArmTemplate, given: Record<string, Value> = {}): Map<string, Value> => {
  const config = named(t, 'Microsoft.Web/sites/config', '/appsettings', given);
  const value = evaluator(t, given).value(config.properties ?? null);
  if (!value || typeof value !== 'object' || Array.isArray(value) || value instanceof Deferred)
    throw new Error('appsettings zijn geen object');
  return new Map(Object.entries(value));
};
