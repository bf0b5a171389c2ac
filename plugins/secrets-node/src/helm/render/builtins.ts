/* The functions of Go's text/template itself (and, or and slice are evaluated elsewhere). */
import { truthy, Unknown, GoObject, goType, isMap } from '../goValues';
import { sprint, sprintln, sprintf } from '../goFmt';
import { TemplateError } from '../parse/ast';
import {
  byteLength,
  htmlEscape,
  escaperArg,
  jsEscape,
  urlQueryEscape,
} from './escape';
import { eqValues, ltValues } from './compare';

/** Functions of Go's text/template itself. */
export const BUILTINS = new Set([
  'and',
  'or',
  'not',
  'len',
  'index',
  'slice',
  'print',
  'printf',
  'println',
  'html',
  'js',
  'urlquery',
  'call',
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
]);

/** What callBuiltin returns for a name that is not a text/template builtin. */
export const NOT_BUILTIN = Symbol('not a builtin');

export function callBuiltin(fn: string, a: unknown[], line: number): unknown {
  switch (fn) {
    case 'not':
      arity(fn, a, 1, line);
      return !truthy(a[0]);
    case 'len': {
      arity(fn, a, 1, line);
      const v = a[0];
      if (v instanceof Unknown) return v;
      if (typeof v === 'string') return BigInt(byteLength(v));
      if (Array.isArray(v)) return BigInt(v.length);
      if (v instanceof Uint8Array) return BigInt(v.length);
      if (isMap(v)) return BigInt(Object.keys(v).length);
      if (v instanceof GoObject && v.entries)
        return BigInt(Object.keys(v.entries()).length);
      if (v === null || v === undefined)
        throw new TemplateError('error calling len: len of nil pointer', line);
      throw new TemplateError(
        `error calling len: len of type ${goType(v)}`,
        line,
      );
    }
    case 'index': {
      atLeastOne(fn, a, line);
      let cur = a[0];
      if (cur instanceof Unknown) return cur;
      if ((cur === null || cur === undefined) && a.length > 1)
        throw new TemplateError(
          'error calling index: index of untyped nil',
          line,
        );
      for (const k of a.slice(1)) {
        if (cur instanceof Unknown) return cur;
        if (Array.isArray(cur) || typeof cur === 'string') {
          if (typeof k !== 'bigint')
            throw new TemplateError(
              `error calling index: cannot index slice/array with type ${goType(
                k,
              )}`,
              line,
            );
          const n = Number(k);
          const len = typeof cur === 'string' ? byteLength(cur) : cur.length;
          if (n < 0 || n >= len)
            throw new TemplateError(
              `error calling index: index out of range: ${n}`,
              line,
            );
          cur =
            typeof cur === 'string'
              ? BigInt(Buffer.from(cur, 'utf8')[n])
              : cur[n];
        } else if (isMap(cur)) {
          if (typeof k !== 'string') {
            if (k === null || k === undefined) {
              cur = null;
              continue;
            }
            throw new TemplateError(
              `error calling index: value has type ${goType(
                k,
              )}; should be string`,
              line,
            );
          }
          cur = Object.prototype.hasOwnProperty.call(cur, k) ? cur[k] : null;
        } else if (cur === null || cur === undefined) {
          throw new TemplateError(
            'error calling index: index of nil pointer',
            line,
          );
        } else {
          throw new TemplateError(
            `error calling index: can't index item of type ${goType(cur)}`,
            line,
          );
        }
      }
      return cur;
    }
    case 'print':
      return sprint(a.map(x => (x === undefined ? null : x)));
    case 'println':
      return sprintln(a.map(x => (x === undefined ? null : x)));
    case 'printf': {
      atLeastOne(fn, a, line);
      if (a.some(x => x instanceof Unknown)) return new Unknown('printf');
      if (typeof a[0] !== 'string')
        throw new TemplateError(
          `wrong type for value; expected string; got ${goType(a[0])}`,
          line,
        );
      return sprintf(
        a[0],
        a.slice(1).map(x => (x === undefined ? null : x)),
      );
    }
    case 'html':
      return htmlEscape(escaperArg(a));
    case 'js':
      return jsEscape(escaperArg(a));
    case 'urlquery':
      return urlQueryEscape(escaperArg(a));
    case 'call': {
      atLeastOne(fn, a, line);
      const f = a[0];
      if (typeof f !== 'function') {
        if (f === null || f === undefined)
          throw new TemplateError('error calling call: call of nil', line);
        throw new TemplateError(
          `error calling call: non-function of type ${goType(f)}`,
          line,
        );
      }
      return (f as (...x: unknown[]) => unknown)(...a.slice(1));
    }
    case 'eq':
      atLeastOne(fn, a, line);
      return eqValues(a[0], a.slice(1), line);
    case 'ne':
      arity(fn, a, 2, line);
      if (a.some(x => x instanceof Unknown)) return true;
      return !eqValues(a[0], [a[1]], line);
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge': {
      arity(fn, a, 2, line);
      if (a.some(x => x instanceof Unknown)) return false;
      if (fn === 'lt') return ltValues(a[0], a[1], line, fn);
      if (fn === 'ge') return !ltValues(a[0], a[1], line, fn);
      if (fn === 'gt')
        return !ltValues(a[0], a[1], line, fn) && !eqValues(a[0], [a[1]], line);
      return ltValues(a[0], a[1], line, fn) || eqValues(a[0], [a[1]], line);
    }
    default:
      return NOT_BUILTIN;
  }
}

/** Checks that a function of a variable number of arguments has its first one. */
function atLeastOne(fn: string, a: unknown[], line: number) {
  if (!a.length)
    throw new TemplateError(
      `wrong number of args for ${fn}: want at least 1 got 0`,
      line,
    );
}

export function arity(fn: string, a: unknown[], n: number, line: number) {
  if (a.length !== n)
    throw new TemplateError(
      `wrong number of args for ${fn}: want ${n} got ${a.length}`,
      line,
    );
}
