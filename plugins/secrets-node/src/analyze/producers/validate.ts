/* Checks of configured producer rules: template syntax and option shape. */

import {
  type AddProblem,
  listOptionProblems,
  type OptionProblem,
  unknownFieldProblems,
} from '../optionProblems';
import { parsePath } from '../paths';
import { PLACEHOLDER, FILTERS, isMap } from './registry';
import { ProducerRule } from './types';

/**
 * What is wrong with a name template, if anything: a `{{` or `}}` that is
 * not a placeholder, a placeholder path that does not parse, an unknown
 * filter.
 */
export function templateProblem(template: string): string | undefined {
  let problem: string | undefined;
  const rest = template.replace(
    PLACEHOLDER,
    (_m, path: string, filters: string) => {
      const inner = path.startsWith('item.') ? path.slice(5) : path;
      try {
        parsePath(inner);
      } catch (e) {
        problem ??= `placeholder "{{${path}}}": ${(e as Error).message}`;
      }
      for (const f of filters
        .split('|')
        .map(x => x.trim())
        .filter(Boolean)) {
        if (!Object.prototype.hasOwnProperty.call(FILTERS, f))
          problem ??= `unknown filter "|${f}" (known: ${Object.keys(
            FILTERS,
          ).join(', ')})`;
      }
      return '';
    },
  );
  if (problem) return problem;
  if (rest.includes('{{') || rest.includes('}}'))
    return `malformed placeholder in "${template}": write {{path}} or {{path|filter}}`;
  return undefined;
}

const RULE_FIELDS = ['apiVersion', 'kind', 'secrets', 'consumes', 'operator'];

const TEMPLATE_FIELDS = [
  'name',
  'forEach',
  'when',
  'unless',
  'namespace',
  'optional',
];

/** The problems of one entry of a rule's `secrets` or `consumes` (named `at`). */
function secretTemplateProblems(t: unknown, at: string, add: AddProblem) {
  if (typeof t === 'string') {
    const problem = t ? templateProblem(t) : 'must be a non-empty string';
    if (problem) add(at, t ? `: ${problem}` : problem);
    return;
  }
  if (!isMap(t) || typeof t.name !== 'string' || !t.name) {
    add(
      at,
      'must be a name template or { name, forEach?, when?, unless?, namespace?, optional? }',
    );
    return;
  }
  unknownFieldProblems(t, TEMPLATE_FIELDS, at, add);
  for (const k of ['forEach', 'when', 'unless', 'namespace'] as const) {
    if (t[k] !== undefined && (typeof t[k] !== 'string' || !t[k]))
      add(`${at}.${k}`, 'must be a non-empty string');
  }
  for (const k of ['forEach', 'when', 'unless'] as const) {
    if (typeof t[k] !== 'string' || !t[k]) continue;
    try {
      parsePath(t[k] as string);
    } catch (e) {
      add(`${at}.${k}`, `: ${(e as Error).message}`);
    }
  }
  for (const k of ['name', 'namespace'] as const) {
    if (typeof t[k] !== 'string' || !t[k]) continue;
    const problem = templateProblem(t[k] as string);
    if (problem) add(`${at}.${k}`, `: ${problem}`);
  }
  if (t.optional !== undefined && typeof t.optional !== 'boolean')
    add(`${at}.optional`, 'must be true or false');
}

/** Every problem of configured rules, each naming the rule and field that is wrong. */
export function producerRuleProblems(raw: unknown): OptionProblem[] {
  return listOptionProblems(
    raw,
    'producers',
    RULE_FIELDS,
    '{ apiVersion, kind, secrets?, consumes?, operator? }',
    (r, at, add) => {
      if (typeof r.apiVersion !== 'string' || !r.apiVersion)
        add(
          `${at}.apiVersion`,
          'must be a non-empty string (a glob such as "postgresql.cnpg.io/*")',
        );
      if (typeof r.kind !== 'string' || !r.kind)
        add(`${at}.kind`, 'must be a non-empty string');
      if (r.operator !== undefined && typeof r.operator !== 'string')
        add(`${at}.operator`, 'must be a string');
      for (const field of ['secrets', 'consumes'] as const) {
        const list = r[field];
        if (list === undefined) continue;
        if (!Array.isArray(list)) add(`${at}.${field}`, 'must be a list');
        else
          list.forEach((t, j) =>
            secretTemplateProblems(t, `${at}.${field}[${j}]`, add),
          );
      }
    },
  );
}

/** Checks configured rules; throws the first problem, naming the rule and field that is wrong. */
export function validateProducerRules(raw: unknown): ProducerRule[] {
  const [first] = producerRuleProblems(raw);
  if (first) throw new Error(first.message);
  return raw as ProducerRule[];
}
