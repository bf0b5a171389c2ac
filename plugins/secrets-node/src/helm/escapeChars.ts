/* Escaping a string character by character, as Go's encoders do. */

/**
 * `s` with each character of `named` replaced by its escape, and each
 * other character `asCode` picks written `\uXXXX` (hex digits in upper
 * case with `upper`); every other character stays.
 */
export function escapeChars(
  s: string,
  named: ReadonlyMap<string, string>,
  asCode: (cp: number, ch: string) => boolean,
  upper = false,
): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const escape = named.get(ch);
    if (escape !== undefined) out += escape;
    else if (asCode(cp, ch)) {
      const hex = cp.toString(16);
      out += `\\u${(upper ? hex.toUpperCase() : hex).padStart(4, '0')}`;
    } else out += ch;
  }
  return out;
}
