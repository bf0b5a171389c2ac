/* sprig's integer and float arithmetic (float functions in shopspring/decimal) and integer sequences. */

import { formatFloatG } from '../goValues';
import { toFloat64, toInt64 } from './conversions';
import { Spec, S } from './spec';

/* ---------- shopspring/decimal, as sprig's float functions compute ---------- */
interface Decimal {
  coef: bigint;
  exp: number;
}

function decimalOf(f: number): Decimal {
  if (!Number.isFinite(f))
    throw new Error(`Cannot create a Decimal from ${formatFloatG(f)}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(f))!;
  const frac = m[3] ?? '';
  const coef = BigInt(m[2] + frac);
  return {
    coef: m[1] ? -coef : coef,
    exp: Number(m[4] ?? 0) - frac.length,
  };
}

const pow10 = (n: number) => 10n ** BigInt(n);

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const exp = Math.min(a.exp, b.exp);
  return [a.coef * pow10(a.exp - exp), b.coef * pow10(b.exp - exp), exp];
}

const DECIMAL_OPS: Record<string, (a: Decimal, b: Decimal) => Decimal> = {
  add: (a, b) => {
    const [x, y, exp] = align(a, b);
    return { coef: x + y, exp };
  },
  sub: (a, b) => {
    const [x, y, exp] = align(a, b);
    return { coef: x - y, exp };
  },
  mul: (a, b) => ({ coef: a.coef * b.coef, exp: a.exp + b.exp }),
  // Div rounds to 16 decimal places, half away from zero
  div: (a, b) => {
    if (b.coef === 0n) throw new Error('decimal division by 0');
    const e = a.exp - b.exp + 16;
    const num = e >= 0 ? a.coef * pow10(e) : a.coef;
    const den = e >= 0 ? b.coef : b.coef * pow10(-e);
    const an = num < 0n ? -num : num;
    const ad = den < 0n ? -den : den;
    let q = an / ad;
    if (2n * (an % ad) >= ad) q += 1n;
    return { coef: num < 0n !== den < 0n ? -q : q, exp: -16 };
  },
};

function decimalOp(op: string, first: unknown, rest: unknown[]): number {
  let acc = decimalOf(toFloat64(first));
  for (const x of rest) acc = DECIMAL_OPS[op](acc, decimalOf(toFloat64(x)));
  return Number(`${acc.coef}e${acc.exp}`);
}

function untilStep(start: bigint, stop: bigint, step: bigint): bigint[] {
  const v: bigint[] = [];
  const limit = 100_000;
  if (stop < start) {
    if (step >= 0n) return v;
    for (let i = start; i > stop && v.length < limit; i += step) v.push(i);
    return v;
  }
  if (step <= 0n) return v;
  for (let i = start; i < stop && v.length < limit; i += step) v.push(i);
  return v;
}

function roundFn(a: unknown, p: bigint, roundOn = 0.5): number {
  const val = toFloat64(a);
  const pow = 10 ** Number(p);
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  return (frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

function sum(
  vs: unknown[],
  f: (a: bigint, b: bigint) => bigint,
  start: bigint,
): bigint {
  return vs.reduce<bigint>((acc, x) => f(acc, toInt64(x)), start);
}

/** Integer and decimal arithmetic, integer sequences. */
export const mathFunctions: Record<string, Spec> = {
  seq: S('i*', (...p: bigint[]) => {
    let r: bigint[] = [];
    if (p.length === 1)
      r = untilStep(1n, p[0] + (p[0] < 1n ? -1n : 1n), p[0] < 1n ? -1n : 1n);
    else if (p.length === 2) {
      const step = p[1] < p[0] ? -1n : 1n;
      r = untilStep(p[0], p[1] + step, step);
    } else if (p.length === 3) {
      const inc = p[2] < p[0] ? -1n : 1n;
      if (p[2] < p[0] && p[1] > 0n) return '';
      r = untilStep(p[0], p[2] + inc, p[1]);
    }
    return r.join(' ');
  }),
  until: S('i', (n: bigint) => untilStep(0n, n, n < 0n ? -1n : 1n)),
  untilStep: S('iii', untilStep),
  add1: S('a', (v: unknown) => toInt64(v) + 1n),
  add: S('a*', (...v: unknown[]) => sum(v, (x, y) => x + y, 0n)),
  sub: S('aa', (a: unknown, b: unknown) => toInt64(a) - toInt64(b)),
  div: S('aa', (a: unknown, b: unknown) => {
    const d = toInt64(b);
    if (d === 0n) throw new Error('runtime error: integer divide by zero');
    return toInt64(a) / d;
  }),
  mod: S('aa', (a: unknown, b: unknown) => {
    const d = toInt64(b);
    if (d === 0n) throw new Error('runtime error: integer divide by zero');
    return toInt64(a) % d;
  }),
  mul: S('aa*', (a: unknown, ...v: unknown[]) =>
    sum(v, (x, y) => x * y, toInt64(a)),
  ),
  // sprig computes the float functions in decimal
  add1f: S('a', (v: unknown) => decimalOp('add', v, [1n])),
  addf: S('a*', (...v: unknown[]) => decimalOp('add', 0, v)),
  subf: S('aa*', (a: unknown, ...v: unknown[]) => decimalOp('sub', a, v)),
  divf: S('aa*', (a: unknown, ...v: unknown[]) => decimalOp('div', a, v)),
  mulf: S('aa*', (a: unknown, ...v: unknown[]) => decimalOp('mul', a, v)),
  biggest: S('aa*', (a: unknown, ...v: unknown[]) =>
    v.reduce<bigint>((m, x) => (toInt64(x) > m ? toInt64(x) : m), toInt64(a)),
  ),
  max: S('aa*', (a: unknown, ...v: unknown[]) =>
    v.reduce<bigint>((m, x) => (toInt64(x) > m ? toInt64(x) : m), toInt64(a)),
  ),
  min: S('aa*', (a: unknown, ...v: unknown[]) =>
    v.reduce<bigint>((m, x) => (toInt64(x) < m ? toInt64(x) : m), toInt64(a)),
  ),
  maxf: S('aa*', (a: unknown, ...v: unknown[]) =>
    v.reduce<number>((m, x) => Math.max(m, toFloat64(x)), toFloat64(a)),
  ),
  minf: S('aa*', (a: unknown, ...v: unknown[]) =>
    v.reduce<number>((m, x) => Math.min(m, toFloat64(x)), toFloat64(a)),
  ),
  ceil: S('a', (a: unknown) => Math.ceil(toFloat64(a))),
  floor: S('a', (a: unknown) => Math.floor(toFloat64(a))),
  round: S('aif*', roundFn),
};
