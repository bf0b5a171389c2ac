/* eslint-disable @typescript-eslint/no-use-before-define, no-nested-ternary -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/*
 * Parser for Go's text/template language as Helm uses it: actions, trim
 * markers, comments, pipelines, variables, parenthesised pipelines with
 * field chains, if/else if/with/else with/range/break/continue, define,
 * block and template. Produces a small AST; evaluation lives in render.ts.
 */

/** A template problem with a 1-based line. */
export class TemplateError extends Error {
  /**
   * `unsupported`: the chart uses something the engine does not evaluate
   * (the chart itself may be fine); otherwise a real error in the template.
   */
  readonly code?: 'unsupported';
  constructor(message: string, readonly line: number, code?: 'unsupported') {
    super(message);
    this.name = 'TemplateError';
    if (code) this.code = code;
  }
}

/** An operand or command word. */
export type Expr =
  /** `.a.b`; an empty path is the dot itself. */
  | { type: 'field'; path: string[] }
  /** `$x.a.b`; `$` is the root. */
  | { type: 'variable'; name: string; path: string[] }
  /** A function name. */
  | { type: 'identifier'; name: string }
  | { type: 'string'; value: string }
  /** Integer constants are bigints (Go `int`), others numbers (Go `float64`). */
  | { type: 'number'; value: number | bigint }
  | { type: 'bool'; value: boolean }
  | { type: 'nil' }
  | { type: 'pipeline'; pipeline: Pipeline }
  /** `(pipeline).a.b` */
  | { type: 'chain'; expr: Expr; path: string[] };

export interface Command {
  args: Expr[];
}

export interface Pipeline {
  /** Declared or assigned variables (`$x :=`, `$k, $v :=`, `$x =`). */
  decl: string[];
  assign: boolean;
  commands: Command[];
  /** Source text of the action, kept for verbatim output. */
  source: string;
}

export type Node =
  | { type: 'text'; text: string }
  | { type: 'output'; pipeline: Pipeline; line: number }
  | {
      type: 'if' | 'with' | 'range';
      pipeline: Pipeline;
      body: Node[];
      otherwise?: Node[];
      line: number;
    }
  | { type: 'template'; name: string; arg?: Pipeline; line: number }
  | { type: 'break' | 'continue'; line: number };

export interface ParsedTemplate {
  nodes: Node[];
  defines: Map<string, Node[]>;
}

interface Action {
  text: string;
  line: number;
}

type Token = { t: 'text'; text: string } | { t: 'action'; action: Action };

const isSpace = (c: string | undefined) =>
  c === ' ' || c === '\t' || c === '\r' || c === '\n';

function countLines(s: string, from = 0, to = s.length): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/** Splits template text into text and `{{ }}` actions, honouring trim markers and comments. */
function lex(src: string): Token[] {
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

/* ---------- expression parsing ---------- */

type Tok =
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
function unquoteGo(body: string, line: number): string {
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

function tokenize(text: string, line: number): Tok[] {
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

class ExprParser {
  private pos = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly line: number,
    private readonly vars: string[],
  ) {}

  parsePipeline(source: string, context: string, allowDecl = 2): Pipeline {
    const decl: string[] = [];
    let assign = false;
    // variable declaration: $x := ..., $k, $v := ..., $x = ...
    let p = 0;
    const names: string[] = [];
    while (
      this.toks[p]?.k === 'var' &&
      (this.toks[p] as { path: string[] }).path.length === 0
    ) {
      names.push((this.toks[p] as { v: string }).v);
      p++;
      const t = this.toks[p];
      if (t?.k === 'punct' && t.v === ',' && names.length < allowDecl) {
        p++;
        continue;
      }
      break;
    }
    const op = this.toks[p];
    if (names.length && op?.k === 'punct' && (op.v === ':=' || op.v === '=')) {
      if (names.length > 1 && context !== 'range')
        throw new TemplateError('too many declarations in command', this.line);
      assign = op.v === '=';
      decl.push(...names);
      this.pos = p + 1;
      // as in Go, the names are in scope for the rest of the pipeline already, and an
      // assignment to an undeclared variable fails when it runs, not here
      for (const n of names) if (!this.vars.includes(n)) this.vars.push(n);
    }
    if (this.pos >= this.toks.length)
      throw new TemplateError(`missing value for ${context}`, this.line);
    const commands = this.parseCommands();
    if (this.pos < this.toks.length) {
      const t = this.toks[this.pos];
      throw new TemplateError(
        `unexpected ${t.k === 'punct' ? `"${t.v}"` : 'token'} in ${context}`,
        this.line,
      );
    }
    return { decl, assign, commands, source };
  }

  private parseCommands(): Command[] {
    const commands: Command[] = [this.parseCommand()];
    while (this.peekPunct('|')) {
      this.pos++;
      commands.push(this.parseCommand());
    }
    // a pipeline may not start with a constant piped into something else
    for (let i = 1; i < commands.length; i++) {
      const first = commands[i].args[0];
      if (
        ['string', 'number', 'bool', 'nil'].includes(first.type) &&
        commands[i].args.length === 1
      ) {
        throw new TemplateError(
          `non executable command in pipeline stage ${i + 1}`,
          this.line,
        );
      }
    }
    return commands;
  }

  private peekPunct(v: string) {
    const t = this.toks[this.pos];
    return t?.k === 'punct' && t.v === v;
  }

  private parseCommand(): Command {
    const args: Expr[] = [];
    while (
      this.pos < this.toks.length &&
      !this.peekPunct('|') &&
      !this.peekPunct(')')
    ) {
      if (this.peekPunct(',') || this.peekPunct(':=') || this.peekPunct('='))
        throw new TemplateError(
          `unexpected "${(this.toks[this.pos] as { v: string }).v}" in operand`,
          this.line,
        );
      args.push(this.parseOperand());
    }
    if (!args.length)
      throw new TemplateError('missing value for command', this.line);
    return { args };
  }

  private parseOperand(): Expr {
    const t = this.toks[this.pos++];
    switch (t.k) {
      case 'str':
        return { type: 'string', value: t.v };
      case 'num':
        return { type: 'number', value: t.v };
      case 'field':
        return { type: 'field', path: t.v };
      case 'var':
        if (!this.vars.includes(t.v))
          throw new TemplateError(`undefined variable "${t.v}"`, this.line);
        return { type: 'variable', name: t.v, path: t.path };
      case 'ident':
        if (t.v === 'true' || t.v === 'false')
          return { type: 'bool', value: t.v === 'true' };
        if (t.v === 'nil') return { type: 'nil' };
        return { type: 'identifier', name: t.v };
      case 'punct':
        if (t.v === '(') {
          if (this.peekPunct(')'))
            throw new TemplateError(
              'missing value for parenthesized pipeline',
              this.line,
            );
          const commands = this.parseCommands();
          if (!this.peekPunct(')'))
            throw new TemplateError('unclosed left paren', this.line);
          this.pos++;
          const inner: Expr = {
            type: 'pipeline',
            pipeline: { decl: [], assign: false, commands, source: '' },
          };
          const next = this.toks[this.pos];
          if (next?.k === 'chain') {
            this.pos++;
            return { type: 'chain', expr: inner, path: next.v };
          }
          return inner;
        }
        throw new TemplateError(`unexpected "${t.v}" in operand`, this.line);
      default:
        throw new TemplateError('unexpected token in operand', this.line);
    }
  }
}

/** Parses the text of one action as a pipeline. */
export function parsePipelineText(
  text: string,
  line: number,
  vars: string[] = ['$'],
  context = 'command',
): Pipeline {
  return new ExprParser(tokenize(text, line), line, vars).parsePipeline(
    text.trim(),
    context,
    context === 'range' ? 2 : 1,
  );
}

/* ---------- structure ---------- */

const KEYWORD =
  /^(if|else|end|range|with|define|template|block|break|continue)(?![A-Za-z0-9_])/;

function quotedName(rest: string, kw: string, line: number) {
  const m = /^\s*("(?:[^"\\]|\\.)*"|`[^`]*`)\s*([\s\S]*)$/.exec(rest);
  if (!m) throw new TemplateError(`unexpected token in ${kw} clause`, line);
  const name =
    m[1][0] === '`' ? m[1].slice(1, -1) : unquoteGo(m[1].slice(1, -1), line);
  return { name, rest: m[2].trim() };
}

/** Parses template source into nodes and `define` blocks. */
export function parseTemplate(src: string): ParsedTemplate {
  const tokens = lex(src);
  const defines = new Map<string, Node[]>();
  let i = 0;
  let rangeDepth = 0;

  type Stop = { keyword: 'end' | 'else'; rest: string; line: number };

  const parseList = (vars: string[]): { nodes: Node[]; stop?: Stop } => {
    const nodes: Node[] = [];
    while (i < tokens.length) {
      const tok = tokens[i++];
      if (tok.t === 'text') {
        nodes.push({ type: 'text', text: tok.text });
        continue;
      }
      const { line } = tok.action;
      const text = tok.action.text.trim();
      if (!text) throw new TemplateError('missing value for command', line);
      const kw = KEYWORD.exec(text)?.[1];
      const rest = kw ? text.slice(kw.length).trim() : text;
      switch (kw) {
        case 'end':
          if (rest) throw new TemplateError('unexpected token in end', line);
          return { nodes, stop: { keyword: 'end', rest, line } };
        case 'else':
          return { nodes, stop: { keyword: 'else', rest, line } };
        case 'if':
        case 'with':
        case 'range':
          nodes.push(parseControl(kw, rest, line, vars));
          break;
        case 'define':
        case 'block': {
          const q = quotedName(rest, kw, line);
          if (kw === 'define' && q.rest)
            throw new TemplateError('unexpected token in define clause', line);
          const saved = rangeDepth;
          rangeDepth = 0;
          const { nodes: body, stop } = parseList(['$']);
          rangeDepth = saved;
          if (stop?.keyword !== 'end')
            throw new TemplateError(
              stop ? `unexpected {{else}}` : `unexpected EOF`,
              stop?.line ?? line,
            );
          // Go's treeSet: an empty definition gives way; two non-empty ones in a file fail
          const existing = defines.get(q.name);
          if (!existing || !existing.some(isNonEmpty))
            defines.set(q.name, body);
          else if (body.some(isNonEmpty))
            throw new TemplateError(
              `template: multiple definition of template "${q.name}"`,
              line,
            );
          if (kw === 'block') {
            nodes.push({
              type: 'template',
              name: q.name,
              arg: q.rest
                ? parsePipelineText(q.rest, line, [...vars], 'block clause')
                : undefined,
              line,
            });
          }
          break;
        }
        case 'template': {
          const q = quotedName(rest, kw, line);
          nodes.push({
            type: 'template',
            name: q.name,
            arg: q.rest
              ? parsePipelineText(q.rest, line, [...vars], 'template clause')
              : undefined,
            line,
          });
          break;
        }
        case 'break':
        case 'continue':
          if (rest)
            throw new TemplateError(`unexpected token in {{${kw}}}`, line);
          if (rangeDepth === 0)
            throw new TemplateError(`{{ ${kw} }} outside {{ range }}`, line);
          nodes.push({ type: kw, line });
          break;
        default:
          nodes.push({
            type: 'output',
            pipeline: parsePipelineText(text, line, vars),
            line,
          });
      }
    }
    return { nodes };
  };

  const parseControl = (
    kw: 'if' | 'with' | 'range',
    rest: string,
    line: number,
    outer: string[],
  ): Node => {
    const vars = [...outer];
    const pipeline = parsePipelineText(rest, line, vars, kw);
    if (kw === 'range') rangeDepth++;
    const { nodes: body, stop } = parseList([...vars]);
    if (kw === 'range') rangeDepth--;
    if (!stop)
      throw new TemplateError(`missing {{ end }} for {{ ${kw} }}`, line);
    let otherwise: Node[] | undefined;
    if (stop.keyword === 'else') {
      const chained = /^(if|with)(?![A-Za-z0-9_])/.exec(stop.rest)?.[1] as
        | 'if'
        | 'with'
        | undefined;
      if (chained && kw !== 'range') {
        // {{ else if x }} / {{ else with x }}: a nested control that shares our end
        otherwise = [
          parseControl(
            chained,
            stop.rest.slice(chained.length).trim(),
            stop.line,
            vars,
          ),
        ];
      } else {
        if (stop.rest)
          throw new TemplateError('unexpected token in else', stop.line);
        const tail = parseList([...vars]);
        if (tail.stop?.keyword !== 'end')
          throw new TemplateError(
            tail.stop
              ? 'expected {{ end }}; found {{ else }}'
              : 'missing {{ end }} after {{ else }}',
            tail.stop?.line ?? stop.line,
          );
        otherwise = tail.nodes;
      }
    }
    return { type: kw, pipeline, body, otherwise, line };
  };

  const { nodes, stop } = parseList(['$']);
  if (stop)
    throw new TemplateError(`unexpected {{ ${stop.keyword} }}`, stop.line);
  return { nodes, defines };
}

function isNonEmpty(n: Node): boolean {
  return n.type !== 'text' || n.text.trim() !== '';
}
