/* Go text/template's comparison functions (eq, lt and their kinds). */

import { compareStrings, isMap, scalarKind, Unknown } from '../goValues';
import { TemplateError } from '../parse/ast';

/** Go's basic kinds for comparisons. */
function basicKind(
  v: unknown,
): 'bool' | 'int' | 'float' | 'string' | 'invalid' | 'other' {
  const kind = scalarKind(v);
  return kind === 'float64' ? 'float' : kind ?? 'other';
}

/** reflect kinds, for text/template's canCompare. */
function reflectKind(v: unknown): string {
  if (v === undefined || v === null) return 'invalid';
  if (Array.isArray(v) || v instanceof Uint8Array) return 'slice';
  if (isMap(v)) return 'map';
  return typeof v;
}

/** text/template's eq: basic kinds compare by value, nil compares with anything of no basic kind. */
export function eqValues(a: unknown, bs: unknown[], line: number): boolean {
  if (a instanceof Unknown || bs.some(b => b instanceof Unknown)) return false;
  if (!bs.length)
    throw new TemplateError(
      'error calling eq: missing argument for comparison',
      line,
    );
  const nil = (v: unknown) => v === undefined || v === null;
  const ka = basicKind(a);
  for (const b of bs) {
    const kb = basicKind(b);
    const k1 = ka === 'other' ? 'invalid' : ka;
    const k2 = kb === 'other' ? 'invalid' : kb;
    if (k1 !== k2) {
      if (!nil(a) && !nil(b))
        throw new TemplateError(
          'error calling eq: incompatible types for comparison',
          line,
        );
      continue;
    }
    if (k1 !== 'invalid') {
      if (a === b) return true;
      continue;
    }
    const ra = reflectKind(a);
    const rb = reflectKind(b);
    if (ra !== rb && ra !== 'invalid' && rb !== 'invalid')
      throw new TemplateError('error calling eq: non-comparable types', line);
    if (nil(a) || nil(b)) {
      if (nil(a) && nil(b)) return true;
      continue;
    }
    if (!isComparable(b))
      throw new TemplateError('error calling eq: non-comparable type', line);
    if (a === b) return true;
  }
  return false;
}

function isComparable(v: unknown) {
  return !(Array.isArray(v) || isMap(v));
}

export function ltValues(
  a: unknown,
  b: unknown,
  line: number,
  name: string,
): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (
    ka === 'bool' ||
    ka === 'invalid' ||
    ka === 'other' ||
    kb === 'bool' ||
    kb === 'invalid' ||
    kb === 'other'
  )
    throw new TemplateError(
      `error calling ${name}: invalid type for comparison`,
      line,
    );
  if (ka !== kb)
    throw new TemplateError(
      `error calling ${name}: incompatible types for comparison`,
      line,
    );
  if (ka === 'string') return compareStrings(a as string, b as string) < 0;
  return (a as number) < (b as number);
}
