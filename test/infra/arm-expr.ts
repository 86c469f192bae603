/**
 * A small evaluator for ARM template expressions ("[format('{0}-id', parameters('x'))]"), enough to
 * check our own template offline: names, references between resources, app setting values.
 * Deployment-time values (reference(), ids of the subscription) become readable stand-ins.
 */
import { createHash } from 'node:crypto';

export type Node =
  | { kind: 'str'; value: string }
  | { kind: 'num'; value: number }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'prop'; target: Node; name: string }
  | { kind: 'index'; target: Node; index: Node };

/** A value only known at deployment time, e.g. reference(identity).clientId. */
export class Deferred {
  constructor(readonly text: string) {}
  toString(): string {
    return `<${this.text}>`;
  }
}

export type Value = string | number | boolean | null | Deferred | Value[] | { [k: string]: Value };

export const isExpression = (s: string): boolean => s.startsWith('[') && s.endsWith(']') && !s.startsWith('[[');

export const parse = (source: string): Node => {
  const src = source.slice(1, -1);
  let i = 0;
  const ws = (): void => {
    while (/\s/.test(src[i] ?? '')) i++;
  };
  const expect = (c: string): void => {
    ws();
    if (src[i] !== c) throw new Error(`verwacht '${c}' op positie ${i} in ${source}`);
    i++;
  };
  const primary = (): Node => {
    ws();
    if (src[i] === "'") {
      let value = '';
      for (i++; ; i++) {
        if (i >= src.length) throw new Error(`open string in ${source}`);
        if (src[i] === "'" && src[i + 1] === "'") {
          value += "'";
          i++;
        } else if (src[i] === "'") break;
        else value += src[i];
      }
      i++;
      return { kind: 'str', value };
    }
    const num = /^-?\d+/.exec(src.slice(i));
    if (num) {
      i += num[0].length;
      return { kind: 'num', value: Number(num[0]) };
    }
    const id = /^[A-Za-z_][\w]*/.exec(src.slice(i));
    if (!id) throw new Error(`onverwacht teken op positie ${i} in ${source}`);
    i += id[0].length;
    expect('(');
    const args: Node[] = [];
    ws();
    if (src[i] === ')') i++;
    else {
      for (;;) {
        args.push(expression());
        ws();
        if (src[i] === ',') i++;
        else break;
      }
      expect(')');
    }
    return { kind: 'call', name: id[0], args };
  };
  const expression = (): Node => {
    let node = primary();
    for (;;) {
      ws();
      if (src[i] === '.') {
        i++;
        const id = /^[A-Za-z_][\w]*/.exec(src.slice(i));
        if (!id) throw new Error(`eigenschap verwacht in ${source}`);
        i += id[0].length;
        node = { kind: 'prop', target: node, name: id[0] };
      } else if (src[i] === '[') {
        i++;
        node = { kind: 'index', target: node, index: expression() };
        expect(']');
      } else return node;
    }
  };
  const node = expression();
  ws();
  if (i !== src.length) throw new Error(`rest na expressie op positie ${i} in ${source}`);
  return node;
};

/** Every function call in an expression tree, depth first. */
export const calls = (node: Node): { name: string; args: Node[] }[] => {
  switch (node.kind) {
    case 'call':
      return [{ name: node.name, args: node.args }, ...node.args.flatMap(calls)];
    case 'prop':
      return calls(node.target);
    case 'index':
      return [...calls(node.target), ...calls(node.index)];
    default:
      return [];
  }
};

const hash = (...parts: Value[]): string => createHash('sha256').update(parts.map(String).join('|')).digest('hex');
const str = (v: Value): string =>
  v instanceof Deferred ? v.toString() : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);

export interface Template {
  parameters: Record<string, { type: string; defaultValue?: unknown; allowedValues?: unknown[] }>;
  variables: Record<string, unknown>;
}

/** Evaluates expressions of a template with parameter values (defaults where not given). */
export const evaluator = (template: Template, given: Record<string, Value> = {}) => {
  const evalValue = (v: unknown): Value => {
    if (typeof v === 'string') return isExpression(v) ? evalNode(parse(v)) : v;
    if (Array.isArray(v)) return v.map(evalValue);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [str(evalValue(k)), evalValue(x)]));
    return v as Value;
  };
  const resourceGroup = { id: '/subscriptions/sub-test/resourceGroups/rg-escaleer', name: 'rg-escaleer', location: 'westeurope' };
  const fns: Record<string, (a: Value[]) => Value> = {
    parameters: ([n]) => {
      const name = String(n);
      if (name in given) return given[name] as Value;
      const p = template.parameters[name];
      if (!p) throw new Error(`parameter '${name}' niet gedeclareerd`);
      if (p.defaultValue === undefined) throw new Error(`parameter '${name}' heeft geen waarde`);
      return evalValue(p.defaultValue);
    },
    variables: ([n]) => {
      const name = String(n);
      if (!(name in template.variables)) throw new Error(`variabele '${name}' niet gedeclareerd`);
      return evalValue(template.variables[name]);
    },
    format: ([f, ...a]) => String(f).replace(/\{(\d+)\}/g, (_, k: string) => str(a[Number(k)] ?? '')),
    concat: (a) => a.map(str).join(''),
    string: ([v]) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : str(v ?? '')),
    toLower: ([s]) => str(s ?? '').toLowerCase(),
    replace: ([s, from, to]) =>
      str(s ?? '')
        .split(String(from))
        .join(String(to)),
    take: ([s, n]) => str(s ?? '').slice(0, Number(n)),
    empty: ([s]) => s === '' || s === null || (Array.isArray(s) && s.length === 0),
    equals: ([a, b]) => str(a ?? '') === str(b ?? ''),
    not: ([a]) => !a,
    if: ([c, a, b]) => (c ? (a as Value) : (b as Value)),
    createObject: (a) => {
      if (a.length % 2 !== 0) throw new Error('createObject() verwacht paren van naam en waarde');
      const o: { [k: string]: Value } = {};
      for (let k = 0; k < a.length; k += 2) o[String(a[k])] = a[k + 1] as Value;
      return o;
    },
    union: (a) => {
      if (a.every(Array.isArray)) return [...new Set((a as Value[][]).flat())];
      if (a.some((x) => x === null || typeof x !== 'object' || Array.isArray(x) || x instanceof Deferred)) {
        throw new Error('union() verwacht alleen objecten of alleen arrays');
      }
      return Object.assign({}, ...(a as { [k: string]: Value }[])) as Value;
    },
    uniqueString: (a) =>
      BigInt(`0x${hash(...a).slice(0, 16)}`)
        .toString(36)
        .padStart(13, 'a')
        .slice(0, 13),
    guid: (a) =>
      hash(...a)
        .slice(0, 32)
        .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
    resourceGroup: () => resourceGroup,
    subscription: () => ({ subscriptionId: 'sub-test', tenantId: '<tenant>' }),
    environment: () => ({ suffixes: { storage: 'core.windows.net' } }),
    resourceId: ([type, ...names]) => `res:${String(type)}|${names.map(str).join('/')}`,
    subscriptionResourceId: ([type, ...names]) => `subres:${String(type)}|${names.map(str).join('/')}`,
    extensionResourceId: ([scope, type, ...names]) => `ext:${str(scope ?? '')}|${String(type)}|${names.map(str).join('/')}`,
    reference: ([id]) => new Deferred(`reference ${str(id ?? '')}`),
  };
  const evalNode = (node: Node): Value => {
    switch (node.kind) {
      case 'str':
      case 'num':
        return node.value;
      case 'call': {
        const fn = fns[node.name];
        if (!fn) throw new Error(`functie ${node.name}() wordt door deze test niet ondersteund`);
        return fn(node.args.map(evalNode));
      }
      case 'prop':
      case 'index': {
        const target = evalNode(node.target);
        const key = node.kind === 'prop' ? node.name : str(evalNode(node.index));
        if (target instanceof Deferred) return new Deferred(`${target.text}.${key}`);
        if (target && typeof target === 'object' && !Array.isArray(target) && key in target) return target[key] as Value;
        throw new Error(`eigenschap ${key} bestaat niet`);
      }
    }
  };
  return { value: evalValue, expr: (s: string): Value => evalNode(parse(s)) };
};
