/* Function calls: text/template's builtins, then Helm's own functions, then sprig. */
import { parseTemplate } from '../parse';
import { type ParsedTemplate, type Expr, TemplateError } from '../parse/ast';
import type { Evaluator } from './evaluate';
import { arity, BUILTINS, callBuiltin, NOT_BUILTIN } from './builtins';
import { goType, Unknown, fmtValue } from '../goValues';
import {
  toYaml,
  mustToYaml,
  fromYaml,
  fromYamlArray,
  fromJson,
  fromJsonArray,
  toToml,
} from '../helmFuncs';
import {
  GENERATED,
  UNKNOWN_AT_RENDER,
  SPRIG,
  callSprig,
  KNOWN_FUNCTIONS,
} from '../sprig';
import { stripNoValue } from './state';

/** Helm's own functions (beside sprig's). */
export const HELM_FUNCS = new Set([
  'include',
  'tpl',
  'required',
  'toYaml',
  'mustToYaml',
  'fromYaml',
  'fromYamlArray',
  'toJson',
  'mustToJson',
  'fromJson',
  'fromJsonArray',
  'toToml',
  'lookup',
  'fail',
]);

/** Helm's decoders of a text: an unknown text decodes to the unknown. */
const DECODERS = { fromYaml, fromYamlArray, fromJson, fromJsonArray };

/** Calls a function by name with evaluated arguments. */
export function callFunction(
  ev: Evaluator,
  fn: string,
  a: unknown[],
  argExprs: Expr[],
  line: number,
): unknown {
  const builtin = callBuiltin(fn, a, line);
  if (builtin !== NOT_BUILTIN) return builtin;
  switch (fn) {
    case 'include':
      arity(fn, a, 2, line);
      if (typeof a[0] !== 'string')
        throw new TemplateError(
          `wrong type for value; expected string; got ${goType(a[0])}`,
          line,
        );
      return ev.include(a[0], a[1], line);
    case 'tpl': {
      arity(fn, a, 2, line);
      if (a[0] instanceof Unknown) return a[0];
      if (typeof a[0] !== 'string')
        throw new TemplateError(
          `wrong type for value; expected string; got ${goType(a[0])}`,
          line,
        );
      let parsed: ParsedTemplate;
      try {
        parsed = parseTemplate(a[0]);
      } catch (e) {
        throw new TemplateError(
          `error calling tpl: ${e instanceof Error ? e.message : String(e)}`,
          line,
        );
      }
      const saved = new Map(ev.state.defines);
      for (const [k, v] of parsed.defines) ev.state.defines.set(k, v);
      try {
        const out: string[] = [];
        ev.renderNodes(parsed.nodes, a[1], [{ name: '$', value: a[1] }], out);
        return stripNoValue(out.join(''));
      } finally {
        ev.state.defines = saved;
      }
    }
    case 'required': {
      arity(fn, a, 2, line);
      const v = a[1];
      if (v === undefined || v === null || v === '') {
        throw new TemplateError(
          `required value missing: ${fmtValue(a[0])}`,
          line,
        );
      }
      return v;
    }
    case 'fail':
      arity(fn, a, 1, line);
      throw new TemplateError(`template called fail: ${fmtValue(a[0])}`, line);
    case 'toYaml':
      arity(fn, a, 1, line);
      return toYaml(a[0]);
    case 'mustToYaml':
      arity(fn, a, 1, line);
      try {
        return mustToYaml(a[0]);
      } catch (e) {
        throw new TemplateError(
          `error calling mustToYaml: ${(e as Error).message}`,
          line,
        );
      }
    case 'fromYaml':
    case 'fromYamlArray':
    case 'fromJson':
    case 'fromJsonArray':
      arity(fn, a, 1, line);
      if (a[0] instanceof Unknown) return a[0];
      return DECODERS[fn](stringArg(a[0], line));
    case 'toToml':
      arity(fn, a, 1, line);
      return toToml(a[0]);
    case 'lookup':
      ev.note(
        line,
        '`lookup` reads the live cluster and is unknown at render time',
        'unknown',
      );
      return new Unknown('lookup');
    default:
      break;
  }
  if (GENERATED.has(fn)) {
    ev.note(
      line,
      `\`${fn}\` generates a value in the cluster (Helm-generated, cluster-managed)`,
      'generated',
    );
    return new Unknown(fn);
  }
  if (UNKNOWN_AT_RENDER.has(fn)) return new Unknown(fn);
  if (SPRIG[fn]) return callSprig(fn, a, argExprs, line);
  if (KNOWN_FUNCTIONS.has(fn) || BUILTINS.has(fn) || HELM_FUNCS.has(fn))
    throw new TemplateError(
      `function \`${fn}\` is not supported by the engine`,
      line,
      'unsupported',
    );
  throw new TemplateError(`function "${fn}" not defined`, line);
}

function stringArg(v: unknown, line: number): string {
  if (typeof v === 'string') return v;
  throw new TemplateError(
    `wrong type for value; expected string; got ${goType(v)}`,
    line,
  );
}
