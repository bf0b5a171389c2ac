/* strconv.Quote and QuoteRune: Go string and rune literals. */

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
export function goQuoteRune(v: bigint): string {
  const cp =
    v < 0n || v > 0x10ffffn || (v >= 0xd800n && v < 0xe000n)
      ? 0xfffd
      : Number(v);
  return `'${quoteRune(String.fromCodePoint(cp), "'")}'`;
}
