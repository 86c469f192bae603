import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template, Value, evaluator, isExpression } from './arm-expr';

export const INFRA_DIR = join(__dirname, '..', '..', 'infra');
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
  properties?: Record<string, unknown>;
  dependsOn?: string[];
}

export interface ArmTemplate extends Template {
  $schema: string;
  contentVersion: string;
  resources: Resource[];
  outputs: Record<string, { type: string; value: string }>;
}

export const template = (): ArmTemplate => JSON.parse(TEMPLATE_TEXT) as ArmTemplate;

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

/** The canonical id of a resource as our evaluator's resourceId()/extensionResourceId() spell it. */
export const resourceKey = (r: Resource, ev: ReturnType<typeof evaluator>): string => {
  const key = `res:${r.type}|${String(ev.value(r.name))}`;
  if (!r.scope) return key;
  const scope = String(ev.value(r.scope));
  const slash = scope.lastIndexOf('/');
  return `ext:res:${scope.slice(0, slash)}|${scope.slice(slash + 1)}|${r.type}|${String(ev.value(r.name))}`;
};

export const appSettings = (t: ArmTemplate, given: Record<string, Value> = {}): Map<string, Value> => {
  const ev = evaluator(t, given);
  const site = only(t, 'Microsoft.Web/sites');
  const config = (site.properties?.['siteConfig'] ?? {}) as { appSettings?: { name: string; value: string }[] };
  return new Map((config.appSettings ?? []).map((s) => [s.name, ev.value(s.value)]));
};
