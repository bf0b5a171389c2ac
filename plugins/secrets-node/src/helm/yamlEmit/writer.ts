/* eslint-disable no-nested-ternary -- a port of Go's YAML encoder: the branches mirror the Go sources case by case */
/* yaml.v2's emitter: block mappings and sequences, scalar styles and line folding. */

import { isMap, type GoMap } from '../goValues';
import { isBreak, printable, analyze } from './analysis';
import { resolvesToString, BASE60_FLOAT, yamlNumber } from './scalars';

const BEST_WIDTH = 80;

/* ---------- the writer ---------- */
export class Writer {
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

  /** A space of a scalar, or a line break in its place once the line is long, where one may go. */
  private space(breakable: boolean) {
    if (breakable && this.column > BEST_WIDTH) this.writeIndent();
    else this.put(' ');
  }

  plain(chars: string[], allowBreaks: boolean) {
    if (chars.length && !this.whitespace) this.put(' ');
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (ch === ' ') {
        this.space(allowBreaks && !spaces && chars[i + 1] !== ' ');
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
        this.space(
          allowBreaks &&
            !spaces &&
            i > 0 &&
            i < chars.length - 1 &&
            chars[i + 1] !== ' ',
        );
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
