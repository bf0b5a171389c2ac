/*
 * sprig's regex functions. Go's RE2 syntax is translated to JavaScript
 * regular expressions; RE2 never backtracks, JavaScript may, so the
 * translation refuses patterns with nested quantifiers (the shapes that
 * backtrack exponentially) and bounds the input size.
 */
import { TemplateError } from './parse/ast';
import { stringSlice } from './goValues';
import { S, type Spec } from './sprig/spec';

const MAX_PATTERN = 2_000;
const MAX_INPUT = 200_000;

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

class RegexSyntaxError extends Error {}

/** True when a quantified group itself contains a quantifier: `(a+)+`, `(a|a*)*`. */
function hasNestedQuantifier(src: string): boolean {
  const stack: boolean[] = [];
  let quantified = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      for (i++; i < src.length && src[i] !== ']'; i++) if (src[i] === '\\') i++;
      continue;
    }
    if (c === '(') {
      stack.push(quantified);
      quantified = false;
      continue;
    }
    if (c === ')') {
      const inner: boolean = quantified;
      quantified = stack.pop() ?? false;
      const next = src[i + 1];
      if (next === '*' || next === '+' || next === '{') {
        if (inner) return true;
      }
      quantified = quantified || inner;
      continue;
    }
    if (c === '*' || c === '+' || c === '{' || c === '?')
      quantified = quantified || c !== '?';
  }
  return false;
}

const cache = new Map<string, RegExp>();

/** Compiles a Go regular expression; throws RegexSyntaxError or an unsupported TemplateError. */
function compile(pattern: string, line: number): RegExp {
  const hit = cache.get(pattern);
  if (hit) return new RegExp(hit.source, hit.flags);
  if (pattern.length > MAX_PATTERN)
    throw new TemplateError(
      'regular expression longer than the engine evaluates',
      line,
      'unsupported',
    );
  let src = pattern;
  let flags = 'g';
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    if (lead[1].includes('U'))
      throw new TemplateError(
        'regular expression flag U is not supported by the engine',
        line,
        'unsupported',
      );
    for (const f of lead[1]) if (!flags.includes(f)) flags += f;
    src = src.slice(lead[0].length);
  }
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const n = src[i + 1];
      if (n === undefined)
        throw new RegexSyntaxError('trailing backslash at end of expression');
      if (n === 'A') out += '^';
      else if (n === 'z') out += '$(?![\\s\\S])';
      else if (n === 'Q') {
        const end = src.indexOf('\\E', i + 2);
        const lit = src.slice(i + 2, end < 0 ? undefined : end);
        out += lit.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
        i = end < 0 ? src.length : end + 1;
        continue;
      } else if (/[1-9]/.test(n))
        throw new RegexSyntaxError(`invalid escape sequence: \`\\${n}\``);
      else if (n === 'p' || n === 'P')
        throw new TemplateError(
          'unicode classes in regular expressions are not supported by the engine',
          line,
          'unsupported',
        );
      else out += c + n;
      i++;
      continue;
    }
    if (c === '(' && src.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
      continue;
    }
    if (c === '(' && src[i + 1] === '?' && /[imsU-]/.test(src[i + 2] ?? '')) {
      throw new TemplateError(
        'inline regular expression flags are not supported by the engine',
        line,
        'unsupported',
      );
    }
    if (c === '[') {
      // character class, with POSIX names
      let j = i + 1;
      let cls = '[';
      if (src[j] === '^') {
        cls += '^';
        j++;
      }
      if (src[j] === ']') {
        cls += '\\]';
        j++;
      }
      for (; j < src.length && src[j] !== ']'; j++) {
        if (src[j] === '\\') {
          cls += src[j] + (src[j + 1] ?? '');
          j++;
        } else if (src.startsWith('[:', j)) {
          const end = src.indexOf(':]', j);
          const name = end > 0 ? src.slice(j + 2, end) : '';
          if (!POSIX[name])
            throw new RegexSyntaxError('invalid character class range');
          cls += POSIX[name];
          j = end + 1;
        } else if (src[j] === '[') cls += '\\[';
        else cls += src[j];
      }
      if (j >= src.length) throw new RegexSyntaxError('missing closing ]');
      out += `${cls}]`;
      i = j;
      continue;
    }
    out += c;
  }
  if (hasNestedQuantifier(out))
    throw new TemplateError(
      'regular expression with nested quantifiers is not evaluated by the engine (possible catastrophic backtracking)',
      line,
      'unsupported',
    );
  let re: RegExp;
  try {
    re = new RegExp(out, flags);
  } catch (e) {
    throw new RegexSyntaxError((e as Error).message);
  }
  cache.set(pattern, re);
  if (cache.size > 500) cache.clear();
  return new RegExp(re.source, re.flags);
}

function guardInput(s: string, line: number) {
  if (s.length > MAX_INPUT)
    throw new TemplateError(
      'input to a regular expression is larger than the engine evaluates',
      line,
      'unsupported',
    );
}

/** Go's Regexp.Expand of `$1`, `${1}`, `$name`, `${name}`, `$$`. */
function expand(template: string, m: RegExpExecArray): string {
  return template.replace(
    /\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g,
    (_all, d, braced, bare) => {
      if (d === '$') return '$';
      const name = braced ?? bare;
      if (/^[0-9]+$/.test(name)) return m[Number(name)] ?? '';
      return m.groups?.[name] ?? '';
    },
  );
}

function matches(re: RegExp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  let prevEnd = -1;
  while (n < 0 || out.length < n) {
    const m = re.exec(s);
    if (!m) break;
    if (m[0] === '') {
      if (m.index === prevEnd) {
        re.lastIndex++;
        if (re.lastIndex > s.length) break;
        continue;
      }
      re.lastIndex++;
    }
    prevEnd = m.index + m[0].length;
    out.push(m);
    if (re.lastIndex > s.length) break;
  }
  return out;
}

function replaceAll(
  re: RegExp,
  s: string,
  repl: (m: RegExpExecArray) => string,
): string {
  let out = '';
  let last = 0;
  for (const m of matches(re, s, -1)) {
    out += s.slice(last, m.index) + repl(m);
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}

/** The sprig regex functions, `must` variants returning errors instead of panicking. */
export function regexFunctions(): Record<string, Spec> {
  const line = 0;
  const c = (p: string, must: boolean) => {
    try {
      return compile(p, line);
    } catch (e) {
      if (e instanceof RegexSyntaxError) {
        throw new Error(
          `${must ? '' : 'regexp: Compile'}(${JSON.stringify(
            p,
          )}): error parsing regexp: ${e.message}`,
        );
      }
      throw e;
    }
  };
  const match = (must: boolean) => (p: string, s: string) => {
    guardInput(s, line);
    try {
      return c(p, must).test(s);
    } catch (e) {
      if (!must && !(e instanceof TemplateError)) return false;
      throw e;
    }
  };
  const findAll = (must: boolean) => (p: string, s: string, n: bigint) => {
    guardInput(s, line);
    return stringSlice(matches(c(p, must), s, Number(n)).map(m => m[0]));
  };
  const find = (must: boolean) => (p: string, s: string) => {
    guardInput(s, line);
    const m = matches(c(p, must), s, 1)[0];
    return m ? m[0] : '';
  };
  const repAll = (must: boolean) => (p: string, s: string, r: string) => {
    guardInput(s, line);
    return replaceAll(c(p, must), s, m => expand(r, m));
  };
  const repLit = (must: boolean) => (p: string, s: string, r: string) => {
    guardInput(s, line);
    return replaceAll(c(p, must), s, () => r);
  };
  // regexp.Split
  const split = (must: boolean) => (p: string, s: string, n: bigint) => {
    guardInput(s, line);
    const count = Number(n);
    if (count === 0) return [];
    const re = c(p, must);
    if (p.length > 0 && s.length === 0) return [''];
    const out: string[] = [];
    let beg = 0;
    let end = 0;
    for (const m of matches(re, s, count)) {
      if (count > 0 && out.length === count - 1) break;
      end = m.index;
      if (m.index + m[0].length !== 0) out.push(s.slice(beg, end));
      beg = m.index + m[0].length;
    }
    if (end !== s.length) out.push(s.slice(beg));
    return out;
  };
  return {
    regexMatch: S('ss', match(false)),
    mustRegexMatch: S('ss', match(true)),
    regexFindAll: S('ssi', findAll(false)),
    mustRegexFindAll: S('ssi', findAll(true)),
    regexFind: S('ss', find(false)),
    mustRegexFind: S('ss', find(true)),
    regexReplaceAll: S('sss', repAll(false)),
    mustRegexReplaceAll: S('sss', repAll(true)),
    regexReplaceAllLiteral: S('sss', repLit(false)),
    mustRegexReplaceAllLiteral: S('sss', repLit(true)),
    regexSplit: S('ssi', (p: string, s: string, n: bigint) =>
      stringSlice(split(false)(p, s, n)),
    ),
    mustRegexSplit: S('ssi', (p: string, s: string, n: bigint) =>
      stringSlice(split(true)(p, s, n)),
    ),
    regexQuoteMeta: S('s', (s: string) =>
      s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&'),
    ),
  };
}
