/* eslint-disable no-loop-func, no-nested-ternary -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/*
 * Go's fmt.Sprintf for the verbs templates use, over the Go value model.
 */
import {
  fmtValue,
  formatFloatG,
  goType,
  isMap,
  sortedKeys,
  Unknown,
  UNKNOWN_MARKER,
} from './goValues';

/** strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function quoteRune(ch: string, quote: string): string {
  const cp = ch.codePointAt(0)!;
  if (ch === quote || ch === '\\') return `\\${ch}`;
  if (PRINTABLE.test(ch)) return ch;
  switch (ch) {
    case '\x07':
      return '\\a';
    case '\b':
      return '\\b';
    case '\f':
      return '\\f';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '\v':
      return '\\v';
    default:
      if (cp < 0x20 || cp === 0x7f)
        return `\\x${cp.toString(16).padStart(2, '0')}`;
      if (cp >= 0xd800 && cp < 0xe000) return '\\ufffd';
      if (cp > 0xffff) return `\\U${cp.toString(16).padStart(8, '0')}`;
      return `\\u${cp.toString(16).padStart(4, '0')}`;
  }
}

/** Go's %q of a string (strconv.Quote). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += quoteRune(ch, '"');
  return `${out}"`;
}

/** strconv.QuoteRune of an integer (invalid code points are U+FFFD). */
function goQuoteRune(v: bigint): string {
  const cp =
    v < 0n || v > 0x10ffffn || (v >= 0xd800n && v < 0xe000n)
      ? 0xfffd
      : Number(v);
  return `'${quoteRune(String.fromCodePoint(cp), "'")}'`;
}

function typeName(v: unknown): string {
  return goType(v);
}

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
}

function pad(s: string, spec: Spec, numeric = false): string {
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

function intText(v: bigint, verb: string, spec: Spec): string {
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

function floatText(f: number, verb: string, spec: Spec): string {
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
function hexFloat(f: number, upper: boolean, spec: Spec): string {
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

/** fmt's badVerb: the verb, the type and the value printed with %v (same flags). */
function bad(verb: string, v: unknown, spec: Spec): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${formatOne('v', v, spec)})`;
}

function padString(s: string, spec: Spec): string {
  const t = spec.prec !== undefined ? [...s].slice(0, spec.prec).join('') : s;
  return pad(t, { ...spec, zero: false });
}

/** %#v: Go syntax for the values templates hold. */
function goSyntax(v: unknown, top: boolean): string {
  if (v === null || v === undefined) return top ? '<nil>' : 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return formatFloatG(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v))
    return `${typeName(v)}{${v.map(x => goSyntax(x, false)).join(', ')}}`;
  if (isMap(v))
    return `${typeName(v)}{${sortedKeys(v)
      .map(k => `${goQuote(k)}:${goSyntax(v[k], false)}`)
      .join(', ')}}`;
  return fmtValue(v);
}

/** fmt's printArg / printValue: composites apply the verb and flags to each element. */
function formatOne(
  verb: string,
  v: unknown,
  spec: Spec,
  nested = false,
): string {
  if (v instanceof Unknown) return UNKNOWN_MARKER;
  if (verb === 'T') return pad(typeName(v), spec);
  if (v === null || v === undefined) {
    // a nil inside a composite is written bare; at the top %v pads it
    if (nested) return '<nil>';
    if (verb === 'v') return padString('<nil>', spec);
    return bad(verb, v, spec);
  }
  if (verb === 'v' && spec.sharp) return pad(goSyntax(v, true), spec);
  if (Array.isArray(v))
    return `[${v.map(x => formatOne(verb, x, spec, true)).join(' ')}]`;
  if (isMap(v))
    return `map[${sortedKeys(v)
      .map(
        k =>
          `${formatOne(verb, k, spec, true)}:${formatOne(
            verb,
            v[k],
            spec,
            true,
          )}`,
      )
      .join(' ')}]`;
  if (typeof v === 'string') {
    switch (verb) {
      case 'v':
      case 's':
        return padString(v, spec);
      case 'q': {
        const t =
          spec.prec !== undefined ? [...v].slice(0, spec.prec).join('') : v;
        return pad(
          spec.sharp && !t.includes('`') ? `\`${t}\`` : goQuote(t),
          spec,
        );
      }
      case 'x':
      case 'X': {
        const t =
          spec.prec !== undefined ? [...v].slice(0, spec.prec).join('') : v;
        let h = Buffer.from(t, 'utf8').toString('hex');
        if (verb === 'X') h = h.toUpperCase();
        return pad(h, spec);
      }
      default:
        return bad(verb, v, spec);
    }
  }
  if (typeof v === 'bigint') {
    switch (verb) {
      case 'v':
      case 'd':
      case 'b':
      case 'o':
      case 'O':
      case 'x':
      case 'X':
        return intText(v, verb === 'v' ? 'd' : verb, spec);
      case 'c': {
        const cp =
          v < 0n || v > 0x10ffffn || (v >= 0xd800n && v < 0xe000n)
            ? 0xfffd
            : Number(v);
        return pad(String.fromCodePoint(cp), spec);
      }
      case 'q':
        return pad(goQuoteRune(v), spec);
      case 'U':
        return pad(
          `U+${(v < 0n ? -v : v).toString(16).toUpperCase().padStart(4, '0')}`,
          spec,
        );
      default:
        return bad(verb, v, spec);
    }
  }
  if (typeof v === 'number') {
    switch (verb) {
      case 'v':
        return floatText(v, 'g', spec);
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
        return floatText(v, verb, spec);
      case 'x':
      case 'X':
        return pad(hexFloat(v, verb === 'X', spec), spec, true);
      default:
        return bad(verb, v, spec);
    }
  }
  if (typeof v === 'boolean') {
    if (verb === 'v' || verb === 't') return pad(String(v), spec);
    return bad(verb, v, spec);
  }
  if (verb === 'v' || verb === 's') return pad(fmtValue(v), spec);
  return bad(verb, v, spec);
}

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
