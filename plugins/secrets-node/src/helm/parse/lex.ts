/* Splits template text into text and actions, with trim markers and comments. */

import { TemplateError } from './ast';

interface Action {
  text: string;
  line: number;
}

type Token = { t: 'text'; text: string } | { t: 'action'; action: Action };

export const isSpace = (c: string | undefined) =>
  c === ' ' || c === '\t' || c === '\r' || c === '\n';

function countLines(s: string, from = 0, to = s.length): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/** Splits template text into text and `{{ }}` actions, honouring trim markers and comments. */
export function lex(src: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let line = 1;
  while (pos < src.length) {
    const open = src.indexOf('{{', pos);
    if (open < 0) {
      tokens.push({ t: 'text', text: src.slice(pos) });
      break;
    }
    let text = src.slice(pos, open);
    line += countLines(src, pos, open);
    let start = open + 2;
    if (src[start] === '-' && isSpace(src[start + 1])) {
      text = text.replace(/[ \t\r\n]+$/, '');
      start += 2;
    }
    if (text) tokens.push({ t: 'text', text });
    const actionLine = line;
    // comments: {{/* ... */}} with optional trim markers
    // Go recognises a comment only right after the delimiter (and its trim marker)
    const k = start;
    let close = -1;
    let body: string;
    let comment = false;
    if (src.startsWith('/*', k)) {
      const end = src.indexOf('*/', k + 2);
      if (end < 0) throw new TemplateError('unclosed comment', actionLine);
      const after = end + 2;
      if (
        (isSpace(src[after]) && src.startsWith('-}}', after + 1)) ||
        src.startsWith('}}', after)
      ) {
        close = src.startsWith('}}', after) ? after : after + 2;
      } else {
        throw new TemplateError('comment ends before closing delimiter', line);
      }
      body = close > after ? ' -' : '';
      comment = true;
    } else {
      let i = start;
      while (i < src.length) {
        const c = src[i];
        if (c === '"' || c === '`' || c === "'") {
          const q = c;
          i++;
          while (i < src.length && src[i] !== q) {
            if (src[i] === '\\' && q !== '`') i++;
            else if (src[i] === '\n' && q !== '`') break;
            i++;
          }
          if (i >= src.length || src[i] !== q) {
            throw new TemplateError(
              q === '`'
                ? 'unterminated raw quoted string'
                : 'unterminated quoted string',
              line + countLines(src, start, i),
            );
          }
          i++;
          continue;
        }
        if (c === '}' && src[i + 1] === '}') {
          close = i;
          break;
        }
        i++;
      }
      if (close < 0) throw new TemplateError('unclosed action "{{"', line);
      body = src.slice(start, close);
    }
    let next = close + 2;
    if (/[ \t\r\n]-$/.test(body)) {
      body = body.slice(0, -1);
      let j = next;
      while (isSpace(src[j])) j++;
      line += countLines(src, next, j);
      next = j;
    }
    line += countLines(src, open, close + 2);
    if (!comment)
      tokens.push({ t: 'action', action: { text: body, line: actionLine } });
    pos = next;
  }
  return tokens;
}
