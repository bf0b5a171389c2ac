/* eslint-disable @typescript-eslint/no-use-before-define -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/* sprig's dictionary functions. */

import { goType, isMap, stringSlice, type GoMap } from '../goValues';
import { Spec, S } from './spec';
import { strval } from './conversions';

/** mergo's notion of an empty value. */
function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string' || Array.isArray(v)) return v.length === 0;
  if (isMap(v)) return Object.keys(v).length === 0;
  if (typeof v === 'boolean') return !v;
  if (typeof v === 'number') return v === 0;
  if (typeof v === 'bigint') return v === 0n;
  return false;
}

/** mergo.Merge, with or without override, into `dst` (mutated). */
function mergeInto(
  dst: GoMap,
  src: GoMap,
  overwrite: boolean,
  depth = 0,
): void {
  if (depth > 100) return;
  for (const k of Object.keys(src)) {
    const s = src[k];
    const has = Object.prototype.hasOwnProperty.call(dst, k);
    const d = has ? dst[k] : undefined;
    if (s === null || s === undefined) {
      if (overwrite) dst[k] = null;
      continue;
    }
    if (isMap(s) && isMap(d)) {
      mergeInto(d, s, overwrite, depth + 1);
      continue;
    }
    if (isMap(s) && has && d !== null && !isMap(d)) {
      throw new MergeTypeError();
    }
    if (has && !isEmptyValue(d) && (isMap(s) || Array.isArray(s)) && !overwrite)
      continue;
    if (overwrite || !has || isEmptyValue(d)) dst[k] = s;
  }
}

class MergeTypeError extends Error {}

function mergeFn(overwrite: boolean, must: boolean) {
  return (dst: GoMap | null, ...srcs: Array<GoMap | null>) => {
    const target = dst ?? {};
    try {
      for (const s of srcs) if (s) mergeInto(target, s, overwrite);
    } catch (e) {
      if (e instanceof MergeTypeError) {
        if (must) throw new Error('src and dst must be of same type');
        return '';
      }
      throw e;
    }
    return target;
  };
}

function pluckMaps(list: unknown[]): GoMap[] {
  return list.filter(isMap) as GoMap[];
}

/** Dictionary functions. */
export const dictFunctions: Record<string, Spec> = {
  dict: S(
    'a*',
    (...v: unknown[]) => {
      const d: GoMap = {};
      for (let i = 0; i < v.length; i += 2)
        d[strval(v[i])] = i + 1 < v.length ? v[i + 1] : '';
      return d;
    },
    true,
  ),
  get: S(
    'ms',
    (d: GoMap | null, k: string) =>
      d && Object.prototype.hasOwnProperty.call(d, k) ? d[k] : '',
    true,
  ),
  set: S(
    'msa',
    (d: GoMap | null, k: string, v: unknown) => {
      if (!d) throw new Error('assignment to entry in nil map');
      d[k] = v;
      return d;
    },
    true,
  ),
  unset: S(
    'ms',
    (d: GoMap | null, k: string) => {
      if (d) delete d[k];
      return d ?? {};
    },
    true,
  ),
  hasKey: S(
    'ms',
    (d: GoMap | null, k: string) =>
      Boolean(d && Object.prototype.hasOwnProperty.call(d, k)),
    true,
  ),
  pluck: S(
    'sm*',
    (k: string, ...ds: Array<GoMap | null>) =>
      pluckMaps(ds)
        .filter(d => Object.prototype.hasOwnProperty.call(d, k))
        .map(d => d[k]),
    true,
  ),
  keys: S(
    'm*',
    (...ds: Array<GoMap | null>) =>
      stringSlice(ds.flatMap(d => (d ? Object.keys(d) : []))),
    true,
  ),
  pick: S(
    'mS*',
    (d: GoMap | null, ...ks: string[]) => {
      const out: GoMap = {};
      for (const k of ks)
        if (d && Object.prototype.hasOwnProperty.call(d, k)) out[k] = d[k];
      return out;
    },
    true,
  ),
  omit: S(
    'mS*',
    (d: GoMap | null, ...ks: string[]) => {
      const out: GoMap = {};
      const drop = new Set(ks);
      for (const k of Object.keys(d ?? {})) if (!drop.has(k)) out[k] = d![k];
      return out;
    },
    true,
  ),
  merge: S('mm*', mergeFn(false, false), true),
  mergeOverwrite: S('mm*', mergeFn(true, false), true),
  mustMerge: S('mm*', mergeFn(false, true), true),
  mustMergeOverwrite: S('mm*', mergeFn(true, true), true),
  values: S('m', (d: GoMap | null) => (d ? Object.values(d) : []), true),
  dig: S(
    'a*',
    (...ps: unknown[]) => {
      if (ps.length < 3) throw new Error('dig needs at least three arguments');
      let d = ps[ps.length - 1];
      const def = ps[ps.length - 2];
      const ks = ps.slice(0, -2);
      if (!isMap(d))
        throw new Error(
          `interface conversion: interface {} is ${goType(
            d,
          )}, not map[string]interface {}`,
        );
      for (let i = 0; i < ks.length; i++) {
        if (typeof ks[i] !== 'string')
          throw new Error(
            `interface conversion: interface {} is ${goType(
              ks[i],
            )}, not string`,
          );
        const k = ks[i] as string;
        if (!isMap(d))
          throw new Error(
            `interface conversion: interface {} is ${goType(
              d,
            )}, not map[string]interface {}`,
          );
        if (!Object.prototype.hasOwnProperty.call(d, k)) return def;
        if (i === ks.length - 1) return d[k];
        d = d[k];
      }
      return def;
    },
    true,
  ),
};
