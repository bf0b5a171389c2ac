/* eslint-disable no-nested-ternary -- a port of Go's YAML encoder: the branches mirror the Go sources case by case */
/*
 * Helm's toYaml byte for byte: the value goes through encoding/json and back
 * (numbers become ints when their JSON text is integral, keys strings), then
 * gopkg.in/yaml.v2 writes it: keys in its natural order, strings plain when
 * they would read back as strings, else single or double quoted, multi-line
 * strings as literal blocks, long lines folded at 80 columns, sequences not
 * indented under a key.
 */
import {
  formatFloatG,
  isMap,
  JsonUnsupported,
  toPlain,
  type GoMap,
} from './goValues';

const BEST_WIDTH = 80;

/* ---------- the JSON round trip ---------- */

/** encoding/json's text of a float64. */
export function goJsonNumber(f: number): string {
  if (Object.is(f, -0)) return '-0';
  // strconv's shortest digits, positional below 1e21 and from 1e-6 (as JavaScript writes them)
  return String(f);
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** A number as yaml.v2 writes it after reading its JSON text back. */
function yamlNumber(v: number | bigint): string {
  const text = typeof v === 'bigint' ? v.toString() : goJsonNumber(v);
  if (/^-?[0-9]+$/.test(text)) {
    const n = BigInt(text);
    if ((n >= INT64_MIN && n <= INT64_MAX) || (n >= 0n && n <= UINT64_MAX))
      return n.toString();
  }
  const f = Number(text);
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  return formatFloatG(f);
}

/* ---------- yaml.v2's resolver: would a plain scalar read back as a string? ---------- */

const RESOLVED = new Set([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'],
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off'],
  ...['OFF', '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN'],
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf'],
  // ("<<" is in yaml.v2's table too, but its first character gives no hint, so it stays a string)
  ...['-.INF'],
]);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** strconv.ParseFloat's syntax (decimal, hex, inf/nan, underscores only with a base prefix). */
function goParsesFloat(s: string): boolean {
  return (
    /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ||
    /^[+-]?(inf|infinity|nan)$/i.test(s) ||
    /^[+-]?0[xX](_?[0-9a-fA-F])*(\.[0-9a-fA-F]*)?[pP][+-]?\d+$/.test(s)
  );
}

/** strconv.ParseInt / ParseUint with base 0, within 64 bits. */
function goParsesInt(s: string): boolean {
  const m =
    /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(
      s,
    );
  if (!m) return false;
  let body = m[2];
  if (/^0[0-7]+$/.test(body)) body = `0o${body.slice(1)}`;
  const n = BigInt(body);
  if (m[1] === '-') return -n >= INT64_MIN;
  return n <= UINT64_MAX && (m[1] !== '+' || n <= INT64_MAX);
}

function daysIn(y: number, m: number) {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** yaml.v2's parseTimestamp over its four layouts. */
function isTimestamp(s: string): boolean {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:([Tt])|( ))(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(
      s,
    );
  if (!m) return false;
  const [, y, mo, d, t, sp, h, mi, se, , zone] = m;
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > daysIn(+y, +mo)) return false;
  if (h === undefined) return true;
  if (+h > 23 || +mi > 59 || +se > 59) return false;
  if (t) return zone !== undefined;
  return sp !== undefined && zone === undefined;
}

function resolvesToString(s: string): boolean {
  if (RESOLVED.has(s)) return false;
  const c = s[0];
  if (c === '.') return !goParsesFloat(s);
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    if (isTimestamp(s)) return false;
    const plain = s.replace(/_/g, '');
    if (goParsesInt(plain)) return false;
    if (YAML_FLOAT.test(plain)) return false;
    if (/^-?0b[01]+$/.test(plain)) return false;
  }
  return true;
}

/* ---------- the emitter's scalar analysis ---------- */

/** yaml.v2's is_printable (four-byte characters are not). */
function printable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}
const isBreak = (ch: string | undefined) =>
  ch === '\n' ||
  ch === '\r' ||
  ch === '\x85' ||
  ch === '\u2028' ||
  ch === '\u2029';
const isBlank = (ch: string | undefined) => ch === ' ' || ch === '\t';

interface Analysis {
  multiline: boolean;
  plainAllowed: boolean;
  singleAllowed: boolean;
  blockAllowed: boolean;
}

function analyze(chars: string[]): Analysis {
  if (!chars.length)
    return {
      multiline: false,
      plainAllowed: true,
      singleAllowed: true,
      blockAllowed: false,
    };
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  const head = chars.slice(0, 3).join('');
  if (head === '---' || head === '...') blockIndicators = true;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const followedByWhitespace =
      i + 1 >= chars.length || isBlank(chars[i + 1]) || isBreak(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      else if ((ch === '?' || ch === ':' || ch === '-') && followedByWhitespace)
        blockIndicators = true;
    } else if (ch === ':' && followedByWhitespace) blockIndicators = true;
    else if (ch === '#' && precededByWhitespace) blockIndicators = true;
    if (!printable(ch.codePointAt(0)!)) special = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(ch)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(ch) || isBreak(ch) || ch === '\0';
  }
  const a: Analysis = {
    multiline: lineBreaks,
    plainAllowed: true,
    singleAllowed: true,
    blockAllowed: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak)
    a.plainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.plainAllowed = false;
    a.singleAllowed = false;
  }
  if (spaceBreak || special) {
    a.plainAllowed = false;
    a.singleAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks || blockIndicators) a.plainAllowed = false;
  return a;
}

/* ---------- the writer ---------- */

class Writer {
  out = '';
  column = 0;
  whitespace = true;
  indention = true;
  indent = -1;

  put(s: string) {
    this.out += s;
    this.column += [...s].length;
  }
  putBreak() {
    this.out += '\n';
    this.column = 0;
  }
  /** A line break inside a scalar: `\n` as a break, U+2028/U+2029 written as they are. */
  lineBreak(ch: string) {
    if (ch === '\n') this.putBreak();
    else {
      this.out += ch;
      this.column = 0;
    }
  }

  writeIndent() {
    const indent = Math.max(this.indent, 0);
    if (
      !this.indention ||
      this.column > indent ||
      (this.column === indent && !this.whitespace)
    )
      this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }
  indicator(
    s: string,
    needWhitespace: boolean,
    isWhitespace: boolean,
    isIndention: boolean,
  ) {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(s);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  plain(chars: string[], allowBreaks: boolean) {
    if (chars.length && !this.whitespace) this.put(' ');
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (ch === ' ') {
        if (
          allowBreaks &&
          !spaces &&
          this.column > BEST_WIDTH &&
          chars[i + 1] !== ' '
        )
          this.writeIndent();
        else this.put(ch);
        spaces = true;
      } else {
        this.put(ch);
        this.indention = false;
        spaces = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  single(chars: string[], allowBreaks: boolean) {
    this.indicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (ch === ' ') {
        if (
          allowBreaks &&
          !spaces &&
          this.column > BEST_WIDTH &&
          i > 0 &&
          i < chars.length - 1 &&
          chars[i + 1] !== ' '
        )
          this.writeIndent();
        else this.put(ch);
        spaces = true;
      } else if (isBreak(ch)) {
        // U+2028 / U+2029 are written as they are; the line goes on indented
        if (!breaks && ch === '\n') this.putBreak();
        this.lineBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (ch === "'") this.put("'");
        this.put(ch);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.indicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  double(chars: string[], allowBreaks: boolean) {
    this.indicator('"', true, false, false);
    const bomFirst = chars[0] === '\ufeff';
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      const cp = ch.codePointAt(0)!;
      // yaml.v2's is_bom looks at the first character: after a leading BOM every character is escaped
      if (
        bomFirst ||
        !printable(cp) ||
        isBreak(ch) ||
        ch === '"' ||
        ch === '\\'
      ) {
        const named: Record<number, string> = {
          0: '0',
          7: 'a',
          8: 'b',
          9: 't',
          10: 'n',
          11: 'v',
          12: 'f',
          13: 'r',
          27: 'e',
          34: '"',
          92: '\\',
          0x85: 'N',
          0xa0: '_',
          0x2028: 'L',
          0x2029: 'P',
        };
        const hex = cp.toString(16).toUpperCase();
        this.put(
          `\\${
            named[cp] ??
            (cp <= 0xff
              ? `x${hex.padStart(2, '0')}`
              : cp <= 0xffff
              ? `u${hex.padStart(4, '0')}`
              : `U${hex.padStart(8, '0')}`)
          }`,
        );
        spaces = false;
      } else if (ch === ' ') {
        if (
          allowBreaks &&
          !spaces &&
          this.column > BEST_WIDTH &&
          i > 0 &&
          i < chars.length - 1
        ) {
          this.writeIndent();
          if (chars[i + 1] === ' ') this.put('\\');
        } else this.put(ch);
        spaces = true;
      } else {
        this.put(ch);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  literal(chars: string[]) {
    this.indicator('|', true, false, false);
    if (chars[0] === ' ' || isBreak(chars[0]))
      this.indicator('2', false, false, false);
    const last = chars.length - 1;
    let chomp = '';
    if (!chars.length || !isBreak(chars[last])) chomp = '-';
    else if (last === 0 || isBreak(chars[last - 1])) chomp = '+';
    if (chomp) this.indicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const ch of chars) {
      if (isBreak(ch)) {
        this.lineBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(ch);
        this.indention = false;
        breaks = false;
      }
    }
  }

  /** A string scalar, in the style yaml.v2 picks for it. */
  string(s: string, simpleKey: boolean) {
    const chars = [...s];
    const a = analyze(chars);
    let style: 'plain' | 'single' | 'double' | 'literal' = s.includes('\n')
      ? 'literal'
      : resolvesToString(s) && !BASE60_FLOAT.test(s)
      ? 'plain'
      : 'double';
    if (simpleKey && a.multiline) style = 'double';
    if (style === 'plain' && (!a.plainAllowed || (!chars.length && simpleKey)))
      style = 'single';
    if (style === 'single' && !a.singleAllowed) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
    this.scalar(() => {
      if (style === 'plain') this.plain(chars, !simpleKey);
      else if (style === 'single') this.single(chars, !simpleKey);
      else if (style === 'double') this.double(chars, !simpleKey);
      else this.literal(chars);
    });
  }

  /** A scalar is written one indentation step in (for its folded lines). */
  scalar(write: () => void) {
    const saved = this.indent;
    this.indent = this.indent < 0 ? 2 : this.indent + 2;
    write();
    this.indent = saved;
  }

  atom(text: string) {
    this.scalar(() => this.plain([...text], false));
  }

  node(v: unknown, ctx: { mappingValue?: boolean }) {
    if (v === null || v === undefined) this.atom('null');
    else if (typeof v === 'boolean') this.atom(String(v));
    else if (typeof v === 'number' || typeof v === 'bigint')
      this.atom(yamlNumber(v));
    else if (typeof v === 'string') this.string(v, false);
    else if (Array.isArray(v)) {
      if (!v.length) return this.flowEmpty('[]');
      const saved = this.indent;
      // a sequence under a mapping key is not indented
      if (this.indent < 0) this.indent = 0;
      else if (!(ctx.mappingValue && !this.indention)) this.indent += 2;
      for (const x of v) {
        this.writeIndent();
        this.indicator('-', true, false, true);
        this.node(x, {});
      }
      this.indent = saved;
    } else if (isMap(v)) {
      const keys = Object.keys(v).sort(yamlKeyCompare);
      if (!keys.length) return this.flowEmpty('{}');
      const saved = this.indent;
      this.indent = this.indent < 0 ? 0 : this.indent + 2;
      for (const k of keys) {
        this.writeIndent();
        // a multi-line or long key is written as a complex key: `? key` then `: value`
        const chars = [...k];
        if (analyze(chars).multiline || Buffer.byteLength(k, 'utf8') > 128) {
          this.indicator('?', true, false, true);
          this.string(k, false);
          this.writeIndent();
          this.indicator(':', true, false, true);
        } else {
          this.string(k, true);
          this.indicator(':', false, false, false);
        }
        this.node((v as GoMap)[k], { mappingValue: true });
      }
      this.indent = saved;
    } else this.string(String(v), false);
    return undefined;
  }

  flowEmpty(text: string) {
    this.indicator(text, true, false, false);
  }
}

/** yaml.v2's keyList.Less: letters after other characters, digit runs by value. */
export function yamlKeyCompare(x: string, y: string): number {
  const a = [...x];
  const b = [...y];
  const letter = (c: string) => /\p{L}/u.test(c);
  const digit = (c: string | undefined) => c !== undefined && /\p{Nd}/u.test(c);
  const less = (): boolean => {
    for (let i = 0; i < a.length && i < b.length; i++) {
      if (a[i] === b[i]) continue;
      const al = letter(a[i]);
      const bl = letter(b[i]);
      if (al && bl) return a[i].codePointAt(0)! < b[i].codePointAt(0)!;
      if (al || bl) return bl;
      let an = 0;
      let bn = 0;
      if (a[i] === '0' || b[i] === '0') {
        for (let j = i - 1; j >= 0 && digit(a[j]); j--) {
          if (a[j] !== '0') {
            an = 1;
            bn = 1;
            break;
          }
        }
      }
      let ai = i;
      for (; ai < a.length && digit(a[ai]); ai++)
        an = an * 10 + (a[ai].codePointAt(0)! - 48);
      let bi = i;
      for (; bi < b.length && digit(b[bi]); bi++)
        bn = bn * 10 + (b[bi].codePointAt(0)! - 48);
      if (an !== bn) return an < bn;
      if (ai !== bi) return ai < bi;
      return a[i].codePointAt(0)! < b[i].codePointAt(0)!;
    }
    return a.length < b.length;
  };
  if (x === y) return 0;
  return less() ? -1 : 1;
}

/**
 * encoding/json leaves U+0085 as it is, and yaml.v2 reads it back as a line
 * break inside a quoted scalar: one folds to a space, n to n-1 newlines,
 * with the spaces around them; in a key it fails the conversion.
 */
function foldNel(v: unknown): unknown {
  const fold = (s: string) =>
    s.includes('\x85')
      ? s.replace(/ *\x85(?: *\x85)* */g, m => {
          const n = m.split('\x85').length - 1;
          return n === 1 ? ' ' : '\n'.repeat(n - 1);
        })
      : s;
  if (typeof v === 'string') return fold(v);
  if (Array.isArray(v)) return v.map(foldNel);
  if (isMap(v)) {
    const out: GoMap = {};
    for (const k of Object.keys(v)) {
      // in a key it breaks the flow mapping yaml.v2 reads: the conversion fails
      if (k.includes('\x85'))
        throw new JsonUnsupported(
          'error converting JSON to YAML: yaml: line break in a key',
        );
      out[k] = foldNel(v[k]);
    }
    return out;
  }
  return v;
}

/** Characters encoding/json writes as they are but yaml.v2 refuses to read back. */
const UNREADABLE = /[\x7f-\x84\x86-\x9f\ufffe\uffff]/;

function checkReadable(v: unknown): void {
  if (typeof v === 'string') {
    if (UNREADABLE.test(v))
      throw new JsonUnsupported(
        'error converting JSON to YAML: yaml: control characters are not allowed',
      );
  } else if (Array.isArray(v)) v.forEach(checkReadable);
  else if (isMap(v))
    for (const k of Object.keys(v)) {
      checkReadable(k);
      checkReadable(v[k]);
    }
  else if (typeof v === 'number' && !Number.isFinite(v))
    throw new JsonUnsupported(`json: unsupported value: ${formatFloatG(v)}`);
}

/** Helm's toYaml (sigs.k8s.io/yaml over yaml.v2), without the final newline. Throws JsonUnsupported. */
export function yamlV2(v: unknown): string {
  const plain = foldNel(toPlain(v));
  checkReadable(plain);
  const w = new Writer();
  w.node(plain, {});
  // the document ends at the start of a line (a block scalar may already be there)
  w.indent = -1;
  w.writeIndent();
  return w.out.replace(/\n$/, '');
}
