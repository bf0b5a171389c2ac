/* eslint-disable no-nested-ternary -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/* Tokenizes the text of one action: Go literals, fields, variables, keywords and punctuation. */

import { TemplateError } from './ast';
import { isSpace } from './lex';

/* ---------- expression parsing ---------- */
export type Tok =
  | { k: 'ident'; v: string }
  | { k: 'field'; v: string[] }
  | { k: 'var'; v: string; path: string[] }
  | { k: 'str'; v: string }
  | { k: 'num'; v: number | bigint }
  | { k: 'punct'; v: '(' | ')' | '|' | ',' | ':=' | '=' }
  /** A field path directly after `)`. */
  | { k: 'chain'; v: string[] };

const ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

/** Go's strconv.Unquote for interpreted strings. */
export function unquoteGo(body: string, line: number): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e in ESCAPES) {
      out += ESCAPES[e];
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n)
        throw new TemplateError('invalid syntax in quoted string', line);
      const code = parseInt(hex, 16);
      if (e === 'x') out += Buffer.from([code]).toString('latin1');
      else out += String.fromCodePoint(code);
      i += n;
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct))
        throw new TemplateError('invalid syntax in quoted string', line);
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else {
      throw new TemplateError('invalid syntax in quoted string', line);
    }
  }
  return out;
}

const identStart = /[A-Za-z_]/;

const identChar = /[A-Za-z0-9_]/;

function parseNumber(text: string, line: number): number | bigint {
  const clean = text.replace(/_/g, '');
  const sign = clean.startsWith('-') ? -1n : 1n;
  const body = clean.replace(/^[+-]/, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(body)) return sign * BigInt(body);
  if (/^0[bB][01]+$/.test(body)) return sign * BigInt(body);
  if (/^0[oO][0-7]+$/.test(body)) return sign * BigInt(body);
  if (/^0[0-7]+$/.test(body)) return sign * BigInt(`0o${body.slice(1)}`);
  if (/^[0-9]+$/.test(body)) return sign * BigInt(body);
  if (/^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(body)) {
    const n = Number(body);
    // Go keeps integral float constants usable as ints; the value stays a float here
    return sign < 0n ? -n : n;
  }
  throw new TemplateError(`bad number syntax: "${text}"`, line);
}

export function tokenize(text: string, line: number): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === '|' || c === ',') {
      out.push({ k: 'punct', v: c });
      i++;
      continue;
    }
    if (c === ')') {
      out.push({ k: 'punct', v: ')' });
      i++;
      if (text[i] === '.' && identStart.test(text[i + 1] ?? '')) {
        const field = readFieldPath(text, i);
        i = field.end;
        out.push({ k: 'chain', v: field.parts });
      }
      continue;
    }
    if (c === ':' && text[i + 1] === '=') {
      out.push({ k: 'punct', v: ':=' });
      i += 2;
      continue;
    }
    if (c === '=') {
      out.push({ k: 'punct', v: '=' });
      i++;
      continue;
    }
    if (c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && c === '"') j++;
        j++;
      }
      if (j >= text.length)
        throw new TemplateError('unterminated quoted string', line);
      const body = text.slice(i + 1, j);
      out.push({
        k: 'str',
        v: c === '`' ? body.replace(/\r/g, '') : unquoteGo(body, line),
      });
      i = j + 1;
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== "'") {
        if (text[j] === '\\') j++;
        j++;
      }
      if (j >= text.length)
        throw new TemplateError('unterminated character constant', line);
      const ch = unquoteGo(text.slice(i + 1, j), line);
      const cp = ch.codePointAt(0);
      if (cp === undefined || [...ch].length !== 1)
        throw new TemplateError('malformed character constant', line);
      out.push({ k: 'num', v: BigInt(cp) });
      i = j + 1;
      continue;
    }
    if (
      /[0-9]/.test(c) ||
      ((c === '-' || c === '+') && /[0-9.]/.test(text[i + 1] ?? '')) ||
      (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))
    ) {
      const m =
        /^[+-]?(?:0[xX][0-9a-fA-F_]*(?:\.[0-9a-fA-F_]*)?(?:[pP][+-]?[0-9_]+)?|0[bBoO][0-9_]+|[0-9_]*\.?[0-9_]*(?:[eE][+-]?[0-9_]+)?)/.exec(
          text.slice(i),
        );
      const lit = m ? m[0] : c;
      if (
        identChar.test(text[i + lit.length] ?? '') ||
        text[i + lit.length] === '.'
      )
        throw new TemplateError(
          `bad number syntax: "${text.slice(i, i + lit.length + 1)}"`,
          line,
        );
      out.push({ k: 'num', v: parseNumber(lit, line) });
      i += lit.length;
      continue;
    }
    if (c === '.') {
      if (!identStart.test(text[i + 1] ?? '')) {
        out.push({ k: 'field', v: [] });
        i++;
        continue;
      }
      const field = readFieldPath(text, i);
      i = field.end;
      out.push({ k: 'field', v: field.parts });
      continue;
    }
    if (c === '$') {
      let j = i + 1;
      while (j < text.length && identChar.test(text[j])) j++;
      const name = text.slice(i, j);
      i = j;
      const field = readFieldPath(text, i);
      i = field.end;
      out.push({ k: 'var', v: name, path: field.parts });
      continue;
    }
    if (identStart.test(c)) {
      let j = i;
      while (j < text.length && identChar.test(text[j])) j++;
      out.push({ k: 'ident', v: text.slice(i, j) });
      i = j;
      if (text[i] === '.' && identStart.test(text[i + 1] ?? ''))
        throw new TemplateError(
          `unexpected . after term "${text.slice(0, i)}"`,
          line,
        );
      continue;
    }
    throw new TemplateError(`unexpected "${c}" in command`, line);
  }
  return out;
}

/** Reads `.a.b.c` starting at `start`; returns the parts and the index after them. */
function readFieldPath(
  text: string,
  start: number,
): { parts: string[]; end: number } {
  const parts: string[] = [];
  let i = start;
  while (text[i] === '.' && identStart.test(text[i + 1] ?? '')) {
    i++;
    let j = i;
    while (j < text.length && identChar.test(text[j])) j++;
    parts.push(text.slice(i, j));
    i = j;
  }
  return { parts, end: i };
}
