/* eslint-disable @typescript-eslint/no-use-before-define -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/*
 * Parser for Go's text/template language as Helm uses it: actions, trim
 * markers, comments, pipelines, variables, parenthesised pipelines with
 * field chains, if/else if/with/else with/range/break/continue, define,
 * block and template. Produces a small AST; evaluation lives in render.ts.
 */

import { Node, ParsedTemplate, TemplateError } from './parse/ast';
import { lex } from './parse/lex';
import { parsePipelineText } from './parse/pipeline';
import { unquoteGo } from './parse/tokens';

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

/** The call of a named template (`template`, `block`), the pipeline after the name its argument. */
function templateCall(
  q: { name: string; rest: string },
  kw: string,
  line: number,
  vars: string[],
): Node {
  return {
    type: 'template',
    name: q.name,
    arg: q.rest
      ? parsePipelineText(q.rest, line, [...vars], `${kw} clause`)
      : undefined,
    line,
  };
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
          if (kw === 'block') nodes.push(templateCall(q, kw, line, vars));
          break;
        }
        case 'template': {
          nodes.push(templateCall(quotedName(rest, kw, line), kw, line, vars));
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
