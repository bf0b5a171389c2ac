/* One parsed fmt verb (flags, width, precision) and the padding shared by the verbs. */

import { goType } from '../goValues';

export function typeName(v: unknown): string {
  return goType(v);
}

export interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
}

export function pad(s: string, spec: Spec, numeric = false): string {
  if (spec.width === undefined) return s;
  // widths count runes
  const n = spec.width - [...s].length;
  if (n <= 0) return s;
  if (spec.minus) return s + ' '.repeat(n);
  if (spec.zero && numeric) {
    const sign = /^[+\- ]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(n) + s.slice(sign.length);
  }
  return ' '.repeat(n) + s;
}

export function padString(s: string, spec: Spec): string {
  const t = spec.prec !== undefined ? [...s].slice(0, spec.prec).join('') : s;
  return pad(t, { ...spec, zero: false });
}
