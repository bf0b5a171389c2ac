/*
 * Secrets produced (and read) by operators, declared as data: a rule names
 * the objects it applies to (apiVersion glob and kind) and the Secret names
 * they produce as templates over the object's fields. Built-in rules cover
 * common operators; a team adds its own with the `producers` option and
 * switches the built-ins off with `defaultProducers: false`.
 *
 * Template syntax: `{{path}}` is a dotted path into the object
 * (`{{spec.secretName}}`); `{{name}}` and `{{namespace}}` are the object's
 * metadata; under `forEach` (a path with `[]` for list elements and `*` for
 * map values), `{{item}}` / `{{item.<path>}}` is the element and `{{key}}`
 * its map key. Filters: `{{key|dashes}}` turns `_` into `-`, `|lower`
 * lower-cases, `|afterDot` keeps what follows the first `.`, `|beforeDot`
 * what precedes it (empty without a dot). A placeholder that resolves to
 * nothing (absent, empty, not a string or number) drops that name.
 */
import { globRegExp } from '../globs';
import { getPath, selectPath } from '../paths';
import { DATABASE_PRODUCERS } from './operators/databases';
import { ELASTIC_PRODUCERS } from './operators/elastic';
import { PLATFORM_PRODUCERS } from './operators/platform';
import { POSTGRES_PRODUCERS } from './operators/postgres';
import { SECRET_SYNC_PRODUCERS } from './operators/secretSync';
import { ProducerRule, SecretTemplate } from './types';

export const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The built-in rules (`defaultProducers`). @public */
export const DEFAULT_PRODUCERS: ProducerRule[] = [
  ...POSTGRES_PRODUCERS,
  ...DATABASE_PRODUCERS,
  ...ELASTIC_PRODUCERS,
  ...PLATFORM_PRODUCERS,
  ...SECRET_SYNC_PRODUCERS,
];

/** A rule ready to match: its apiVersion glob compiled. */
export interface CompiledRule extends ProducerRule {
  apiVersionPattern: RegExp;
}

/** The rules in force: the built-ins (unless switched off) and the configured ones. */
export function compileProducers(
  configured: ProducerRule[] = [],
  defaults = true,
): CompiledRule[] {
  return [...(defaults ? DEFAULT_PRODUCERS : []), ...configured].map(r => ({
    ...r,
    apiVersionPattern: globRegExp(r.apiVersion),
  }));
}

export const PLACEHOLDER = /\{\{\s*([^}|\s]+)\s*((?:\|\s*[a-zA-Z]+\s*)*)\}\}/g;

export const FILTERS: Record<string, (s: string) => string> = {
  dashes: s => s.replace(/_/g, '-'),
  lower: s => s.toLowerCase(),
  afterDot: s => (s.includes('.') ? s.slice(s.indexOf('.') + 1) : s),
  beforeDot: s => (s.includes('.') ? s.slice(0, s.indexOf('.')) : ''),
};

interface Scope {
  obj: Record<string, any>;
  item?: unknown;
  key?: string;
}

function lookup(scope: Scope, path: string): unknown {
  if (path === 'name') return scope.obj.metadata?.name;
  if (path === 'namespace') return scope.obj.metadata?.namespace;
  if (path === 'key') return scope.key;
  if (path === 'item') return scope.item;
  if (path.startsWith('item.')) return getPath(scope.item, path.slice(5));
  return getPath(scope.obj, path);
}

/** Renders a template; undefined when a placeholder has no usable value. */
export function renderName(template: string, scope: Scope): string | undefined {
  let missing = false;
  const out = template.replace(
    PLACEHOLDER,
    (_m, path: string, filters: string) => {
      const v = lookup(scope, path);
      if (typeof v !== 'string' && typeof v !== 'number') {
        missing = true;
        return '';
      }
      let s = String(v);
      for (const f of filters
        .split('|')
        .map(x => x.trim())
        .filter(Boolean))
        s = FILTERS[f]?.(s) ?? s;
      return s;
    },
  );
  if (missing) return undefined;
  return out;
}

const truthy = (v: unknown) =>
  v !== undefined &&
  v !== null &&
  v !== false &&
  v !== '' &&
  !(Array.isArray(v) && !v.length) &&
  !(isMap(v) && !Object.keys(v).length);

const scoped = (scope: Scope, path: string) =>
  path === 'item' || path.startsWith('item.') || path === 'key'
    ? lookup(scope, path)
    : getPath(scope.obj, path);

/** A Secret a rule names for an object. */
export interface RuleSecret {
  name: string;
  /** Namespace when the template names one, else undefined (the object's). */
  namespace?: string;
  optional: boolean;
}

function expand(
  obj: Record<string, any>,
  list: Array<string | SecretTemplate> | undefined,
): RuleSecret[] {
  const out: RuleSecret[] = [];
  for (const raw of list ?? []) {
    const t: SecretTemplate = typeof raw === 'string' ? { name: raw } : raw;
    const scopes: Scope[] = t.forEach
      ? selectPath(obj, t.forEach).map(m => ({
          obj,
          item: m.value,
          key: m.key,
        }))
      : [{ obj }];
    for (const scope of scopes) {
      if (t.when && !truthy(scoped(scope, t.when))) continue;
      if (t.unless && truthy(scoped(scope, t.unless))) continue;
      const name = renderName(t.name, scope);
      if (!name) continue;
      const namespace = t.namespace
        ? renderName(t.namespace, scope)
        : undefined;
      out.push({
        name,
        ...(namespace ? { namespace } : {}),
        optional: Boolean(t.optional),
      });
    }
  }
  return out;
}

/** What the rules say of one object: Secrets produced and Secrets read, and the operators. */
export function applyProducers(
  obj: Record<string, any>,
  rules: CompiledRule[],
): { produces: RuleSecret[]; consumes: RuleSecret[]; operators: string[] } {
  const produces: RuleSecret[] = [];
  const consumes: RuleSecret[] = [];
  const operators: string[] = [];
  const apiVersion = String(obj.apiVersion ?? '');
  for (const r of rules) {
    if (obj.kind !== r.kind || !r.apiVersionPattern.test(apiVersion)) continue;
    operators.push(r.operator ?? r.kind);
    produces.push(...expand(obj, r.secrets));
    consumes.push(...expand(obj, r.consumes));
  }
  return { produces, consumes, operators };
}
