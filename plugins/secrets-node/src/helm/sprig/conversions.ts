/* eslint-disable no-nested-ternary -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/* sprig's conversions (spf13/cast and sprig's strval). */

import { fmtValue, stringSlice } from '../goValues';
import { Spec, S } from './spec';

/* ---------- conversions (spf13/cast and sprig's strval) ---------- */
export function strval(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  return fmtValue(v);
}

export function toInt64(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number')
    return Number.isFinite(v) ? BigInt(Math.trunc(v)) : 0n;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') {
    // cast's trimZeroDecimal: "9.0" is 9, "9." is not a number
    const s = v.replace(/\.0+$/, '');
    const m =
      /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[1-9][0-9]*|0)$/.exec(
        s.replace(/_/g, ''),
      );
    if (!m) return 0n;
    let body = m[2];
    if (/^0[0-7]+$/.test(body)) body = `0o${body.slice(1)}`;
    const n = BigInt(body);
    return m[1] === '-' ? -n : n;
  }
  return 0n;
}

export function toFloat64(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return goParseFloat(v) ?? 0;
  return 0;
}

/** strconv.ParseFloat's syntax: decimal, hexadecimal with a binary exponent, inf and nan. */
function goParseFloat(s: string): number | undefined {
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  // underscores between digits, as in Go literals
  if (/^[+-]?\d+(_\d+)*(\.(\d+(_\d+)*)?)?([eE][+-]?\d+(_\d+)*)?$/.test(s))
    return Number(s.replace(/_/g, ''));
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special)
    return special[2].toLowerCase() === 'nan'
      ? NaN
      : special[1] === '-'
      ? -Infinity
      : Infinity;
  const hex =
    /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(s);
  if (hex && (hex[2] || hex[3])) {
    const mant =
      parseInt(hex[2] || '0', 16) +
      (hex[3] ? parseInt(hex[3], 16) / 16 ** hex[3].length : 0);
    const f = mant * 2 ** Number(hex[4]);
    return hex[1] === '-' ? -f : f;
  }
  return undefined;
}

export function strslice(v: unknown): string[] {
  if (Array.isArray(v))
    return v.filter(x => x !== null && x !== undefined).map(strval);
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

/** Type conversions (spf13/cast). */
export const conversionFunctions: Record<string, Spec> = {
  toString: S('a', (v: unknown) => strval(v)),
  atoi: S('s', (s: string) => (/^[+-]?\d+$/.test(s) ? BigInt(s) : 0n)),
  int64: S('a', toInt64),
  int: S('a', toInt64),
  float64: S('a', toFloat64),
  // strconv.ParseInt(fmt.Sprint(v), 8, 64)
  toDecimal: S('a', (v: unknown) => {
    const m = /^([+-]?)([0-7]+)$/.exec(strval(v));
    if (!m) return 0n;
    const n = BigInt(`0o${m[2]}`);
    return m[1] === '-' ? -n : n;
  }),
  toStrings: S('a', (v: unknown) => stringSlice(strslice(v))),
};
