/* eslint-disable @typescript-eslint/no-use-before-define, no-nested-ternary, no-param-reassign -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/*
 * The sprig v3 function set over the Go value model, with Go's argument type
 * checks (a string parameter given a number is an error, as in Helm).
 * Functions whose result cannot be known at render time are listed apart.
 */
import { createHash } from 'crypto';
import type { Expr } from './parse';
import { TemplateError } from './parse';
import {
  formatFloatG,
  deepCopy,
  fmtValue,
  goJson,
  JsonUnsupported,
  goKind,
  goType,
  isMap,
  truthy,
  Unknown,
  UNKNOWN_MARKER,
  compareStrings,
  type GoMap,
  stringMap,
  stringSlice,
} from './goValues';
import { goQuote } from './goFmt';
import { regexFunctions } from './regex';
import { semverCompare, semverObject } from './semver';
import { dateFunctions, UnknownTime } from './dates';

/** Generate a value in the cluster: unknown, and noted as Helm-generated. */
export const GENERATED = new Set([
  'randAlphaNum',
  'randAlpha',
  'randAscii',
  'randNumeric',
  'randBytes',
  'randInt',
  'uuidv4',
  'genPrivateKey',
  'genCA',
  'genCAWithKey',
  'genSelfSignedCert',
  'genSelfSignedCertWithKey',
  'genSignedCert',
  'genSignedCertWithKey',
  'buildCustomCert',
  'derivePassword',
  'htpasswd',
  'bcrypt',
  'encryptAES',
  'shuffle',
]);

/** Functions whose result depends on the clock or the network. */
export const UNKNOWN_AT_RENDER = new Set([
  'now',
  'ago',
  'getHostByName',
  'env',
  'expandenv',
  'decryptAES',
]);

type Param = 's' | 'i' | 'f' | 'b' | 'a' | 'm' | 'S';
interface Spec {
  params: Param[];
  variadic?: Param;
  fn: (...a: any[]) => unknown;
  /** Receives unknown arguments instead of propagating them. */
  structural?: boolean;
}

const S = (params: string, fn: Spec['fn'], structural = false): Spec => {
  const m = /^([a-zA-Z]*?)([a-zA-Z]\*)?$/.exec(params)!;
  return {
    params: [...m[1]] as Param[],
    variadic: m[2] ? (m[2][0] as Param) : undefined,
    fn,
    structural,
  };
};

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

function listOf(v: unknown, what: string): unknown[] {
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) return [...v].map(x => BigInt(x));
  throw new Error(`Cannot ${what} on type ${goKind(v)}`);
}

/** sprig's mustSlice: lists only, cast integer bounds, nil for an empty list. */
function sliceList(l: unknown, ix: unknown[]): unknown {
  if (l === null || l === undefined)
    throw new Error(
      'runtime error: invalid memory address or nil pointer dereference',
    );
  if (!Array.isArray(l))
    throw new Error(`list should be type of slice or array but ${goKind(l)}`);
  if (!l.length) return null;
  const start = ix.length > 0 ? Number(toInt64(ix[0])) : 0;
  const end = ix.length > 1 ? Number(toInt64(ix[1])) : l.length;
  if (start < 0 || end > l.length || start > end)
    throw new Error(`reflect: slice index out of range`);
  return l.slice(start, end);
}

/** Go's url unescaping of a component (a bad escape fails). */
function unescapeUrl(s: string, raw: string): string {
  if (/%(?![0-9a-fA-F]{2})/.test(s))
    throw new Error(`unable to parse url: parse "${raw}": invalid URL escape`);
  const bytes: number[] = [];
  const src = Buffer.from(s, 'utf8');
  for (let i = 0; i < src.length; i++) {
    if (src[i] === 0x25) {
      bytes.push(parseInt(src.subarray(i + 1, i + 3).toString('latin1'), 16));
      i += 2;
    } else bytes.push(src[i]);
  }
  return Buffer.from(bytes).toString('utf8');
}

/** sprig's urlParse over a port of Go's url.Parse (no normalisation). */
function urlParse(raw: string): GoMap {
  if ([...raw].some(c => c.charCodeAt(0) < 0x20 || c === '\x7f'))
    throw new Error(
      `unable to parse url: parse ${goQuote(
        raw,
      )}: net/url: invalid control character in URL`,
    );
  let rest = raw;
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    fragment = unescapeUrl(rest.slice(hash + 1), raw);
    rest = rest.slice(0, hash);
  }
  let scheme = '';
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  if (m) {
    scheme = m[1].toLowerCase();
    rest = rest.slice(m[0].length);
  } else if (rest.startsWith(':'))
    throw new Error(
      `unable to parse url: parse "${raw}": missing protocol scheme`,
    );
  let query = '';
  const q = rest.indexOf('?');
  if (q >= 0) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  let opaque = '';
  let host = '';
  let userinfo = '';
  if (scheme && !rest.startsWith('/')) {
    opaque = rest;
    rest = '';
  } else if ((scheme || !rest.startsWith('///')) && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash >= 0 ? rest.slice(2, slash) : rest.slice(2);
    rest = slash >= 0 ? rest.slice(slash) : '';
    const at = authority.lastIndexOf('@');
    host = at >= 0 ? authority.slice(at + 1) : authority;
    userinfo = at >= 0 ? authority.slice(0, at) : '';
  } else if (!scheme) {
    const colon = rest.indexOf(':');
    const slash = rest.indexOf('/');
    if (colon >= 0 && (slash < 0 || colon < slash))
      throw new Error(
        `unable to parse url: parse ${goQuote(
          raw,
        )}: first path segment in URL cannot contain colon`,
      );
  }
  const hostname = host.startsWith('[')
    ? host.slice(1, host.indexOf(']') >= 0 ? host.indexOf(']') : undefined)
    : host.replace(/:[0-9]*$/, '');
  return {
    scheme,
    host,
    hostname,
    path: unescapeUrl(rest, raw),
    query,
    opaque,
    fragment,
    userinfo,
  };
}

/** copystructure.Copy, which cannot copy nil. */
function copyOf(v: unknown): unknown {
  if (v === null || v === undefined)
    throw new Error('reflect: call of reflect.Value.Type on zero Value');
  return deepCopy(v);
}

function strslice(v: unknown): string[] {
  if (Array.isArray(v))
    return v.filter(x => x !== null && x !== undefined).map(strval);
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

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

function inList(list: unknown[], x: unknown): boolean {
  return list.some(y => deepEqual(x, y));
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

/** Go's strings.Title: upper-cases letters that follow a non-letter. */
/** unicode.ToUpper / ToLower: one rune for one rune (JavaScript's full mappings turn ß into SS). */
export function runeUpper(ch: string): string {
  const u = ch.toUpperCase();
  return [...u].length === 1 ? u : ch;
}
export function runeLower(ch: string): string {
  const l = ch.toLowerCase();
  return [...l].length === 1 ? l : ch;
}
const mapRunes = (s: string, f: (ch: string) => string) =>
  [...s].map(f).join('');

function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    // strings.Title: letters, digits and _ continue a word
    const isSep = !/[\p{L}\p{N}_]/u.test(prev);
    out += isSep ? runeUpper(ch) : ch;
    prev = ch;
  }
  return out;
}

function untitle(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    const isSep = /\s/.test(prev);
    out += isSep ? runeLower(ch) : ch;
    prev = ch;
  }
  return out;
}

function splitWords(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

function camelWords(s: string): string[] {
  // xstrings-style word split: separators and case changes
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_\-.]+/)
    .filter(Boolean);
}

/** goutils.WrapCustom, over bytes as in Go. */
function wrap(s: string, width: number, sep = '\n', wrapLong = false): string {
  if (s === '') return '';
  const str = Buffer.from(s, 'utf8');
  const nl = Buffer.from(sep || '\n', 'utf8');
  const w = Math.max(width, 1);
  const space = 0x20;
  const parts: Buffer[] = [];
  let offset = 0;
  while (str.length - offset > w) {
    if (str[offset] === space) {
      offset++;
      continue;
    }
    const at = str.subarray(offset, w + offset + 1).lastIndexOf(space);
    if (at >= 0) {
      parts.push(str.subarray(offset, offset + at), nl);
      offset += at + 1;
    } else if (wrapLong) {
      parts.push(str.subarray(offset, offset + w), nl);
      offset += w;
    } else {
      const end = w + offset;
      const index = str.subarray(end).indexOf(space);
      if (index < 0) {
        parts.push(str.subarray(offset));
        offset = str.length;
      } else {
        parts.push(str.subarray(offset, end + index), nl);
        offset = end + index + 1;
      }
    }
  }
  parts.push(str.subarray(offset));
  return Buffer.concat(parts).toString('utf8');
}

/** s[lo:hi] over UTF-8 bytes, as Go slices strings (a cut rune decodes as U+FFFD). */
function byteSlice(s: string, lo: number, hi?: number): string {
  const b = Buffer.from(s, 'utf8');
  const end = hi ?? b.length;
  if (lo < 0 || end > b.length || lo > end)
    throw new Error(`runtime error: slice bounds out of range [${lo}:${end}]`);
  return b.subarray(lo, end).toString('utf8');
}

const byteLen = (s: string) => Buffer.byteLength(s, 'utf8');

/** goutils.AbbreviateFull (byte lengths, as in Go). */
function abbreviateFull(
  str: string,
  offsetIn: number,
  maxWidth: number,
): string {
  if (str === '') return '';
  if (maxWidth < 4) return '';
  const len = byteLen(str);
  if (len <= maxWidth) return str;
  let offset = Math.min(offsetIn, len);
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  if (offset <= 4) return `${byteSlice(str, 0, maxWidth - 3)}...`;
  if (maxWidth < 7) return '';
  if (offset + maxWidth - 3 < len)
    return `...${abbreviateFull(byteSlice(str, offset), 0, maxWidth - 3)}`;
  return `...${byteSlice(str, len - (maxWidth - 3))}`;
}

function abbrev(width: number, s: string): string {
  if (width < 4) return s;
  return abbreviateFull(s, 0, width);
}

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

/** xstrings.ToPascalCase (sprig's camelcase): words split on space, `_` and `-`, cases kept. */
function pascalCase(str: string): string {
  const isConnector = (c: string) => c === '_' || c === '-' || c === ' ';
  const chars = [...str];
  const n = chars.length;
  let out = '';
  let i = 0;
  let r0 = '';
  while (i < n) {
    r0 = chars[i++];
    if (!isConnector(r0)) {
      r0 = runeUpper(r0);
      break;
    }
    out += r0;
  }
  if (i >= n) return n ? out + r0 : '';
  while (i < n) {
    const r1 = r0;
    r0 = chars[i++];
    if (isConnector(r0) && isConnector(r1)) {
      out += r1;
      continue;
    }
    if (isConnector(r1)) r0 = runeUpper(r0);
    else out += r1;
  }
  return out + r0;
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

function goBase(p: string): string {
  if (p === '') return '.';
  p = p.replace(/\/+$/, '');
  if (p === '') return '/';
  const i = p.lastIndexOf('/');
  return i >= 0 ? p.slice(i + 1) : p;
}

export function goClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(seg);
  }
  const s = (rooted ? '/' : '') + out.join('/');
  return s || (rooted ? '/' : '.');
}

function goDir(p: string): string {
  const i = p.lastIndexOf('/');
  return goClean(i >= 0 ? p.slice(0, i + 1) : '');
}

function goExt(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--)
    if (p[i] === '.') return p.slice(i);
  return '';
}

function goTrim(s: string, cut: string): string {
  const set = new Set(cut);
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  while (a < b && set.has(chars[a])) a++;
  while (b > a && set.has(chars[b - 1])) b--;
  return chars.slice(a, b).join('');
}

function b32enc(s: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = Buffer.from(s, 'utf8');
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  while (out.length % 8) out += '=';
  return out;
}

/** Where encoding/base32 or base64 (padded) would stop on bad input. */
function corruptAt(
  s: string,
  alphabet: string,
  quantum: number,
  padded: number[],
): number | undefined {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=') {
      const j = i % quantum;
      if (!padded.includes(j)) return i;
      const end = i - j + quantum;
      for (let k = i; k < end; k++)
        if (s[k] !== '=') return Math.min(k, s.length);
      return end < s.length ? end : undefined;
    }
    if (!alphabet.includes(s[i])) return i;
  }
  const rest = s.length % quantum;
  return rest ? s.length - rest : undefined;
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function b32dec(s: string): string {
  const bad = corruptAt(s, B32, 8, [2, 4, 5, 7]);
  if (bad !== undefined) return `illegal base32 data at input byte ${bad}`;
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const c of s.replace(/=+$/, '')) {
    value = ((value << 5) | B32.indexOf(c)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out).toString('utf8');
}

function b64dec(s: string): string {
  const bad = corruptAt(s, B64, 4, [2, 3]);
  if (bad !== undefined) return `illegal base64 data at input byte ${bad}`;
  return Buffer.from(s, 'base64').toString('utf8');
}

function adler32(s: string): bigint {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(s, 'utf8')) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return BigInt(((b << 16) | a) >>> 0);
}

function initials(s: string): string {
  return splitWords(s)
    .map(w => [...w][0])
    .join('');
}

/** goutils.SwapCase: upper to lower, lower to upper (title case at a word start is upper here). */
function swapcase(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch === ch.toUpperCase() && ch !== ch.toLowerCase())
      out += runeLower(ch);
    else if (ch === ch.toLowerCase() && ch !== ch.toUpperCase())
      out += runeUpper(ch);
    else out += ch;
  }
  return out;
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

function getKind(v: unknown): string {
  return goKind(v);
}

function pluckMaps(list: unknown[]): GoMap[] {
  return list.filter(isMap) as GoMap[];
}

function jsonOrEmpty(write: () => string): string {
  try {
    return write();
  } catch (e) {
    if (e instanceof JsonUnsupported) return '';
    throw e;
  }
}

export const SPRIG: Record<string, Spec> = {
  hello: S('', () => 'Hello!'),
  // strings
  abbrev: S('is', (w: bigint, s: string) => abbrev(Number(w), s)),
  abbrevboth: S('iis', (l: bigint, r: bigint, s: string) => {
    const left = Number(l);
    const right = Number(r);
    if (right < 4 || (left > 0 && right < 7)) return s;
    return abbreviateFull(s, left, right);
  }),
  // Go cuts strings by bytes
  trunc: S('is', (c: bigint, s: string) => {
    const n = Number(c);
    const len = byteLen(s);
    if (n < 0 && len + n > 0) return byteSlice(s, len + n);
    if (n >= 0 && len > n) return byteSlice(s, 0, n);
    return s;
  }),
  trim: S('s', (s: string) =>
    s.replace(/^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/g, ''),
  ),
  upper: S('s', (s: string) => mapRunes(s, runeUpper)),
  lower: S('s', (s: string) => mapRunes(s, runeLower)),
  title: S('s', title),
  untitle: S('s', untitle),
  substr: S('iis', (a: bigint, b: bigint, s: string) => {
    const start = Number(a);
    const end = Number(b);
    // byte offsets, as Go slices strings
    if (start < 0) return byteSlice(s, 0, end);
    if (end < 0 || end > byteLen(s)) return byteSlice(s, start);
    return byteSlice(s, start, end);
  }),
  repeat: S('is', (n: bigint, s: string) => {
    if (n < 0n) throw new Error('strings: negative Repeat count');
    if (BigInt(s.length) * n > 1_000_000n)
      throw new Error('repeat result too large');
    return s.repeat(Number(n));
  }),
  trimall: S('ss', (a: string, b: string) => goTrim(b, a)),
  trimAll: S('ss', (a: string, b: string) => goTrim(b, a)),
  trimSuffix: S('ss', (a: string, b: string) =>
    a && b.endsWith(a) ? b.slice(0, b.length - a.length) : b,
  ),
  trimPrefix: S('ss', (a: string, b: string) =>
    b.startsWith(a) ? b.slice(a.length) : b,
  ),
  // goutils.DeleteWhiteSpace reads bytes as runes: non-ASCII text comes out as Latin-1
  nospace: S('s', (s: string) => {
    const bytes = [...Buffer.from(s, 'utf8')];
    const kept = bytes.filter(
      b =>
        !(b === 0x20 || (b >= 0x09 && b <= 0x0d) || b === 0x85 || b === 0xa0),
    );
    // unchanged when nothing was removed
    return kept.length === bytes.length
      ? s
      : kept.map(b => String.fromCharCode(b)).join('');
  }),
  initials: S('s', initials),
  swapcase: S('s', swapcase),
  snakecase: S('s', (s: string) =>
    camelWords(s)
      .map(w => w.toLowerCase())
      .join('_'),
  ),
  camelcase: S('s', pascalCase),
  kebabcase: S('s', (s: string) =>
    camelWords(s)
      .map(w => w.toLowerCase())
      .join('-'),
  ),
  wrap: S('is', (l: bigint, s: string) => wrap(s, Number(l))),
  wrapWith: S('iss', (l: bigint, sep: string, s: string) =>
    wrap(s, Number(l), sep, true),
  ),
  contains: S('ss', (sub: string, s: string) => s.includes(sub)),
  hasPrefix: S('ss', (sub: string, s: string) => s.startsWith(sub)),
  hasSuffix: S('ss', (sub: string, s: string) => s.endsWith(sub)),
  quote: S(
    'a*',
    (...xs: unknown[]) =>
      xs
        .filter(x => x !== null && x !== undefined)
        .map(x => goQuote(strval(x)))
        .join(' '),
    true,
  ),
  squote: S(
    'a*',
    (...xs: unknown[]) =>
      xs
        .filter(x => x !== null && x !== undefined)
        .map(x => `'${fmtValue(x)}'`)
        .join(' '),
    true,
  ),
  cat: S('a*', (...xs: unknown[]) =>
    xs
      .filter(x => x !== null && x !== undefined)
      .map(x => fmtValue(x))
      .join(' '),
  ),
  indent: S(
    'is',
    (n: bigint, s: string) => {
      const pad = ' '.repeat(Math.max(0, Math.min(Number(n), 10_000)));
      return pad + s.split('\n').join(`\n${pad}`);
    },
    true,
  ),
  nindent: S(
    'is',
    (n: bigint, s: string) => {
      const pad = ' '.repeat(Math.max(0, Math.min(Number(n), 10_000)));
      return `\n${pad}${s.split('\n').join(`\n${pad}`)}`;
    },
    true,
  ),
  replace: S('sss', (o: string, n: string, s: string) =>
    o === '' ? goReplaceEmpty(s, n) : s.split(o).join(n),
  ),
  plural: S('ssi', (one: string, many: string, c: bigint) =>
    c === 1n ? one : many,
  ),
  sha1sum: S('s', (s: string) =>
    createHash('sha1').update(s, 'utf8').digest('hex'),
  ),
  sha256sum: S('s', (s: string) =>
    createHash('sha256').update(s, 'utf8').digest('hex'),
  ),
  sha512sum: S('s', (s: string) =>
    createHash('sha512').update(s, 'utf8').digest('hex'),
  ),
  adler32sum: S('s', (s: string) => adler32(s).toString()),
  toString: S('a', (v: unknown) => strval(v)),
  atoi: S('s', (s: string) => (/^[+-]?\d+$/.test(s) ? BigInt(s) : 0n)),
  int64: S('a', toInt64),
  int: S('a', toInt64),
  float64: S('a', toFloat64),
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
  // strconv.ParseInt(fmt.Sprint(v), 8, 64)
  toDecimal: S('a', (v: unknown) => {
    const m = /^([+-]?)([0-7]+)$/.exec(strval(v));
    if (!m) return 0n;
    const n = BigInt(`0o${m[2]}`);
    return m[1] === '-' ? -n : n;
  }),
  split: S('ss', (sep: string, s: string) => {
    const parts = goSplit(s, sep, -1);
    const out: Record<string, string> = {};
    parts.forEach((p, i) => (out[`_${i}`] = p));
    return stringMap(out);
  }),
  splitList: S('ss', (sep: string, s: string) =>
    stringSlice(goSplit(s, sep, -1)),
  ),
  splitn: S('sis', (sep: string, n: bigint, s: string) => {
    const parts = goSplit(s, sep, Number(n));
    const out: Record<string, string> = {};
    parts.forEach((p, i) => (out[`_${i}`] = p));
    return stringMap(out);
  }),
  toStrings: S('a', (v: unknown) => stringSlice(strslice(v))),
  until: S('i', (n: bigint) => untilStep(0n, n, n < 0n ? -1n : 1n)),
  untilStep: S('iii', untilStep),
  // numbers
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
  // lists and defaults
  join: S('sa', (sep: string, v: unknown) => strslice(v).join(sep)),
  sortAlpha: S('a', (v: unknown) => {
    if (Array.isArray(v)) return stringSlice(strslice(v).sort(compareStrings));
    return stringSlice([strval(v)]);
  }),
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
  compact: S('a', (l: unknown) => listOf(l, 'compact').filter(truthy), true),
  mustCompact: S(
    'a',
    (l: unknown) => listOf(l, 'compact').filter(truthy),
    true,
  ),
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
  // paths and encodings
  base: S('s', goBase),
  dir: S('s', goDir),
  clean: S('s', goClean),
  ext: S('s', goExt),
  isAbs: S('s', (s: string) => s.startsWith('/')),
  osBase: S('s', goBase),
  osClean: S('s', goClean),
  osDir: S('s', goDir),
  osExt: S('s', goExt),
  osIsAbs: S('s', (s: string) => s.startsWith('/')),
  b64enc: S('s', (s: string) => Buffer.from(s, 'utf8').toString('base64')),
  b64dec: S('s', b64dec),
  b32enc: S('s', b32enc),
  b32dec: S('s', b32dec),
  // dicts and lists (sprig's slice replaces text/template's)
  slice: S('aa*', (l: unknown, ...ix: unknown[]) => sliceList(l, ix), true),
  mustSlice: S('aa*', (l: unknown, ...ix: unknown[]) => sliceList(l, ix), true),
  tuple: S('a*', (...v: unknown[]) => v, true),
  list: S('a*', (...v: unknown[]) => v, true),
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
  append: S('aa', (l: unknown, v: unknown) => [...listOf(l, 'push'), v], true),
  push: S('aa', (l: unknown, v: unknown) => [...listOf(l, 'push'), v], true),
  mustAppend: S(
    'aa',
    (l: unknown, v: unknown) => [...listOf(l, 'push'), v],
    true,
  ),
  mustPush: S(
    'aa',
    (l: unknown, v: unknown) => [...listOf(l, 'push'), v],
    true,
  ),
  prepend: S(
    'aa',
    (l: unknown, v: unknown) => [v, ...listOf(l, 'prepend')],
    true,
  ),
  mustPrepend: S(
    'aa',
    (l: unknown, v: unknown) => [v, ...listOf(l, 'prepend')],
    true,
  ),
  first: S(
    'a',
    (l: unknown) =>
      listOf(l, 'find first').length ? listOf(l, 'find first')[0] : null,
    true,
  ),
  mustFirst: S(
    'a',
    (l: unknown) =>
      listOf(l, 'find first').length ? listOf(l, 'find first')[0] : null,
    true,
  ),
  rest: S(
    'a',
    (l: unknown) =>
      listOf(l, 'find rest').length ? listOf(l, 'find rest').slice(1) : [],
    true,
  ),
  mustRest: S(
    'a',
    (l: unknown) =>
      listOf(l, 'find rest').length ? listOf(l, 'find rest').slice(1) : [],
    true,
  ),
  last: S(
    'a',
    (l: unknown) => {
      const x = listOf(l, 'find last');
      return x.length ? x[x.length - 1] : null;
    },
    true,
  ),
  mustLast: S(
    'a',
    (l: unknown) => {
      const x = listOf(l, 'find last');
      return x.length ? x[x.length - 1] : null;
    },
    true,
  ),
  initial: S(
    'a',
    (l: unknown) =>
      listOf(l, 'find initial').length
        ? listOf(l, 'find initial').slice(0, -1)
        : [],
    true,
  ),
  mustInitial: S(
    'a',
    (l: unknown) =>
      listOf(l, 'find initial').length
        ? listOf(l, 'find initial').slice(0, -1)
        : [],
    true,
  ),
  reverse: S(
    'a',
    (l: unknown) => [...listOf(l, 'find reverse')].reverse(),
    true,
  ),
  mustReverse: S(
    'a',
    (l: unknown) => [...listOf(l, 'find reverse')].reverse(),
    true,
  ),
  uniq: S(
    'a',
    (l: unknown) => {
      const out: unknown[] = [];
      for (const x of listOf(l, 'find uniq')) if (!inList(out, x)) out.push(x);
      return out;
    },
    true,
  ),
  mustUniq: S(
    'a',
    (l: unknown) => {
      const out: unknown[] = [];
      for (const x of listOf(l, 'find uniq')) if (!inList(out, x)) out.push(x);
      return out;
    },
    true,
  ),
  without: S(
    'aa*',
    (l: unknown, ...omit: unknown[]) =>
      listOf(l, 'find without').filter(x => !inList(omit, x)),
    true,
  ),
  mustWithout: S(
    'aa*',
    (l: unknown, ...omit: unknown[]) =>
      listOf(l, 'find without').filter(x => !inList(omit, x)),
    true,
  ),
  has: S(
    'aa',
    (needle: unknown, hay: unknown) => {
      if (hay === null || hay === undefined) return false;
      return inList(listOf(hay, 'find has'), needle);
    },
    true,
  ),
  mustHas: S(
    'aa',
    (needle: unknown, hay: unknown) => {
      if (hay === null || hay === undefined) return false;
      return inList(listOf(hay, 'find has'), needle);
    },
    true,
  ),
  concat: S(
    'a*',
    (...ls: unknown[]) => {
      const out: unknown[] = [];
      for (const l of ls) {
        if (!Array.isArray(l))
          throw new Error(`Cannot concat type ${goKind(l)} as list`);
        out.push(...l);
      }
      return out.length ? out : null;
    },
    true,
  ),
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
  chunk: S(
    'ia',
    (size: bigint, l: unknown) => {
      const list = listOf(l, 'chunk');
      const n = Number(size);
      if (n <= 0) throw new Error('runtime error: integer divide by zero');
      const out: unknown[][] = [];
      for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
      return out;
    },
    true,
  ),
  mustChunk: S(
    'ia',
    (size: bigint, l: unknown) => SPRIG.chunk.fn(size, l),
    true,
  ),
  semver: S('s', semverObject),
  semverCompare: S('ss', semverCompare),
  fail: S('s', (m: string) => {
    throw new TemplateError(m, 0);
  }),
  urlParse: S('s', urlParse),
  ...regexFunctions(S),
  ...dateFunctions(S),
};

/** Go's strings.Split with n (n < 0: all). */
function goSplit(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const chars = [...s];
    if (n > 0 && chars.length > n)
      return [...chars.slice(0, n - 1), chars.slice(n - 1).join('')];
    return chars;
  }
  const parts = s.split(sep);
  if (n > 0 && parts.length > n)
    return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
  return parts;
}

function goReplaceEmpty(s: string, n: string): string {
  // strings.Replace with an empty old string inserts `n` around every rune
  const chars = [...s];
  return n + chars.map(c => c + n).join('');
}

/** Every name Helm knows (sprig plus text/template builtins plus Helm's own). */
export const KNOWN_FUNCTIONS = new Set([
  ...Object.keys(SPRIG),
  ...GENERATED,
  ...UNKNOWN_AT_RENDER,
  'date_in_zone',
  'date_modify',
  'must_date_modify',
  'sha512sum',
  'getHostByName',
]);

function convert(
  p: Param,
  v: unknown,
  expr: Expr | undefined,
  fn: string,
): unknown {
  const literal = expr?.type === 'number';
  switch (p) {
    case 'a':
      return v === undefined ? null : v;
    case 's':
      if (typeof v === 'string') return v;
      if (v === undefined || v === null)
        throw new Error(`invalid value; expected string`);
      throw new Error(
        `wrong type for value; expected string; got ${goType(v)}`,
      );
    case 'S':
      if (typeof v === 'string') return v;
      throw new Error(
        `wrong type for value; expected string; got ${goType(v)}`,
      );
    case 'i':
      if (typeof v === 'bigint') return v;
      if (literal && typeof v === 'number' && Number.isInteger(v))
        return BigInt(v);
      if (v === undefined || v === null)
        throw new Error(`invalid value; expected int`);
      throw new Error(`wrong type for value; expected int; got ${goType(v)}`);
    case 'f':
      if (typeof v === 'number') return v;
      if (literal && typeof v === 'bigint') return Number(v);
      if (v === undefined || v === null)
        throw new Error(`invalid value; expected float64`);
      throw new Error(
        `wrong type for value; expected float64; got ${goType(v)}`,
      );
    case 'b':
      if (typeof v === 'boolean') return v;
      if (v === undefined || v === null)
        throw new Error(`invalid value; expected bool`);
      throw new Error(`wrong type for value; expected bool; got ${goType(v)}`);
    case 'm':
      if (v === undefined || v === null) return null;
      if (isMap(v)) return v;
      throw new Error(
        `wrong type for value; expected map[string]interface {}; got ${goType(
          v,
        )}`,
      );
    default:
      void fn;
      return v;
  }
}

/** Calls a sprig function with Go's argument checks. */
export function callSprig(
  fn: string,
  a: unknown[],
  argExprs: Expr[],
  line: number,
): unknown {
  const spec = SPRIG[fn];
  const n = spec.params.length;
  if (spec.variadic ? a.length < n : a.length !== n) {
    throw new TemplateError(
      `wrong number of args for ${fn}: want ${
        spec.variadic ? 'at least ' : ''
      }${n} got ${a.length}`,
      line,
    );
  }
  if (!spec.structural) {
    const unknown = a.find(x => x instanceof Unknown);
    if (unknown) return unknown;
  }
  const argv = a.map((v, i) => {
    const p = i < n ? spec.params[i] : spec.variadic!;
    // a structural function keeps an unknown value, as its marker where it wants text
    if (v instanceof Unknown) return p === 's' ? UNKNOWN_MARKER : v;
    try {
      return convert(p, v, argExprs[i], fn);
    } catch (e) {
      throw new TemplateError(
        `error calling ${fn}: ${(e as Error).message}`,
        line,
      );
    }
  });
  try {
    return spec.fn(...argv);
  } catch (e) {
    // a date function given something other than a time formats the clock
    if (e instanceof UnknownTime) return new Unknown(fn);
    throw e;
  }
}
