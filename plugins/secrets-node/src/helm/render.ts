/*
 * Evaluates the Helm template subset parsed by parse.ts against a context of
 * `.Values`, `.Release`, `.Chart` and `.Capabilities`. What cannot be known
 * at render time (`lookup`, random generators) renders as an unknown marker
 * and is reported, never silently skipped.
 */
import { stringify } from 'yaml';
import {
  type Command,
  type Expr,
  type Node,
  type ParsedTemplate,
  parseTemplate,
  type Pipeline,
  TemplateError,
} from './parse';

/** Text that stands for a value only known in the cluster. */
export const UNKNOWN_MARKER = '__helm_unknown__';

/** Something the renderer noticed but could not evaluate exactly. */
export interface RenderNote {
  line: number;
  message: string;
  /** `unknown`: value only known at install time; `generated`: Helm generates a value (cluster-managed). */
  kind: 'unknown' | 'generated';
}

export interface RenderContext {
  Values: unknown;
  Release: Record<string, unknown>;
  Chart: Record<string, unknown>;
  Capabilities?: Record<string, unknown>;
  Template?: Record<string, unknown>;
}

export interface RenderResult {
  output: string;
  notes: RenderNote[];
}

const ROOT_KEYS = new Set([
  'Values',
  'Release',
  'Chart',
  'Capabilities',
  'Template',
  'Files',
]);

class Unknown {
  constructor(readonly why: string) {}
  toString() {
    return UNKNOWN_MARKER;
  }
}

type Scope = Map<string, unknown>;

interface State {
  defines: Map<string, Node[]>;
  root: RenderContext;
  notes: RenderNote[];
  budget: { steps: number };
  depth: number;
}

/** String and number transforms whose result is unknown when an input is. */
const PROPAGATES_UNKNOWN = new Set([
  'b64enc',
  'b64dec',
  'lower',
  'upper',
  'title',
  'trim',
  'trunc',
  'trimSuffix',
  'trimPrefix',
  'replace',
  'sha256sum',
  'sha1sum',
  'toString',
  'int',
  'int64',
  'float64',
  'add',
  'sub',
  'mul',
  'split',
  'splitList',
  'join',
  'print',
  'cat',
  'printf',
  'nospace',
  'trimAll',
  'repeat',
  'substr',
  'atoi',
]);

const MAX_STEPS = 200_000;
const MAX_DEPTH = 64;
const MAX_OUTPUT = 2_000_000;

function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false) return false;
  if (v instanceof Unknown) return true;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

function toText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Unknown) return UNKNOWN_MARKER;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(toText).join(' ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, x]) => `${k}:${toText(x)}`);
    return `map[${entries.join(' ')}]`;
  }
  return String(v);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Unknown)
  );
}

function getPath(v: unknown, path: string[]): unknown {
  let cur = v;
  for (const p of path) {
    if (cur instanceof Unknown) return cur;
    if (!isMap(cur)) return undefined;
    cur = Object.prototype.hasOwnProperty.call(cur, p) ? cur[p] : undefined;
  }
  return cur;
}

function indentText(n: number, s: string): string {
  const pad = ' '.repeat(Math.max(0, Math.min(n, 200)));
  return s
    .split('\n')
    .map(l => pad + l)
    .join('\n');
}

function toYaml(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  const clean = JSON.parse(
    JSON.stringify(v, (_k, x) => (x instanceof Unknown ? UNKNOWN_MARKER : x)),
  );
  return stringify(clean, { lineWidth: 0 }).replace(/\n$/, '');
}

function num(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(toText(v));
  return Number.isFinite(n) ? n : 0;
}

function sprintf(format: string, args: unknown[]): string {
  let i = 0;
  return format.replace(
    /%([-+# 0]*)(\d+)?(?:\.(\d+))?([vsdqtfxX%])/g,
    (_m, _f, _w, prec, verb) => {
      if (verb === '%') return '%';
      const a = args[i++];
      switch (verb) {
        case 'q':
          return JSON.stringify(toText(a));
        case 'd':
          return String(Math.trunc(num(a)));
        case 'f':
          return num(a).toFixed(prec ? Number(prec) : 6);
        case 'x':
          return Math.trunc(num(a)).toString(16);
        case 'X':
          return Math.trunc(num(a)).toString(16).toUpperCase();
        default:
          return toText(a);
      }
    },
  );
}

function b64(s: string) {
  return Buffer.from(s, 'utf8').toString('base64');
}

class Renderer {
  constructor(private readonly state: State) {}

  private step() {
    if (++this.state.budget.steps > MAX_STEPS) {
      throw new TemplateError(
        'evaluation budget exceeded (template too complex or looping)',
        0,
      );
    }
  }

  renderNodes(nodes: Node[], dot: unknown, scope: Scope, out: string[]): void {
    for (const node of nodes) {
      this.step();
      switch (node.type) {
        case 'text':
          out.push(node.text);
          break;
        case 'output': {
          const verbatim = this.esoVerbatim(node.pipeline, dot);
          if (verbatim !== undefined) {
            out.push(verbatim);
            break;
          }
          const v = this.evalPipeline(node.pipeline, dot, scope, node.line);
          if (!node.pipeline.decl) out.push(toText(v));
          break;
        }
        case 'if': {
          let done = false;
          const inner = new Map(scope);
          for (const b of node.branches) {
            if (truthy(this.evalPipeline(b.cond, dot, inner, node.line))) {
              this.renderNodes(b.body, dot, inner, out);
              done = true;
              break;
            }
          }
          if (!done && node.otherwise)
            this.renderNodes(node.otherwise, dot, inner, out);
          break;
        }
        case 'with': {
          const inner = new Map(scope);
          const v = this.evalPipeline(node.pipeline, dot, inner, node.line);
          if (truthy(v)) this.renderNodes(node.body, v, inner, out);
          else if (node.otherwise)
            this.renderNodes(node.otherwise, dot, inner, out);
          break;
        }
        case 'range': {
          const inner = new Map(scope);
          const names = node.pipeline.decl?.names ?? [];
          const v = this.evalPipeline(
            { ...node.pipeline, decl: undefined },
            dot,
            inner,
            node.line,
          );
          const items = rangeItems(v);
          if (v instanceof Unknown) {
            this.note(
              node.line,
              'range over a value only known at install time',
              'unknown',
            );
          }
          if (!items.length) {
            if (node.otherwise)
              this.renderNodes(node.otherwise, dot, inner, out);
            break;
          }
          for (const [k, x] of items) {
            const s = new Map(inner);
            if (names.length === 1) s.set(names[0], x);
            if (names.length === 2) {
              s.set(names[0], k);
              s.set(names[1], x);
            }
            this.renderNodes(node.body, x, s, out);
          }
          break;
        }
        case 'template': {
          const name = toText(this.evalExpr(node.name, dot, scope, node.line));
          const arg = node.arg
            ? this.evalPipeline(node.arg, dot, scope, node.line)
            : undefined;
          out.push(this.include(name, arg, node.line));
          break;
        }
        default:
          break;
      }
    }
  }

  /**
   * ESO's own templating (`{{ .password }}` inside `spec.target.template`)
   * is data for ESO: a field of the top context that Helm does not define is
   * kept verbatim instead of rendering empty.
   */
  private esoVerbatim(p: Pipeline, dot: unknown): string | undefined {
    if (p.decl || p.commands.length < 1 || dot !== this.state.root)
      return undefined;
    const first = p.commands[0];
    if (first.fn || first.args[0]?.type !== 'field') return undefined;
    const f = first.args[0];
    if (f.base !== 'dot' || !f.path.length || ROOT_KEYS.has(f.path[0]))
      return undefined;
    return `{{ ${p.source} }}`;
  }

  include(name: string, arg: unknown, line: number): string {
    const body = this.state.defines.get(name);
    if (!body)
      throw new TemplateError(`template "${name}" is not defined`, line);
    if (this.state.depth >= MAX_DEPTH) {
      throw new TemplateError(
        `include depth exceeded at "${name}" (recursive template?)`,
        line,
      );
    }
    this.state.depth++;
    try {
      const out: string[] = [];
      this.renderNodes(body, arg, new Map([['$', arg]]), out);
      return out.join('');
    } finally {
      this.state.depth--;
    }
  }

  private note(line: number, message: string, kind: RenderNote['kind']) {
    if (!this.state.notes.some(n => n.line === line && n.message === message)) {
      this.state.notes.push({ line, message, kind });
    }
  }

  evalPipeline(p: Pipeline, dot: unknown, scope: Scope, line: number): unknown {
    let value: unknown = undefined;
    let first = true;
    for (const cmd of p.commands) {
      value = this.evalCommand(
        cmd,
        dot,
        scope,
        line,
        first ? undefined : { value },
      );
      first = false;
    }
    if (p.decl) {
      for (const n of p.decl.names) scope.set(n, value);
    }
    return value;
  }

  private evalExpr(e: Expr, dot: unknown, scope: Scope, line: number): unknown {
    this.step();
    switch (e.type) {
      case 'string':
        return e.value;
      case 'number':
        return e.value;
      case 'bool':
        return e.value;
      case 'nil':
        return null;
      case 'field': {
        let base: unknown;
        if (e.base === 'dot') base = dot;
        else if (e.base === 'root') base = scope.get('$') ?? this.state.root;
        else {
          if (!scope.has(e.base.variable)) {
            throw new TemplateError(
              `undefined variable "${e.base.variable}"`,
              line,
            );
          }
          base = scope.get(e.base.variable);
        }
        return getPath(base, e.path);
      }
      case 'pipeline':
        return this.evalPipeline(
          { commands: e.commands, source: '' },
          dot,
          scope,
          line,
        );
      case 'chain':
        return getPath(this.evalExpr(e.expr, dot, scope, line), e.path);
      default:
        return undefined;
    }
  }

  private evalCommand(
    cmd: Command,
    dot: unknown,
    scope: Scope,
    line: number,
    piped?: { value: unknown },
  ): unknown {
    if (!cmd.fn) {
      if (piped) throw new TemplateError('cannot pipe into a value', line);
      return this.evalExpr(cmd.args[0], dot, scope, line);
    }
    const fn = cmd.fn;
    // lazy boolean functions
    if (fn === 'and' || fn === 'or') {
      const args = piped
        ? [
            ...cmd.args.map(a => () => this.evalExpr(a, dot, scope, line)),
            () => piped.value,
          ]
        : cmd.args.map(a => () => this.evalExpr(a, dot, scope, line));
      let last: unknown = undefined;
      for (const a of args) {
        last = a();
        if (fn === 'and' && !truthy(last)) return last;
        if (fn === 'or' && truthy(last)) return last;
      }
      return last;
    }
    const args = cmd.args.map(a => this.evalExpr(a, dot, scope, line));
    if (piped) args.push(piped.value);
    if (
      (fn === 'required' || fn === 'fail') &&
      cmd.args[0]?.type !== 'string'
    ) {
      // a computed message may quote values: keep only messages written in the template
      args[0] = '(computed message not shown)';
    }
    return this.call(fn, args, line);
  }

  private call(fn: string, a: unknown[], line: number): unknown {
    const s = (i: number) => toText(a[i]);
    if (PROPAGATES_UNKNOWN.has(fn)) {
      // a transform of a value only known in the cluster stays unknown
      // (`randAlphaNum 24 | b64enc` must not look like a literal)
      const unknown = a.find(x => x instanceof Unknown);
      if (unknown) return unknown;
    }
    switch (fn) {
      case 'default':
        return truthy(a[1]) ? a[1] : a[0];
      case 'required':
        if (a[1] === undefined || a[1] === null || a[1] === '') {
          throw new TemplateError(`required value missing: ${s(0)}`, line);
        }
        return a[1];
      case 'fail':
        throw new TemplateError(`template called fail: ${s(0)}`, line);
      case 'quote':
        return a.map(x => JSON.stringify(toText(x))).join(' ');
      case 'squote':
        return a.map(x => `'${toText(x)}'`).join(' ');
      case 'printf':
        return sprintf(s(0), a.slice(1));
      case 'print':
        return a.map(toText).join('');
      case 'println':
        return `${a.map(toText).join(' ')}\n`;
      case 'cat':
        return a
          .filter(x => x !== undefined && x !== null)
          .map(toText)
          .join(' ');
      case 'toYaml':
        return toYaml(a[0]);
      case 'toJson':
      case 'toRawJson':
        return JSON.stringify(a[0] ?? null);
      case 'fromYaml':
      case 'fromJson':
        return new Unknown(`${fn} is not evaluated`);
      case 'indent':
        return indentText(num(a[0]), s(1));
      case 'nindent':
        return `\n${indentText(num(a[0]), s(1))}`;
      case 'tpl': {
        const parsed = parseTemplate(s(0));
        for (const [k, v] of parsed.defines) this.state.defines.set(k, v);
        const out: string[] = [];
        this.renderNodes(parsed.nodes, a[1], new Map([['$', a[1]]]), out);
        return out.join('');
      }
      case 'include':
        return this.include(s(0), a[1], line);
      case 'b64enc':
        return b64(s(0));
      case 'b64dec':
        return Buffer.from(s(0), 'base64').toString('utf8');
      case 'lower':
        return s(0).toLowerCase();
      case 'upper':
        return s(0).toUpperCase();
      case 'title':
        return s(0).replace(/\b\w/g, c => c.toUpperCase());
      case 'trim':
        return s(0).trim();
      case 'trunc': {
        const n = num(a[0]);
        const str = s(1);
        return n >= 0 ? str.slice(0, n) : str.slice(n);
      }
      case 'trimSuffix':
        return s(1).endsWith(s(0))
          ? s(1).slice(0, s(1).length - s(0).length)
          : s(1);
      case 'trimPrefix':
        return s(1).startsWith(s(0)) ? s(1).slice(s(0).length) : s(1);
      case 'replace':
        return s(2).split(s(0)).join(s(1));
      case 'contains':
        return s(1).includes(s(0));
      case 'hasPrefix':
        return s(1).startsWith(s(0));
      case 'hasSuffix':
        return s(1).endsWith(s(0));
      case 'split': {
        const parts = s(1).split(s(0));
        return Object.fromEntries(parts.map((p, i) => [`_${i}`, p]));
      }
      case 'splitList':
        return s(1).split(s(0));
      case 'join':
        return Array.isArray(a[1]) ? a[1].map(toText).join(s(0)) : s(1);
      case 'toString':
        return s(0);
      case 'int':
      case 'int64':
        return Math.trunc(num(a[0]));
      case 'float64':
        return num(a[0]);
      case 'add':
        return a.reduce<number>((acc, x) => acc + num(x), 0);
      case 'sub':
        return num(a[0]) - num(a[1]);
      case 'mul':
        return a.reduce<number>((acc, x) => acc * num(x), 1);
      case 'eq':
        return a
          .slice(1)
          .some(x => toText(x) === s(0) && typeof x === typeof a[0]);
      case 'ne':
        return !(toText(a[1]) === s(0) && typeof a[1] === typeof a[0]);
      case 'lt':
        return num(a[0]) < num(a[1]);
      case 'le':
        return num(a[0]) <= num(a[1]);
      case 'gt':
        return num(a[0]) > num(a[1]);
      case 'ge':
        return num(a[0]) >= num(a[1]);
      case 'not':
        return !truthy(a[0]);
      case 'empty':
        return !truthy(a[0]);
      case 'ternary':
        return truthy(a[2]) ? a[0] : a[1];
      case 'coalesce':
        return a.find(truthy);
      case 'len':
        if (typeof a[0] === 'string' || Array.isArray(a[0])) return a[0].length;
        return isMap(a[0]) ? Object.keys(a[0]).length : 0;
      case 'list':
        return [...a];
      case 'dict': {
        const d: Record<string, unknown> = {};
        for (let i = 0; i + 1 < a.length; i += 2) d[toText(a[i])] = a[i + 1];
        return d;
      }
      case 'get':
        return isMap(a[0]) ? a[0][s(1)] ?? '' : '';
      case 'set':
        if (isMap(a[0])) a[0][s(1)] = a[2];
        return a[0];
      case 'hasKey':
        return isMap(a[0]) && Object.prototype.hasOwnProperty.call(a[0], s(1));
      case 'keys':
        return a.flatMap(x => (isMap(x) ? Object.keys(x) : []));
      case 'values':
        return isMap(a[0]) ? Object.values(a[0]) : [];
      case 'sortAlpha':
        return Array.isArray(a[0]) ? [...a[0]].map(toText).sort() : [];
      case 'first':
        return Array.isArray(a[0]) ? a[0][0] : undefined;
      case 'last':
        return Array.isArray(a[0]) ? a[0][a[0].length - 1] : undefined;
      case 'append':
        return Array.isArray(a[0]) ? [...a[0], a[1]] : [a[1]];
      case 'has':
        return Array.isArray(a[1]) && a[1].some(x => toText(x) === s(0));
      case 'index': {
        let cur = a[0];
        for (const k of a.slice(1)) {
          if (Array.isArray(cur)) cur = cur[num(k)];
          else if (isMap(cur)) cur = cur[toText(k)];
          else return undefined;
        }
        return cur;
      }
      case 'dig': {
        const keys = a.slice(0, -2).map(toText);
        const fallback = a[a.length - 2];
        const v = getPath(a[a.length - 1], keys);
        return v === undefined ? fallback : v;
      }
      case 'merge':
      case 'mustMerge': {
        const [dst, ...srcs] = a;
        if (!isMap(dst)) return dst;
        for (const src of srcs) {
          if (!isMap(src)) continue;
          for (const [k, v] of Object.entries(src)) if (!(k in dst)) dst[k] = v;
        }
        return dst;
      }
      case 'tuple':
        return [...a];
      case 'until':
        return Array.from(
          { length: Math.max(0, Math.min(num(a[0]), 10_000)) },
          (_x, i) => i,
        );
      case 'concat':
        return a.flatMap(x => (Array.isArray(x) ? x : []));
      case 'uniq':
        return Array.isArray(a[0])
          ? a[0].filter(
              (x, i, l) => l.findIndex(y => toText(y) === toText(x)) === i,
            )
          : [];
      case 'compact':
        return Array.isArray(a[0]) ? a[0].filter(truthy) : [];
      case 'without':
        return Array.isArray(a[0])
          ? a[0].filter(x => !a.slice(1).some(y => toText(y) === toText(x)))
          : [];
      case 'unset':
        if (isMap(a[0])) delete a[0][s(1)];
        return a[0];
      case 'mergeOverwrite':
      case 'mustMergeOverwrite': {
        const [dst, ...srcs] = a;
        if (!isMap(dst)) return dst;
        for (const src of srcs) if (isMap(src)) Object.assign(dst, src);
        return dst;
      }
      case 'toPrettyJson':
        return JSON.stringify(a[0] ?? null, null, 2);
      case 'nospace':
        return s(0).replace(/\s+/g, '');
      case 'trimAll': {
        const cut = new Set(s(0));
        let str = s(1);
        while (str && cut.has(str[0])) str = str.slice(1);
        while (str && cut.has(str[str.length - 1])) str = str.slice(0, -1);
        return str;
      }
      case 'repeat':
        return s(1).repeat(Math.max(0, Math.min(num(a[0]), 10_000)));
      case 'substr':
        return s(2).slice(num(a[0]), num(a[1]));
      case 'atoi':
        return Math.trunc(num(a[0]));
      case 'kindOf':
        return goKind(a[0]);
      case 'toStrings':
        return Array.isArray(a[0]) ? a[0].map(toText) : [];
      case 'deepCopy':
        return a[0] === undefined
          ? undefined
          : JSON.parse(JSON.stringify(a[0]));
      case 'kindIs': {
        const v = a[1];
        return goKind(v) === s(0);
      }
      case 'typeOf':
        return goType(a[0]);
      case 'semverCompare':
        return true;
      case 'lookup':
        this.note(
          line,
          '`lookup` reads the live cluster and is unknown at render time',
          'unknown',
        );
        return new Unknown('lookup');
      case 'randAlphaNum':
      case 'randAlpha':
      case 'randNumeric':
      case 'randAscii':
      case 'uuidv4':
      case 'genPrivateKey':
      case 'derivePassword':
        this.note(
          line,
          `\`${fn}\` generates a value in the cluster (Helm-generated, cluster-managed)`,
          'generated',
        );
        return new Unknown(fn);
      case 'sha256sum':
      case 'sha1sum':
        return new Unknown(fn);
      case 'now':
      case 'date':
        return new Unknown(fn);
      default:
        throw new TemplateError(`function "${fn}" is not supported`, line);
    }
  }
}

/** Renders one template with the chart's defines. Throws TemplateError. */
export function renderTemplate(
  template: ParsedTemplate,
  defines: Map<string, Node[]>,
  context: RenderContext,
): RenderResult {
  const state: State = {
    defines: new Map(defines),
    root: context,
    notes: [],
    budget: { steps: 0 },
    depth: 0,
  };
  const out: string[] = [];
  new Renderer(state).renderNodes(
    template.nodes,
    context,
    new Map([['$', context]]),
    out,
  );
  const output = out.join('');
  if (output.length > MAX_OUTPUT) {
    throw new TemplateError('rendered output exceeds the size limit', 0);
  }
  return { output, notes: state.notes };
}

/** Go's `kindIs` names for a value. */
function goKind(v: unknown): string {
  if (Array.isArray(v)) return 'slice';
  if (isMap(v)) return 'map';
  if (v === null || v === undefined) return 'invalid';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  return 'string';
}

/** Go's `typeOf` names for a value. */
function goType(v: unknown): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (isMap(v)) return 'map[string]interface {}';
  return typeof v;
}

/** What `range` iterates: list items, sorted map entries, or `0..n-1` for a number (bounded). */
function rangeItems(v: unknown): Array<[unknown, unknown]> {
  if (Array.isArray(v)) return v.map((x, idx) => [idx, x]);
  if (isMap(v)) {
    return Object.keys(v)
      .sort()
      .map(k => [k, v[k]]);
  }
  if (typeof v === 'number') {
    return Array.from(
      { length: Math.max(0, Math.min(v, 10_000)) },
      (_x, idx) => [idx, idx],
    );
  }
  return [];
}
