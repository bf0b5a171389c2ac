/*
 * Argo CD's Go template mode (`goTemplate: true`): each string is a Go
 * text/template evaluated against the parameter set, with the engine's own
 * template implementation. What that implementation does not model of Go's
 * behaviour on missing keys is handled here, conservatively, for the
 * actions evaluated at the top of a template (outside `if`/`range`/`with`
 * bodies): `missingkey=error` fails on a missing key, a missing key in the
 * middle of a field chain fails in every mode, and a missing key printed
 * directly renders `<no value>` as Go prints it. Argo CD's own functions
 * are evaluated by functions.ts.
 */
import {
  parseTemplate,
  type ParsedTemplate,
  renderTemplate,
  TemplateError,
  UNKNOWN_MARKER,
} from '../../../helm';
import { ArgoTemplateError } from './fasttemplate';
import { evaluateArgoFunctions } from './functions';
import { isMap, type Params, type TemplateMode } from './types';

/** Name under which the template body is invoked with the parameters as `.` and `$`. */
const BODY = '__argocd_applicationset_template__';
let invoker: ParsedTemplate | undefined;

const parsedCache = new Map<string, ParsedTemplate | TemplateError>();
const MAX_CACHED = 2000;

function parsed(text: string): ParsedTemplate {
  let hit = parsedCache.get(text);
  if (!hit) {
    try {
      hit = parseTemplate(text);
    } catch (e) {
      hit = e instanceof TemplateError ? e : new TemplateError(String(e), 0);
    }
    if (parsedCache.size >= MAX_CACHED) parsedCache.clear();
    parsedCache.set(text, hit);
  }
  if (hit instanceof TemplateError) throw new ArgoTemplateError(hit.message);
  return hit;
}

interface Action {
  start: number;
  end: number;
  /** Trim markers kept when an action is rewritten. */
  lead: string;
  trail: string;
  body: string;
}

/** The `{{ }}` actions of a template, string literals and comments honoured. */
function actionsOf(text: string): Action[] {
  const out: Action[] = [];
  let pos = 0;
  for (;;) {
    const start = text.indexOf('{{', pos);
    if (start < 0) return out;
    let i = start + 2;
    const lead = /^-\s/.test(text.slice(i, i + 2)) ? '-' : '';
    if (lead) i++;
    let quote = '';
    let end = -1;
    for (; i < text.length; i++) {
      const c = text[i];
      if (quote) {
        if (c === '\\' && quote !== '`') i++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === '`' || c === "'") quote = c;
      else if (c === '/' && text[i + 1] === '*') {
        const close = text.indexOf('*/', i + 2);
        if (close < 0) return out;
        i = close + 1;
      } else if (c === '}' && text[i + 1] === '}') {
        end = i;
        break;
      }
    }
    if (end < 0) return out;
    const trail = /\s-$/.test(text.slice(start + 2, end)) ? '-' : '';
    const body = text.slice(start + 2 + lead.length, end - trail.length).trim();
    out.push({ start, end: end + 2, lead, trail, body });
    pos = end + 2;
  }
}

const BLOCK = new Set(['if', 'range', 'with', 'define', 'block']);

/** Field chains of the root (`.a.b`, `$.a.b`) in an action body, literals removed. */
function rootFields(body: string): string[][] {
  const code = body.replace(
    /"(?:[^"\\]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)*'/g,
    '""',
  );
  const out: string[][] = [];
  const re = /(^|[\s(|,])\$?\.([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)/g;
  for (let m = re.exec(code); m; m = re.exec(code)) out.push(m[2].split('.'));
  return out;
}

type Lookup = 'ok' | 'missing-last' | 'missing-inner';

function lookup(params: Params, path: string[]): Lookup {
  let cur: unknown = params;
  for (let i = 0; i < path.length; i++) {
    if (!isMap(cur) || !Object.prototype.hasOwnProperty.call(cur, path[i]))
      return i === path.length - 1 && isMap(cur)
        ? 'missing-last'
        : 'missing-inner';
    cur = cur[path[i]];
  }
  return 'ok';
}

/**
 * Prepares a template for rendering: Go's behaviour on missing keys for the
 * actions at the top of the template (throws where Go fails, rewrites a
 * directly printed missing field to `<no value>`), and the Argo CD
 * functions evaluated where their argument is known (functions.ts).
 */
function prepare(text: string, params: Params, mode: TemplateMode) {
  const strict = mode.options.includes('missingkey=error');
  let depth = 0;
  let rewritten = '';
  let pos = 0;
  const replace = (a: Action, body: string) => {
    rewritten += `${text.slice(pos, a.start)}{{${a.lead} ${body} ${a.trail}}}`;
    pos = a.end;
  };
  for (const a of actionsOf(text)) {
    const word = /^[A-Za-z]+/.exec(a.body)?.[0] ?? '';
    if (word === 'end') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (word === 'else' || a.body.startsWith('/*')) continue;
    const top = depth === 0;
    if (BLOCK.has(word)) depth++;
    const body = evaluateArgoFunctions(a.body, params, top);
    // `and`/`or` stop at the first decisive argument: their fields may never be evaluated
    if (top && word !== 'define' && !/(^|[\s(])(and|or)\s/.test(a.body)) {
      for (const path of rootFields(a.body)) {
        const found = lookup(params, path);
        if (found === 'ok') continue;
        if (strict || found === 'missing-inner') {
          throw new ArgoTemplateError(
            `map has no entry for key "${path.join('.')}"`,
          );
        }
      }
      const single = /^\$?\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)$/.exec(a.body);
      if (single && lookup(params, single[1].split('.')) === 'missing-last') {
        replace(a, '"<no value>"');
        continue;
      }
    }
    if (body !== a.body) replace(a, body);
  }
  return pos ? rewritten + text.slice(pos) : text;
}

/** Renders one string of an ApplicationSet in Go template mode. Throws ArgoTemplateError. */
export function goReplace(
  text: string,
  params: Params,
  mode: TemplateMode,
): string {
  if (!text.includes('{{')) return text;
  const source = prepare(text, params, mode);
  const body = parsed(source);
  invoker ??= parseTemplate(`{{ template "${BODY}" .Values }}`);
  const defines = new Map(body.defines);
  defines.set(BODY, body.nodes);
  let output: string;
  try {
    // plain text/template: a printed missing value stays `<no value>`
    output = renderTemplate(
      invoker,
      defines,
      { Values: params, Release: {}, Chart: {} },
      { keepNoValue: true },
    ).output;
  } catch (e) {
    throw new ArgoTemplateError(e instanceof Error ? e.message : String(e));
  }
  if (output.includes(UNKNOWN_MARKER)) {
    throw new ArgoTemplateError(
      'the template uses a value the engine cannot know offline',
    );
  }
  return output;
}
