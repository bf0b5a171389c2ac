/* yaml.v2's analysis of a scalar: which styles (plain, quoted, literal) can write it. */
/* ---------- the emitter's scalar analysis ---------- */
/** yaml.v2's is_printable (four-byte characters are not). */
export function printable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

export const isBreak = (ch: string | undefined) =>
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

export function analyze(chars: string[]): Analysis {
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
