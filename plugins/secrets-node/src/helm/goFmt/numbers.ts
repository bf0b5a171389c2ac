/* eslint-disable no-nested-ternary -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/* fmt's integer and float verbs (%d %x %o %b %e %f %g and friends) with Go's rounding. */

import { formatFloatG } from '../goValues';
import { Spec, pad } from './spec';

export function intText(v: bigint, verb: string, spec: Spec): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  let digits: string;
  switch (verb) {
    case 'x':
      digits = a.toString(16);
      if (spec.sharp) digits = `0x${digits}`;
      break;
    case 'X':
      digits = a.toString(16).toUpperCase();
      if (spec.sharp) digits = `0X${digits}`;
      break;
    case 'o':
      digits = a.toString(8);
      if (spec.sharp) digits = `0${digits}`;
      break;
    case 'O':
      digits = `0o${a.toString(8)}`;
      break;
    case 'b':
      digits = a.toString(2);
      break;
    default:
      digits = a.toString(10);
  }
  if (spec.prec !== undefined && digits.length < spec.prec)
    digits = '0'.repeat(spec.prec - digits.length) + digits;
  const sign = neg ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  return pad(sign + digits, spec, spec.prec === undefined);
}

/**
 * JavaScript rounds a decimal tie away from zero, Go to even: when the exact
 * value lies halfway, keep the truncated digits if their last one is even.
 */
function tieToEven(
  exact: string,
  rounded: string,
  cut: (exact: string) => string,
): string {
  const t = cut(exact);
  const rest = exact.slice(t.length).replace(/^\./, '').replace(/e.*$/, '');
  if (!/^50*$/.test(rest)) return rounded;
  const last = t.replace(/\.$/, '').slice(-1);
  if (Number(last) % 2 !== 0) return rounded;
  return (
    t.replace(/\.$/, '') +
    (exact.includes('e') ? exact.slice(exact.indexOf('e')) : '')
  );
}

function toFixedGo(f: number, prec: number): string {
  const rounded = f.toFixed(prec);
  const exact = f.toFixed(Math.min(100, prec + 30));
  return tieToEven(exact, rounded, x =>
    x.slice(0, x.indexOf('.') + (prec ? prec + 1 : 0)),
  );
}

function toExponentialGo(f: number, prec: number): string {
  const rounded = f.toExponential(prec);
  const exact = f.toExponential(Math.min(100, prec + 30));
  const mant = exact.slice(0, exact.indexOf('e'));
  const dot = mant.indexOf('.');
  const cut = mant.slice(0, dot + (prec ? prec + 1 : 0));
  const rest = mant.slice(cut.length + (prec ? 0 : 1));
  if (!/^50*$/.test(rest)) return rounded;
  if (Number(cut.replace(/\.$/, '').slice(-1)) % 2 !== 0) return rounded;
  return cut.replace(/\.$/, '') + exact.slice(exact.indexOf('e'));
}

function floatExp(f: number, prec: number, upper: boolean): string {
  const [m, e] = toExponentialGo(f, prec).split('e');
  const n = Number(e);
  const a = Math.abs(n);
  const s = `${m}e${n < 0 ? '-' : '+'}${a < 10 ? `0${a}` : a}`;
  return upper ? s.toUpperCase() : s;
}

export function floatText(f: number, verb: string, spec: Spec): string {
  let s: string;
  if (!Number.isFinite(f)) {
    s = Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf';
    if (f > 0 && !spec.plus) s = 'Inf';
    return pad(s, { ...spec, zero: false });
  }
  switch (verb) {
    case 'f':
    case 'F':
      s =
        Math.abs(f) < 1e21
          ? toFixedGo(f, spec.prec ?? 6)
          : bigFixed(f, spec.prec ?? 6);
      break;
    case 'e':
    case 'E':
      s = floatExp(f, spec.prec ?? 6, verb === 'E');
      break;
    default: {
      if (spec.prec === undefined) s = formatFloatG(f);
      else {
        const p = spec.prec === 0 ? 1 : spec.prec;
        const exp = f === 0 ? 0 : Math.floor(Math.log10(Math.abs(f)));
        const rounded = Number(toExponentialGo(f, p - 1));
        const realExp =
          rounded === 0 ? 0 : Math.floor(Math.log10(Math.abs(rounded)));
        void exp;
        if (realExp < -4 || realExp >= p) {
          s = floatExp(rounded, p - 1, false).replace(/\.?0+e/, 'e');
        } else {
          s = String(rounded);
        }
      }
      if (verb === 'G') s = s.toUpperCase();
    }
  }
  if (f >= 0 && !s.startsWith('-')) {
    if (spec.plus) s = `+${s}`;
    else if (spec.space) s = ` ${s}`;
  }
  return pad(s, spec, true);
}

/** strconv.FormatFloat(f, 'x', -1, 64): a hex mantissa and a binary exponent. */
export function hexFloat(f: number, upper: boolean, spec: Spec): string {
  let s: string;
  if (!Number.isFinite(f))
    s = Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf';
  else {
    const neg = f < 0 || Object.is(f, -0);
    let m = Math.abs(f);
    let exp = 0;
    if (m !== 0) {
      exp = Math.floor(Math.log2(m));
      while (m / 2 ** exp >= 2) exp++;
      while (m / 2 ** exp < 1) exp--;
      m = m / 2 ** exp;
    }
    // 52 fraction bits: 13 hex digits, trailing zeros dropped
    const frac = Math.round((m - Math.floor(m)) * 2 ** 52);
    const digits = frac.toString(16).padStart(13, '0').replace(/0+$/, '');
    const e = Math.abs(exp);
    s = `${neg ? '-' : spec.plus ? '+' : ''}0x${m === 0 ? 0 : 1}${
      digits ? `.${digits}` : ''
    }p${exp < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  }
  return upper ? s.toUpperCase() : s;
}

function bigFixed(f: number, prec: number): string {
  const int = BigInt(Math.trunc(f)).toString();
  return prec > 0 ? `${int}.${'0'.repeat(prec)}` : int;
}
