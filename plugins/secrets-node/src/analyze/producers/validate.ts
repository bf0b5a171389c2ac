/* Checks of configured producer rules: template syntax and option shape. */

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

/** One problem of an option value: the key (`producers[0].kind`) and what is wrong. */
export interface OptionProblem {
  key: string;
  message: string;
}

const TEMPLATE_FIELDS = [
  'name',
  'forEach',
  'when',
  'unless',
  'namespace',
  'optional',
];

/** Every problem of configured rules, each naming the rule and field that is wrong. */
export function producerRuleProblems(raw: unknown): OptionProblem[] {
  const problems: OptionProblem[] = [];
  const add = (key: string, text: string) =>
    problems.push({
      key,
      message: `"${key}"${text.startsWith(':') ? '' : ' '}${text}`,
    });
  if (!Array.isArray(raw)) {
    add(
      'producers',
      'must be a list of { apiVersion, kind, secrets?, consumes?, operator? }',
    );
    return problems;
  }
  raw.forEach((r, i) => {
    const at = `producers[${i}]`;
    if (!isMap(r)) {
      add(at, 'must be an object');
      return;
    }
    for (const k of Object.keys(r))
      if (
        !['apiVersion', 'kind', 'secrets', 'consumes', 'operator'].includes(k)
      )
        add(at, `has unknown field "${k}"`);
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
      if (!Array.isArray(list)) {
        add(`${at}.${field}`, 'must be a list');
        continue;
      }
      list.forEach((t, j) => {
        const tat = `${at}.${field}[${j}]`;
        if (typeof t === 'string') {
          const problem = t ? templateProblem(t) : 'must be a non-empty string';
          if (problem) add(tat, t ? `: ${problem}` : problem);
          return;
        }
        if (!isMap(t) || typeof t.name !== 'string' || !t.name) {
          add(
            tat,
            'must be a name template or { name, forEach?, when?, unless?, namespace?, optional? }',
          );
          return;
        }
        for (const k of Object.keys(t))
          if (!TEMPLATE_FIELDS.includes(k))
            add(tat, `has unknown field "${k}"`);
        for (const k of ['forEach', 'when', 'unless', 'namespace'] as const) {
          if (t[k] !== undefined && (typeof t[k] !== 'string' || !t[k]))
            add(`${tat}.${k}`, 'must be a non-empty string');
        }
        for (const k of ['forEach', 'when', 'unless'] as const) {
          if (typeof t[k] !== 'string' || !t[k]) continue;
          try {
            parsePath(t[k] as string);
          } catch (e) {
            add(`${tat}.${k}`, `: ${(e as Error).message}`);
          }
        }
        for (const k of ['name', 'namespace'] as const) {
          if (typeof t[k] !== 'string' || !t[k]) continue;
          const problem = templateProblem(t[k] as string);
          if (problem) add(`${tat}.${k}`, `: ${problem}`);
        }
        if (t.optional !== undefined && typeof t.optional !== 'boolean')
          add(`${tat}.optional`, 'must be true or false');
      });
    }
  });
  return problems;
}

/** Checks configured rules; throws the first problem, naming the rule and field that is wrong. */
export function validateProducerRules(raw: unknown): ProducerRule[] {
  const [first] = producerRuleProblems(raw);
  if (first) throw new Error(first.message);
  return raw as ProducerRule[];
}
