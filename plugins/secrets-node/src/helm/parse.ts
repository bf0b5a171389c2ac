/*
 * Parser for the subset of Go templates that Helm charts use around
 * ExternalSecrets. Produces a small AST; evaluation lives in render.ts.
 */

/** A template problem with a 1-based line. */
export class TemplateError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
    this.name = 'TemplateError';
  }
}

export type Expr =
  | {
      type: 'field';
      base: 'dot' | 'root' | { variable: string };
      path: string[];
    }
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'nil' }
  | { type: 'pipeline'; commands: Command[] }
  | { type: 'chain'; expr: Expr; path: string[] };

export interface Command {
  /** Function name, or undefined when the command is a plain operand. */
  fn?: string;
  args: Expr[];
}

export interface Pipeline {
  decl?: { names: string[]; assign: boolean };
  commands: Command[];
  /** Source text of the action, kept for verbatim output. */
  source: string;
}

export type Node =
  | { type: 'text'; text: string }
  | { type: 'output'; pipeline: Pipeline; line: number }
  | {
      type: 'if';
      branches: Array<{ cond: Pipeline; body: Node[] }>;
      otherwise?: Node[];
      line: number;
    }
  | {
      type: 'with';
      pipeline: Pipeline;
      body: Node[];
      otherwise?: Node[];
      line: number;
    }
  | {
      type: 'range';
      pipeline: Pipeline;
      body: Node[];
      otherwise?: Node[];
      line: number;
    }
  | { type: 'template'; name: Expr; arg?: Pipeline; line: number };

export interface ParsedTemplate {
  nodes: Node[];
  defines: Map<string, Node[]>;
}

interface Action {
  text: string;
  line: number;
}

type Token = { t: 'text'; text: string } | { t: 'action'; action: Action };

/** Splits template text into text and `{{ }}` actions, honouring trim markers. */
function lex(src: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let line = 1;
  const countLines = (s: string) => {
    let n = 0;
    for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
    return n;
  };
  while (pos < src.length) {
    const open = src.indexOf('{{', pos);
    if (open < 0) {
      tokens.push({ t: 'text', text: src.slice(pos) });
      break;
    }
    let text = src.slice(pos, open);
    let start = open + 2;
    if (src[start] === '-' && /\s/.test(src[start + 1] ?? '')) {
      text = text.replace(/\s+$/, '');
      start += 1;
    }
    tokens.push({ t: 'text', text });
    line += countLines(src.slice(pos, open));
    // find the closing braces outside of string literals and comments
    let i = start;
    let close = -1;
    if (src.startsWith('/*', src.slice(start).search(/\S/) + start)) {
      const end = src.indexOf('*/', start);
      close = end < 0 ? -1 : src.indexOf('}}', end);
    } else {
      while (i < src.length) {
        const c = src[i];
        if (c === '"' || c === '`' || c === "'") {
          const q = c;
          i++;
          while (i < src.length && src[i] !== q) {
            if (src[i] === '\\' && q !== '`') i++;
            i++;
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
    }
    if (close < 0) throw new TemplateError('unclosed action "{{"', line);
    let body = src.slice(start, close);
    let next = close + 2;
    if (/\s-$/.test(body)) {
      body = body.slice(0, -1);
      const m = /^\s*/.exec(src.slice(next));
      const skipped = m ? m[0] : '';
      line += countLines(skipped);
      next += skipped.length;
    }
    tokens.push({ t: 'action', action: { text: body.trim(), line } });
    line += countLines(src.slice(open, close + 2));
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
  | { k: 'num'; v: number }
  | { k: 'punct'; v: '(' | ')' | '|' | ',' | ':=' | '=' }
  | { k: 'dotpath'; v: string[] };

function unquote(raw: string, line: number): string {
  if (raw.startsWith('`')) return raw.slice(1, -1);
  if (raw.startsWith("'")) return raw.slice(1, -1);
  try {
    return JSON.parse(raw.replace(/\\'/g, "'"));
  } catch {
    throw new TemplateError('invalid string literal', line);
  }
}

const identChar = /[A-Za-z0-9_]/;

function tokenize(text: string, line: number): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === '|' || c === ',') {
      out.push({ k: 'punct', v: c });
      i++;
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
    if (c === '"' || c === '`' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && c === '"') j++;
        j++;
      }
      if (j >= text.length)
        throw new TemplateError('unterminated string', line);
      out.push({ k: 'str', v: unquote(text.slice(i, j + 1), line) });
      i = j + 1;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(text.slice(i));
      if (m) {
        out.push({ k: 'num', v: Number(m[0]) });
        i += m[0].length;
        continue;
      }
    }
    if (c === '.') {
      if (!identChar.test(text[i + 1] ?? '')) {
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
    if (identChar.test(c)) {
      let j = i;
      while (j < text.length && identChar.test(text[j])) j++;
      out.push({ k: 'ident', v: text.slice(i, j) });
      i = j;
      continue;
    }
    throw new TemplateError(`unexpected character "${c}" in action`, line);
  }
  // a ")" directly followed by a field path, e.g. (index .x 0).name
  const merged: Tok[] = [];
  for (let k = 0; k < out.length; k++) merged.push(out[k]);
  return merged;
}

/** Reads `.a.b.c` starting at `start`; returns the parts and the index after them. */
function readFieldPath(
  text: string,
  start: number,
): { parts: string[]; end: number } {
  const parts: string[] = [];
  let i = start;
  while (text[i] === '.' && identChar.test(text[i + 1] ?? '')) {
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
  constructor(private readonly toks: Tok[], private readonly line: number) {}

  parsePipeline(source: string): Pipeline {
    let decl: Pipeline['decl'];
    // variable declaration: $x := ..., $k, $v := ...
    const names: string[] = [];
    let p = 0;
    while (
      this.toks[p]?.k === 'var' &&
      (this.toks[p] as any).path.length === 0
    ) {
      names.push((this.toks[p] as any).v);
      p++;
      if (this.toks[p]?.k === 'punct' && (this.toks[p] as any).v === ',') {
        p++;
        continue;
      }
      break;
    }
    const op = this.toks[p];
    if (names.length && op?.k === 'punct' && (op.v === ':=' || op.v === '=')) {
      decl = { names, assign: op.v === '=' };
      this.pos = p + 1;
    }
    const commands = this.parseCommands();
    if (this.pos < this.toks.length) {
      throw new TemplateError('unexpected token in action', this.line);
    }
    return { decl, commands, source };
  }

  private parseCommands(): Command[] {
    const commands: Command[] = [this.parseCommand()];
    while (this.peekPunct('|')) {
      this.pos++;
      commands.push(this.parseCommand());
    }
    return commands;
  }

  private peekPunct(v: string) {
    const t = this.toks[this.pos];
    return t?.k === 'punct' && t.v === v;
  }

  private parseCommand(): Command {
    const first = this.toks[this.pos];
    if (!first) throw new TemplateError('missing value in action', this.line);
    if (first.k === 'ident' && !['true', 'false', 'nil'].includes(first.v)) {
      this.pos++;
      const args: Expr[] = [];
      while (
        this.pos < this.toks.length &&
        !this.peekPunct('|') &&
        !this.peekPunct(')')
      ) {
        args.push(this.parseOperand());
      }
      return { fn: first.v, args };
    }
    const operand = this.parseOperand();
    if (
      this.pos < this.toks.length &&
      !this.peekPunct('|') &&
      !this.peekPunct(')')
    ) {
      throw new TemplateError(
        'cannot call a non-function with arguments',
        this.line,
      );
    }
    return { args: [operand] };
  }

  private parseOperand(): Expr {
    const t = this.toks[this.pos++];
    if (!t) throw new TemplateError('missing operand', this.line);
    switch (t.k) {
      case 'str':
        return { type: 'string', value: t.v };
      case 'num':
        return { type: 'number', value: t.v };
      case 'field':
        return { type: 'field', base: 'dot', path: t.v };
      case 'var':
        return t.v === '$'
          ? { type: 'field', base: 'root', path: t.path }
          : { type: 'field', base: { variable: t.v }, path: t.path };
      case 'ident':
        if (t.v === 'true' || t.v === 'false')
          return { type: 'bool', value: t.v === 'true' };
        if (t.v === 'nil') return { type: 'nil' };
        // a bare function name as an argument means "call it with no args"
        return { type: 'pipeline', commands: [{ fn: t.v, args: [] }] };
      case 'punct':
        if (t.v === '(') {
          const commands = this.parseCommands();
          if (!this.peekPunct(')'))
            throw new TemplateError('missing ")"', this.line);
          this.pos++;
          const inner: Expr = { type: 'pipeline', commands };
          const next = this.toks[this.pos];
          if (next?.k === 'field' && next.v.length) {
            this.pos++;
            return { type: 'chain', expr: inner, path: next.v };
          }
          return inner;
        }
        throw new TemplateError(`unexpected "${t.v}"`, this.line);
      default:
        throw new TemplateError('unexpected token', this.line);
    }
  }
}

export function parsePipelineText(text: string, line: number): Pipeline {
  return new ExprParser(tokenize(text, line), line).parsePipeline(text);
}

/* ---------- structure ---------- */

const KEYWORD =
  /^(if|else|end|range|with|define|template|block|break|continue)\b/;

/** Parses template source into nodes and `define` blocks. */
export function parseTemplate(src: string): ParsedTemplate {
  const tokens = lex(src);
  const defines = new Map<string, Node[]>();
  let i = 0;

  type Stop = { keyword: 'end' | 'else'; rest: string; line: number };

  const parseList = (): { nodes: Node[]; stop?: Stop } => {
    const nodes: Node[] = [];
    while (i < tokens.length) {
      const tok = tokens[i++];
      if (tok.t === 'text') {
        if (tok.text) nodes.push({ type: 'text', text: tok.text });
        continue;
      }
      const { text, line } = tok.action;
      if (text.startsWith('/*')) continue; // comment
      const kw = KEYWORD.exec(text)?.[1];
      const rest = kw ? text.slice(kw.length).trim() : text;
      switch (kw) {
        case 'end':
          return { nodes, stop: { keyword: 'end', rest, line } };
        case 'else':
          return { nodes, stop: { keyword: 'else', rest, line } };
        case 'if': {
          const branches: Array<{ cond: Pipeline; body: Node[] }> = [];
          let cond = parsePipelineText(rest, line);
          let otherwise: Node[] | undefined;
          for (;;) {
            const { nodes: body, stop } = parseList();
            branches.push({ cond, body });
            if (!stop)
              throw new TemplateError('missing {{ end }} for {{ if }}', line);
            if (stop.keyword === 'end') break;
            if (stop.rest.startsWith('if ')) {
              cond = parsePipelineText(stop.rest.slice(3), stop.line);
              continue;
            }
            const tail = parseList();
            if (tail.stop?.keyword !== 'end') {
              throw new TemplateError(
                'missing {{ end }} after {{ else }}',
                stop.line,
              );
            }
            otherwise = tail.nodes;
            break;
          }
          nodes.push({ type: 'if', branches, otherwise, line });
          break;
        }
        case 'with':
        case 'range': {
          const pipeline = parsePipelineText(rest, line);
          const { nodes: body, stop } = parseList();
          if (!stop)
            throw new TemplateError(`missing {{ end }} for {{ ${kw} }}`, line);
          let otherwise: Node[] | undefined;
          if (stop.keyword === 'else') {
            const tail = parseList();
            if (tail.stop?.keyword !== 'end') {
              throw new TemplateError(
                'missing {{ end }} after {{ else }}',
                stop.line,
              );
            }
            otherwise = tail.nodes;
          }
          nodes.push({ type: kw, pipeline, body, otherwise, line });
          break;
        }
        case 'define':
        case 'block': {
          const m = /^("(?:[^"\\]|\\.)*"|`[^`]*`)\s*(.*)$/.exec(rest);
          if (!m)
            throw new TemplateError(`{{ ${kw} }} needs a quoted name`, line);
          const name = unquote(m[1], line);
          const { nodes: body, stop } = parseList();
          if (stop?.keyword !== 'end')
            throw new TemplateError(`missing {{ end }} for {{ ${kw} }}`, line);
          defines.set(name, body);
          if (kw === 'block') {
            nodes.push({
              type: 'template',
              name: { type: 'string', value: name },
              arg: m[2] ? parsePipelineText(m[2], line) : undefined,
              line,
            });
          }
          break;
        }
        case 'template': {
          const m = /^("(?:[^"\\]|\\.)*"|`[^`]*`)\s*(.*)$/.exec(rest);
          if (!m)
            throw new TemplateError('{{ template }} needs a quoted name', line);
          nodes.push({
            type: 'template',
            name: { type: 'string', value: unquote(m[1], line) },
            arg: m[2] ? parsePipelineText(m[2], line) : undefined,
            line,
          });
          break;
        }
        case 'break':
        case 'continue':
          throw new TemplateError(`{{ ${kw} }} is not supported`, line);
        default:
          nodes.push({
            type: 'output',
            pipeline: parsePipelineText(text, line),
            line,
          });
      }
    }
    return { nodes };
  };

  const { nodes, stop } = parseList();
  if (stop)
    throw new TemplateError(`unexpected {{ ${stop.keyword} }}`, stop.line);
  return { nodes, defines };
}
