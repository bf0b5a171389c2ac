/* sprig's defaults, JSON, deep copy and type reflection functions. */

import {
  deepCopy,
  goJson,
  goKind,
  goType,
  isMap,
  JsonUnsupported,
  truthy,
} from '../goValues';
import { Spec, S } from './spec';

/** copystructure.Copy, which cannot copy nil. */
function copyOf(v: unknown): unknown {
  if (v === null || v === undefined)
    throw new Error('reflect: call of reflect.Value.Type on zero Value');
  return deepCopy(v);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return (
      ka.length === Object.keys(b).length &&
      ka.every(
        k =>
          Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]),
      )
    );
  }
  if (a === null || b === null || a === undefined || b === undefined)
    return (a ?? null) === (b ?? null);
  return false;
}

function getKind(v: unknown): string {
  return goKind(v);
}

function jsonOrEmpty(write: () => string): string {
  try {
    return write();
  } catch (e) {
    if (e instanceof JsonUnsupported) return '';
    throw e;
  }
}

/** Defaults, emptiness, JSON, copies and type reflection. */
export const defaultFunctions: Record<string, Spec> = {
  default: S(
    'aa*',
    (d: unknown, ...given: unknown[]) =>
      !given.length || !truthy(given[0]) ? d : given[0],
    true,
  ),
  empty: S('a', (v: unknown) => !truthy(v), true),
  coalesce: S('a*', (...v: unknown[]) => v.find(truthy) ?? null, true),
  all: S('a*', (...v: unknown[]) => v.every(truthy), true),
  any: S('a*', (...v: unknown[]) => v.some(truthy), true),
  // the non-must forms write nothing for what encoding/json refuses
  toJson: S('a', (v: unknown) => jsonOrEmpty(() => goJson(v))),
  mustToJson: S('a', (v: unknown) => goJson(v)),
  toPrettyJson: S('a', (v: unknown) => jsonOrEmpty(() => goJson(v, '  '))),
  mustToPrettyJson: S('a', (v: unknown) => goJson(v, '  ')),
  toRawJson: S('a', (v: unknown) => jsonOrEmpty(() => goJson(v, '', false))),
  mustToRawJson: S('a', (v: unknown) => goJson(v, '', false)),
  ternary: S('aab', (t: unknown, f: unknown, c: boolean) => (c ? t : f), true),
  deepCopy: S('a', (v: unknown) => copyOf(v), true),
  mustDeepCopy: S('a', (v: unknown) => copyOf(v), true),
  typeOf: S('a', goType, true),
  typeIs: S('sa', (t: string, v: unknown) => goType(v) === t, true),
  typeIsLike: S(
    'sa',
    (t: string, v: unknown) => goType(v) === t || `*${goType(v)}` === t,
    true,
  ),
  kindOf: S('a', getKind, true),
  kindIs: S('sa', (t: string, v: unknown) => getKind(v) === t, true),
  deepEqual: S('aa', deepEqual, true),
};
