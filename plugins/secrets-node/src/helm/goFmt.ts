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

/** Go's %q of a string (strconv.Quote). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (cp < 0x20 || cp === 0x7f)
      out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp === 0xfffd && ch !== '\ufffd') out += '\\ufffd';
    else if ((cp >= 0x80 && cp < 0xa0) || cp === 0xad)
      out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function typeName(v: unknown): string {
  return goType(v);
}

function bad(verb: string, v: unknown): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${fmtValue(v)})`;
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
  if (spec.width === undefined || s.length >= spec.width) return s;
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

function floatExp(f: number, prec: number, upper: boolean): string {
  const [m, e] = f.toExponential(prec).split('e');
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
          ? f.toFixed(spec.prec ?? 6)
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
        const rounded = Number(f.toPrecision(p));
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

function bigFixed(f: number, prec: number): string {
  const int = BigInt(Math.trunc(f)).toString();
  return prec > 0 ? `${int}.${'0'.repeat(prec)}` : int;
}

function formatOne(verb: string, v: unknown, spec: Spec): string {
  if (v instanceof Unknown) return UNKNOWN_MARKER;
  if (verb === 'T') return pad(typeName(v), spec);
  if (verb === 'v') {
    if (spec.plus || spec.sharp) {
      // %+v is %v for the values templates use; %#v is Go syntax, approximated
      if (spec.sharp && typeof v === 'string') return pad(goQuote(v), spec);
    }
    if (typeof v === 'bigint') return intText(v, 'd', spec);
    if (typeof v === 'number') return floatText(v, 'g', spec);
    return pad(fmtValue(v), spec);
  }
  if (v === null || v === undefined) return bad(verb, v);
  switch (verb) {
    case 's':
    case 'q':
    case 'x':
    case 'X':
      if (typeof v === 'string') {
        let s =
          spec.prec !== undefined ? [...v].slice(0, spec.prec).join('') : v;
        if (verb === 'q')
          s = spec.sharp && !s.includes('`') ? `\`${s}\`` : goQuote(s);
        if (verb === 'x' || verb === 'X') {
          s = Buffer.from(s, 'utf8').toString('hex');
          if (verb === 'X') s = s.toUpperCase();
        }
        return pad(s, spec);
      }
      if (verb === 's') {
        if (Array.isArray(v))
          return pad(
            `[${v
              .map(x => formatOne('s', x, { ...spec, width: undefined }))
              .join(' ')}]`,
            spec,
          );
        if (isMap(v))
          return pad(
            `map[${sortedKeys(v)
              .map(
                k =>
                  `${k}:${formatOne('s', v[k], { ...spec, width: undefined })}`,
              )
              .join(' ')}]`,
            spec,
          );
        return bad(verb, v);
      }
      if (verb === 'q' && typeof v === 'bigint') {
        return pad(`'${String.fromCodePoint(Number(v))}'`, spec);
      }
      if (typeof v === 'bigint') return intText(v, verb, spec);
      if (typeof v === 'number' && verb !== 'q') {
        return bad(verb, v);
      }
      return bad(verb, v);
    case 'd':
    case 'o':
    case 'O':
    case 'b':
      if (typeof v === 'bigint') return intText(v, verb, spec);
      if (Array.isArray(v))
        return `[${v.map(x => formatOne(verb, x, spec)).join(' ')}]`;
      return bad(verb, v);
    case 'c':
      if (typeof v === 'bigint')
        return pad(String.fromCodePoint(Number(v)), spec);
      return bad(verb, v);
    case 'U':
      if (typeof v === 'bigint')
        return pad(`U+${v.toString(16).toUpperCase().padStart(4, '0')}`, spec);
      return bad(verb, v);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
      if (typeof v === 'number') return floatText(v, verb, spec);
      return bad(verb, v);
    case 't':
      if (typeof v === 'boolean') return pad(String(v), spec);
      return bad(verb, v);
    default:
      return `%!${verb}(${typeName(v)}=${fmtValue(v)})`;
  }
}

/** Go's fmt.Sprintf. */
export function sprintf(format: string, args: unknown[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    const spec: Spec = {
      minus: false,
      plus: false,
      sharp: false,
      space: false,
      zero: false,
    };
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === '#') spec.sharp = true;
      else if (f === ' ') spec.space = true;
      else if (f === '0') spec.zero = !spec.minus;
      else break;
    }
    const readNum = (): number | undefined => {
      if (format[i] === '*') {
        i++;
        const a = args[argi++];
        return typeof a === 'bigint' ? Number(a) : undefined;
      }
      const m = /^[0-9]+/.exec(format.slice(i));
      if (!m) return undefined;
      i += m[0].length;
      return Math.min(Number(m[0]), 1_000_000);
    };
    spec.width = readNum();
    if (format[i] === '.') {
      i++;
      spec.prec = readNum() ?? 0;
    }
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatOne(verb, args[argi++], spec);
  }
  if (argi < args.length) {
    out += `%!(EXTRA ${args
      .slice(argi)
      .map(a =>
        a === null || a === undefined
          ? '<nil>'
          : `${typeName(a)}=${fmtValue(a)}`,
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
