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
  const first = chars[0];
  const last = chars[chars.length - 1];
  const isSpace = (ch: string | undefined) => ch === ' ';
  /** Whether a character `before` comes right before one `after`. */
  const adjacent = (
    before: (ch: string | undefined) => boolean,
    after: (ch: string | undefined) => boolean,
  ) => chars.some((ch, i) => i > 0 && before(chars[i - 1]) && after(ch));
  const lineBreaks = chars.some(isBreak);
  const special = chars.some(ch => !printable(ch.codePointAt(0)!));
  const breakSpace = adjacent(isBreak, isSpace);
  const spaceBreak = adjacent(isSpace, isBreak);
  const leadingSpace = isSpace(first);
  const trailingSpace = isSpace(last);
  const leadingOrTrailing =
    leadingSpace || trailingSpace || isBreak(first) || isBreak(last);
  const head = chars.slice(0, 3).join('');
  let blockIndicators = head === '---' || head === '...';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const followedByWhitespace =
      i + 1 >= chars.length || isBlank(chars[i + 1]) || isBreak(chars[i + 1]);
    const precededByWhitespace =
      i === 0 ||
      isBlank(chars[i - 1]) ||
      isBreak(chars[i - 1]) ||
      chars[i - 1] === '\0';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      else if ((ch === '?' || ch === ':' || ch === '-') && followedByWhitespace)
        blockIndicators = true;
    } else if (ch === ':' && followedByWhitespace) blockIndicators = true;
    else if (ch === '#' && precededByWhitespace) blockIndicators = true;
  }
  const a: Analysis = {
    multiline: lineBreaks,
    plainAllowed: true,
    singleAllowed: true,
    blockAllowed: true,
  };
  if (leadingOrTrailing) a.plainAllowed = false;
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
