/* eslint-disable no-nested-ternary -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/* Go text/template's escapers (html, js, urlquery). */

import { escapeChars } from '../escapeChars';
import { sprint } from '../goFmt';
import { NO_VALUE } from './state';

export function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, c =>
    c === '\0'
      ? '\uFFFD'
      : c === '"'
      ? '&#34;'
      : c === "'"
      ? '&#39;'
      : c === '&'
      ? '&amp;'
      : c === '<'
      ? '&lt;'
      : '&gt;',
  );
}

/** unicode.IsPrint, which JSEscape keeps as is above ASCII. */
const JS_PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

const JS_NAMED = new Map([
  ['\\', '\\\\'],
  ["'", "\\'"],
  ['"', '\\"'],
  ['<', '\\u003C'],
  ['>', '\\u003E'],
  ['&', '\\u0026'],
  ['=', '\\u003D'],
]);

export const jsEscape = (s: string): string =>
  escapeChars(
    s,
    JS_NAMED,
    (cp, ch) => cp < 0x20 || (cp >= 0x80 && !JS_PRINTABLE.test(ch)),
    true,
  );

export function urlQueryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%7E/g, '~');
}

/** fmt.Sprint of escaper arguments, as text/template's evalArgs does. */
export function escaperArg(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  // text/template's printableValue: a missing value is "<no value>"
  return sprint(args.map(a => (a === undefined || a === null ? NO_VALUE : a)));
}

export function byteLength(s: string) {
  return Buffer.byteLength(s, 'utf8');
}
