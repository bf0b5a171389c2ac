/* eslint-disable no-loop-func -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/*
 * Go's fmt.Sprintf for the verbs templates use, over the Go value model.
 */
import { Spec, typeName } from './goFmt/spec';
import { formatOne } from './goFmt/verbs';
import { fmtValue } from './goValues';

/** Go's fmt.Sprintf (doPrintf: flags, explicit argument indexes, `*` widths). */
export function sprintf(format: string, args: unknown[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  let i = 0;
  const end = format.length;
  const tooLarge = (n: number) => n > 1e6 || n < -1e6;
  const parseNum = (
    start: number,
    stop: number,
  ): { n: number; ok: boolean; next: number } => {
    if (start >= stop) return { n: 0, ok: false, next: stop };
    let n = 0;
    let ok = false;
    let k = start;
    for (; k < stop && format[k] >= '0' && format[k] <= '9'; k++) {
      if (tooLarge(n)) return { n: 0, ok: false, next: stop };
      n = n * 10 + Number(format[k]);
      ok = true;
    }
    return { n, ok, next: k };
  };
  while (i < end) {
    let goodArgNum = true;
    const lasti = i;
    while (i < end && format[i] !== '%') i++;
    if (i > lasti) out += format.slice(lasti, i);
    if (i >= end) break;
    i++;
    const spec: Spec = {
      minus: false,
      plus: false,
      sharp: false,
      space: false,
      zero: false,
    };
    for (; i < end; i++) {
      const f = format[i];
      if (f === '#') spec.sharp = true;
      else if (f === '0') spec.zero = !spec.minus;
      else if (f === '+') spec.plus = true;
      else if (f === '-') {
        spec.minus = true;
        spec.zero = false;
      } else if (f === ' ') spec.space = true;
      else break;
    }
    let afterIndex = false;
    const argNumber = () => {
      if (i >= end || format[i] !== '[') {
        afterIndex = false;
        return;
      }
      reordered = true;
      let width = 1;
      let ok = false;
      let index = 0;
      if (end - i >= 3) {
        for (let k = i + 1; k < end; k++) {
          if (format[k] === ']') {
            const r = parseNum(i + 1, k);
            width = k - i + 1;
            if (r.ok && r.next === k) {
              ok = true;
              index = r.n - 1;
            }
            break;
          }
        }
      }
      i += width;
      if (ok && index >= 0 && index < args.length) {
        argNum = index;
        afterIndex = true;
        return;
      }
      goodArgNum = false;
      afterIndex = ok;
    };
    const intFromArg = (): number | undefined => {
      if (argNum >= args.length) return undefined;
      const a = args[argNum++];
      if (typeof a !== 'bigint') return undefined;
      const n = Number(a);
      return tooLarge(n) ? undefined : n;
    };
    argNumber();
    if (i < end && format[i] === '*') {
      i++;
      const w = intFromArg();
      if (w === undefined) out += '%!(BADWIDTH)';
      else if (w < 0) {
        spec.width = -w;
        spec.minus = true;
        spec.zero = false;
      } else spec.width = w;
      afterIndex = false;
    } else {
      const r = parseNum(i, end);
      i = r.next;
      if (r.ok) spec.width = r.n;
      if (afterIndex && r.ok) goodArgNum = false;
    }
    if (i + 1 < end && format[i] === '.') {
      i++;
      if (afterIndex) goodArgNum = false;
      argNumber();
      if (i < end && format[i] === '*') {
        i++;
        const pr = intFromArg();
        if (pr === undefined) out += '%!(BADPREC)';
        else if (pr >= 0) spec.prec = pr;
        afterIndex = false;
      } else {
        const r = parseNum(i, end);
        i = r.next;
        spec.prec = r.ok ? r.n : 0;
      }
    }
    if (!afterIndex) argNumber();
    if (i >= end) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') out += '%';
    else if (!goodArgNum) out += `%!${verb}(BADINDEX)`;
    else if (argNum >= args.length) out += `%!${verb}(MISSING)`;
    else {
      // %+v and %#v: the flags select a syntax, they no longer sign numbers
      const s = verb === 'v' ? { ...spec, plus: false } : spec;
      out += formatOne(verb, args[argNum++], s);
    }
  }
  if (!reordered && argNum < args.length) {
    const plain: Spec = {
      minus: false,
      plus: false,
      sharp: false,
      space: false,
      zero: false,
    };
    out += `%!(EXTRA ${args
      .slice(argNum)
      .map(a =>
        a === null || a === undefined
          ? '<nil>'
          : `${typeName(a)}=${formatOne('v', a, plain)}`,
      )
      .join(', ')})`;
  }
  return out;
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: unknown[]): string {
  let out = '';
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (k > 0 && typeof a !== 'string' && typeof args[k - 1] !== 'string')
      out += ' ';
    out += fmtValue(a);
  }
  return out;
}

/** fmt.Sprintln: always spaces, and a newline. */
export function sprintln(args: unknown[]): string {
  return `${args.map(a => fmtValue(a)).join(' ')}\n`;
}
