/* sprig's string functions, with Go's byte and rune semantics. */

import { goQuote } from '../goFmt/quote';
import { fmtValue, stringMap, stringSlice } from '../goValues';
import { strval } from './conversions';
import { Spec, S } from './spec';

/** Go's strings.Title: upper-cases letters that follow a non-letter. */
/** unicode.ToUpper / ToLower: one rune for one rune (JavaScript's full mappings turn ß into SS). */
function runeUpper(ch: string): string {
  const u = ch.toUpperCase();
  return [...u].length === 1 ? u : ch;
}

function runeLower(ch: string): string {
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

function goTrim(s: string, cut: string): string {
  const set = new Set(cut);
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  while (a < b && set.has(chars[a])) a++;
  while (b > a && set.has(chars[b - 1])) b--;
  return chars.slice(a, b).join('');
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

/** Text functions: case, trimming, wrapping, quoting, splitting. */
export const stringFunctions: Record<string, Spec> = {
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
};
