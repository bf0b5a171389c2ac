/* eslint-disable no-nested-ternary -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/*
 * Evaluates templates parsed by parse.ts with the semantics of Go's
 * text/template as Helm configures it (missingkey=zero, "<no value>" prints
 * as nothing), against a context of `.Values`, `.Release`, `.Chart`,
 * `.Capabilities`, `.Template` and `.Files`. What cannot be known at render
 * time (`lookup`, random generators, the clock) renders as an unknown marker
 * and is reported, never silently skipped.
 */
import {
  type Expr,
  type Node,
  type ParsedTemplate,
  parseTemplate,
  type Pipeline,
  TemplateError,
} from './parse';
import {
  compareStrings,
  fmtValue,
  GoObject,
  goType,
  isMap,
  sortedKeys,
  truthy,
  Unknown,
  UNKNOWN_MARKER,
} from './goValues';
import { sprint, sprintf, sprintln } from './goFmt';
import {
  callSprig,
  GENERATED,
  KNOWN_FUNCTIONS,
  SPRIG,
  UNKNOWN_AT_RENDER,
} from './sprig';
import {
  fromYaml,
  fromYamlArray,
  fromJson,
  fromJsonArray,
  mustToYaml,
  toToml,
  toYaml,
} from './helmFuncs';

export { UNKNOWN_MARKER } from './goValues';

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
  Capabilities?: unknown;
  Template?: Record<string, unknown>;
  Files?: unknown;
  [key: string]: unknown;
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
  'Subcharts',
]);

interface State {
  defines: Map<string, Node[]>;
  root: RenderContext;
  notes: RenderNote[];
  budget: { steps: number; output: number };
  depth: number;
  /** Name of the template being executed (`.Template.Name` of tpl). */
  name?: string;
}

const MAX_STEPS = 1_000_000;
const MAX_DEPTH = 100;
const MAX_OUTPUT = 4_000_000;

class BreakSignal {}
class ContinueSignal {}
const BREAK = new BreakSignal();
const CONTINUE = new ContinueSignal();

/** What Go prints for a missing value; Helm removes it from the output of a template and of `tpl`. */
const NO_VALUE = '<no value>';
const stripNoValue = (s: string) => s.replace(/<no value>/g, '');

/** Functions of Go's text/template itself. */
export const BUILTINS = new Set([
  'and',
  'or',
  'not',
  'len',
  'index',
  'slice',
  'print',
  'printf',
  'println',
  'html',
  'js',
  'urlquery',
  'call',
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
]);

/** Helm's own functions (beside sprig's). */
export const HELM_FUNCS = new Set([
  'include',
  'tpl',
  'required',
  'toYaml',
  'mustToYaml',
  'fromYaml',
  'fromYamlArray',
  'toJson',
  'mustToJson',
  'fromJson',
  'fromJsonArray',
  'toToml',
  'lookup',
  'fail',
]);

type Scope = Array<{ name: string; value: unknown }>;

function lookupVar(scope: Scope, name: string): unknown {
  for (let i = scope.length - 1; i >= 0; i--)
    if (scope[i].name === name) return scope[i].value;
  throw new TemplateError(`undefined variable: ${name}`, 0);
}

function setVar(scope: Scope, name: string, value: unknown) {
  for (let i = scope.length - 1; i >= 0; i--)
    if (scope[i].name === name) {
      scope[i].value = value;
      return;
    }
  throw new TemplateError(`undefined variable: ${name}`, 0);
}

/** Go's basic kinds for comparisons. */
function basicKind(
  v: unknown,
): 'bool' | 'int' | 'float' | 'string' | 'invalid' | 'other' {
  if (v === undefined || v === null) return 'invalid';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'string') return 'string';
  return 'other';
}

/** reflect kinds, for text/template's canCompare. */
function reflectKind(v: unknown): string {
  if (v === undefined || v === null) return 'invalid';
  if (Array.isArray(v) || v instanceof Uint8Array) return 'slice';
  if (isMap(v)) return 'map';
  return typeof v;
}

/** text/template's eq: basic kinds compare by value, nil compares with anything of no basic kind. */
function eqValues(a: unknown, bs: unknown[], line: number): boolean {
  if (a instanceof Unknown || bs.some(b => b instanceof Unknown)) return false;
  if (!bs.length)
    throw new TemplateError(
      'error calling eq: missing argument for comparison',
      line,
    );
  const nil = (v: unknown) => v === undefined || v === null;
  const ka = basicKind(a);
  for (const b of bs) {
    const kb = basicKind(b);
    const k1 = ka === 'other' ? 'invalid' : ka;
    const k2 = kb === 'other' ? 'invalid' : kb;
    if (k1 !== k2) {
      if (!nil(a) && !nil(b))
        throw new TemplateError(
          'error calling eq: incompatible types for comparison',
          line,
        );
      continue;
    }
    if (k1 !== 'invalid') {
      if (a === b) return true;
      continue;
    }
    const ra = reflectKind(a);
    const rb = reflectKind(b);
    if (ra !== rb && ra !== 'invalid' && rb !== 'invalid')
      throw new TemplateError('error calling eq: non-comparable types', line);
    if (nil(a) || nil(b)) {
      if (nil(a) && nil(b)) return true;
      continue;
    }
    if (!isComparable(b))
      throw new TemplateError('error calling eq: non-comparable type', line);
    if (a === b) return true;
  }
  return false;
}

function isComparable(v: unknown) {
  return !(Array.isArray(v) || isMap(v));
}

function ltValues(a: unknown, b: unknown, line: number, name: string): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (
    ka === 'bool' ||
    ka === 'invalid' ||
    ka === 'other' ||
    kb === 'bool' ||
    kb === 'invalid' ||
    kb === 'other'
  )
    throw new TemplateError(
      `error calling ${name}: invalid type for comparison`,
      line,
    );
  if (ka !== kb)
    throw new TemplateError(
      `error calling ${name}: incompatible types for comparison`,
      line,
    );
  if (ka === 'string') return compareStrings(a as string, b as string) < 0;
  return (a as number) < (b as number);
}

/** What `range` iterates: [key, value] pairs. */
function rangeItems(v: unknown, line: number): Array<[unknown, unknown]> {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.map((x, idx) => [BigInt(idx), x]);
  if (isMap(v)) return sortedKeys(v).map(k => [k, v[k]]);
  if (v instanceof GoObject && v.entries) {
    const m = v.entries();
    return sortedKeys(m).map(k => [k, m[k]]);
  }
  if (typeof v === 'bigint') {
    const n = Number(v);
    if (n > 100_000)
      throw new TemplateError('range over too large a number', line);
    return Array.from({ length: Math.max(0, n) }, (_x, idx) => [
      BigInt(idx),
      BigInt(idx),
    ]);
  }
  throw new TemplateError(`range can't iterate over ${fmtValue(v)}`, line);
}

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, c =>
    c === '\0'
      ? '\uFFFD'
      : c === '"'
      ? '&#34;'
      : c === "'"
      ? '&#39;'
      : c === '&'
      ? '&amp;'
      : c === '<'
      ? '&lt;'
      : '&gt;',
  );
}

/** unicode.IsPrint, which JSEscape keeps as is above ASCII. */
const JS_PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '"') out += '\\"';
    else if (ch === '<') out += '\\u003C';
    else if (ch === '>') out += '\\u003E';
    else if (ch === '&') out += '\\u0026';
    else if (ch === '=') out += '\\u003D';
    else if (cp < 0x20 || (cp >= 0x80 && !JS_PRINTABLE.test(ch)))
      out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

function urlQueryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%7E/g, '~');
}

/** fmt.Sprint of escaper arguments, as text/template's evalArgs does. */
function escaperArg(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  // text/template's printableValue: a missing value is "<no value>"
  return sprint(args.map(a => (a === undefined || a === null ? NO_VALUE : a)));
}

function byteLength(s: string) {
  return Buffer.byteLength(s, 'utf8');
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

  private emit(out: string[], s: string) {
    this.state.budget.output += s.length;
    if (this.state.budget.output > MAX_OUTPUT)
      throw new TemplateError('rendered output exceeds the size limit', 0);
    out.push(s);
  }

  renderNodes(nodes: Node[], dot: unknown, scope: Scope, out: string[]): void {
    const mark = scope.length;
    try {
      for (const node of nodes) this.renderNode(node, dot, scope, out);
    } finally {
      scope.length = mark;
    }
  }

  private renderNode(
    node: Node,
    dot: unknown,
    scope: Scope,
    out: string[],
  ): void {
    this.step();
    switch (node.type) {
      case 'text':
        this.emit(out, node.text);
        return;
      case 'output': {
        const verbatim = this.esoVerbatim(node.pipeline, dot);
        if (verbatim !== undefined) {
          this.emit(out, verbatim);
          return;
        }
        const v = this.evalPipeline(node.pipeline, dot, scope, node.line);
        if (!node.pipeline.decl.length) this.emit(out, printValue(v));
        return;
      }
      case 'if':
      case 'with': {
        const mark = scope.length;
        try {
          const v = this.evalPipeline(node.pipeline, dot, scope, node.line);
          if (truthy(v))
            this.renderNodes(
              node.body,
              node.type === 'with' ? v : dot,
              scope,
              out,
            );
          else if (node.otherwise)
            this.renderNodes(node.otherwise, dot, scope, out);
        } finally {
          scope.length = mark;
        }
        return;
      }
      case 'range': {
        const mark = scope.length;
        try {
          const names = node.pipeline.decl;
          const v = this.evalPipeline(
            { ...node.pipeline, decl: [] },
            dot,
            scope,
            node.line,
          );
          if (v instanceof Unknown) {
            this.note(
              node.line,
              'range over a value only known at install time',
              'unknown',
            );
          }
          const items = v instanceof Unknown ? [] : rangeItems(v, node.line);
          this.state.budget.steps += items.length;
          if (!items.length) {
            if (node.otherwise)
              this.renderNodes(node.otherwise, dot, scope, out);
            return;
          }
          for (const [k, x] of items) {
            const inner = scope.length;
            if (names.length === 1) scope.push({ name: names[0], value: x });
            if (names.length === 2) {
              scope.push({ name: names[0], value: k });
              scope.push({ name: names[1], value: x });
            }
            try {
              this.renderNodes(node.body, x, scope, out);
            } catch (e) {
              if (e === BREAK) break;
              if (e !== CONTINUE) throw e;
            } finally {
              scope.length = inner;
            }
          }
        } finally {
          scope.length = mark;
        }
        return;
      }
      case 'template': {
        const arg = node.arg
          ? this.evalPipeline(node.arg, dot, scope, node.line)
          : undefined;
        this.emit(out, this.include(node.name, arg, node.line));
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      default:
        return;
    }
  }

  /**
   * ESO's own templating (`{{ .password }}` inside `spec.target.template`)
   * is data for ESO: a field of the top context that Helm does not define is
   * kept verbatim instead of rendering empty.
   */
  private esoVerbatim(p: Pipeline, dot: unknown): string | undefined {
    if (p.decl.length || p.commands.length < 1 || dot !== this.state.root)
      return undefined;
    const first = p.commands[0];
    const f = first.args[0];
    if (f?.type !== 'field' || !f.path.length || ROOT_KEYS.has(f.path[0]))
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
      this.renderNodes(body, arg, [{ name: '$', value: arg }], out);
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
        cmd.args,
        dot,
        scope,
        line,
        first ? undefined : { value },
      );
      // an interface holding nil is no value once a command is done
      if (value === null) value = undefined;
      first = false;
    }
    if (p.decl.length) {
      for (const n of p.decl) {
        if (p.assign) setVar(scope, n, value);
        else scope.push({ name: n, value });
      }
    }
    return value;
  }

  private evalCommand(
    args: Expr[],
    dot: unknown,
    scope: Scope,
    line: number,
    piped?: { value: unknown },
  ): unknown {
    const first = args[0];
    const rest = args.slice(1);
    switch (first.type) {
      case 'identifier':
        return this.evalFunction(first.name, rest, dot, scope, line, piped);
      case 'field':
        return this.evalFieldChain(
          dot,
          dot,
          first.path,
          rest,
          dot,
          scope,
          line,
          piped,
        );
      case 'variable': {
        const base = this.variable(scope, first.name, line);
        if (!first.path.length) {
          this.noArgs(rest, piped, first.name, line);
          return base;
        }
        return this.evalFieldChain(
          base,
          base,
          first.path,
          rest,
          dot,
          scope,
          line,
          piped,
        );
      }
      case 'chain': {
        const base = this.evalExpr(first.expr, dot, scope, line);
        return this.evalFieldChain(
          base,
          base,
          first.path,
          rest,
          dot,
          scope,
          line,
          piped,
        );
      }
      case 'pipeline':
        this.noArgs(rest, piped, 'parenthesized pipeline', line);
        return this.evalPipeline(first.pipeline, dot, scope, line);
      default:
        this.noArgs(rest, piped, 'constant', line);
        return this.evalExpr(first, dot, scope, line);
    }
  }

  private noArgs(
    rest: Expr[],
    piped: { value: unknown } | undefined,
    what: string,
    line: number,
  ) {
    if (rest.length || piped)
      throw new TemplateError(
        `can't give argument to non-function ${what}`,
        line,
      );
  }

  private variable(scope: Scope, name: string, line: number): unknown {
    try {
      return lookupVar(scope, name);
    } catch {
      throw new TemplateError(`undefined variable: ${name}`, line);
    }
  }

  /** Walks `.a.b.c` from `base`; the last name may be a method called with args. */
  private evalFieldChain(
    base: unknown,
    _receiver: unknown,
    path: string[],
    args: Expr[],
    dot: unknown,
    scope: Scope,
    line: number,
    piped?: { value: unknown },
  ): unknown {
    let cur = base;
    for (let i = 0; i < path.length; i++) {
      const last = i === path.length - 1;
      cur = this.evalField(
        cur,
        path[i],
        last ? args : [],
        dot,
        scope,
        line,
        last ? piped : undefined,
      );
    }
    return cur;
  }

  private evalField(
    receiver: unknown,
    name: string,
    args: Expr[],
    dot: unknown,
    scope: Scope,
    line: number,
    piped?: { value: unknown },
  ): unknown {
    const hasArgs = args.length > 0 || piped !== undefined;
    if (receiver === undefined) return undefined;
    if (receiver instanceof Unknown) return receiver;
    if (receiver instanceof GoObject) {
      const m = receiver.methods[name];
      if (m) {
        const argv = args.map(a => this.evalExpr(a, dot, scope, line));
        if (piped) argv.push(piped.value);
        try {
          return m(...argv);
        } catch (e) {
          if (e instanceof TemplateError)
            throw new TemplateError(e.message, e.line || line, e.code);
          throw new TemplateError(
            `error calling ${name}: ${
              e instanceof Error ? e.message : String(e)
            }`,
            line,
          );
        }
      }
      if (Object.prototype.hasOwnProperty.call(receiver.fields, name)) {
        if (hasArgs)
          throw new TemplateError(
            `${name} has arguments but cannot be invoked as function`,
            line,
          );
        return receiver.fields[name];
      }
      throw new TemplateError(
        `can't evaluate field ${name} in type ${receiver.typeName}`,
        line,
      );
    }
    if (isMap(receiver)) {
      if (hasArgs)
        throw new TemplateError(
          `${name} is not a method but has arguments`,
          line,
        );
      return Object.prototype.hasOwnProperty.call(receiver, name)
        ? receiver[name]
        : null;
    }
    if (receiver === null)
      throw new TemplateError(
        `nil pointer evaluating interface {}.${name}`,
        line,
      );
    throw new TemplateError(
      `can't evaluate field ${name} in type ${goType(receiver)}`,
      line,
    );
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
        throw new TemplateError('nil is not a command', line);
      case 'field':
        if (!e.path.length) return dot;
        return this.evalFieldChain(dot, dot, e.path, [], dot, scope, line);
      case 'variable': {
        const base = this.variable(scope, e.name, line);
        return e.path.length
          ? this.evalFieldChain(base, base, e.path, [], dot, scope, line)
          : base;
      }
      case 'pipeline':
        return this.evalPipeline(e.pipeline, dot, scope, line);
      case 'chain': {
        const base = this.evalExpr(e.expr, dot, scope, line);
        return this.evalFieldChain(base, base, e.path, [], dot, scope, line);
      }
      case 'identifier':
        return this.evalFunction(e.name, [], dot, scope, line);
      default:
        return undefined;
    }
  }

  /** Evaluates an argument; `nil` is allowed as an argument (not as a command). */
  private evalArg(e: Expr, dot: unknown, scope: Scope, line: number): unknown {
    if (e.type === 'nil') return null;
    return this.evalExpr(e, dot, scope, line);
  }

  private evalFunction(
    fn: string,
    argExprs: Expr[],
    dot: unknown,
    scope: Scope,
    line: number,
    piped?: { value: unknown },
  ): unknown {
    // short-circuit and/or
    if (fn === 'and' || fn === 'or') {
      if (!argExprs.length && !piped)
        throw new TemplateError(
          `wrong number of args for ${fn}: want at least 1 got 0`,
          line,
        );
      let v: unknown;
      for (const a of argExprs) {
        v = this.evalArg(a, dot, scope, line);
        if (truthy(v) === (fn === 'or')) return v;
      }
      return piped ? piped.value : v;
    }
    const args = argExprs.map(a => this.evalArg(a, dot, scope, line));
    if (piped) args.push(piped.value);
    if (
      (fn === 'required' || fn === 'fail') &&
      argExprs[0]?.type !== 'string' &&
      args.length
    ) {
      // a computed message may quote values: keep only messages written in the template
      args[0] = '(computed message not shown)';
    }
    try {
      return this.call(fn, args, argExprs, line);
    } catch (e) {
      if (e instanceof TemplateError) {
        if (!e.line) throw new TemplateError(e.message, line, e.code);
        throw e;
      }
      if (e === BREAK || e === CONTINUE) throw e;
      throw new TemplateError(
        `error calling ${fn}: ${e instanceof Error ? e.message : String(e)}`,
        line,
      );
    }
  }

  private call(
    fn: string,
    a: unknown[],
    argExprs: Expr[],
    line: number,
  ): unknown {
    switch (fn) {
      case 'not':
        arity(fn, a, 1, line);
        return !truthy(a[0]);
      case 'len': {
        arity(fn, a, 1, line);
        const v = a[0];
        if (v instanceof Unknown) return v;
        if (typeof v === 'string') return BigInt(byteLength(v));
        if (Array.isArray(v)) return BigInt(v.length);
        if (v instanceof Uint8Array) return BigInt(v.length);
        if (isMap(v)) return BigInt(Object.keys(v).length);
        if (v instanceof GoObject && v.entries)
          return BigInt(Object.keys(v.entries()).length);
        if (v === null || v === undefined)
          throw new TemplateError(
            'error calling len: len of nil pointer',
            line,
          );
        throw new TemplateError(
          `error calling len: len of type ${goType(v)}`,
          line,
        );
      }
      case 'index': {
        if (!a.length)
          throw new TemplateError(
            'wrong number of args for index: want at least 1 got 0',
            line,
          );
        let cur = a[0];
        if (cur instanceof Unknown) return cur;
        if ((cur === null || cur === undefined) && a.length > 1)
          throw new TemplateError(
            'error calling index: index of untyped nil',
            line,
          );
        for (const k of a.slice(1)) {
          if (cur instanceof Unknown) return cur;
          if (Array.isArray(cur) || typeof cur === 'string') {
            if (typeof k !== 'bigint')
              throw new TemplateError(
                `error calling index: cannot index slice/array with type ${goType(
                  k,
                )}`,
                line,
              );
            const n = Number(k);
            const len = typeof cur === 'string' ? byteLength(cur) : cur.length;
            if (n < 0 || n >= len)
              throw new TemplateError(
                `error calling index: index out of range: ${n}`,
                line,
              );
            cur =
              typeof cur === 'string'
                ? BigInt(Buffer.from(cur, 'utf8')[n])
                : cur[n];
          } else if (isMap(cur)) {
            if (typeof k !== 'string') {
              if (k === null || k === undefined) {
                cur = null;
                continue;
              }
              throw new TemplateError(
                `error calling index: value has type ${goType(
                  k,
                )}; should be string`,
                line,
              );
            }
            cur = Object.prototype.hasOwnProperty.call(cur, k) ? cur[k] : null;
          } else if (cur === null || cur === undefined) {
            throw new TemplateError(
              'error calling index: index of nil pointer',
              line,
            );
          } else {
            throw new TemplateError(
              `error calling index: can't index item of type ${goType(cur)}`,
              line,
            );
          }
        }
        return cur;
      }
      case 'print':
        return sprint(a.map(x => (x === undefined ? null : x)));
      case 'println':
        return sprintln(a.map(x => (x === undefined ? null : x)));
      case 'printf': {
        if (!a.length)
          throw new TemplateError(
            'wrong number of args for printf: want at least 1 got 0',
            line,
          );
        if (a.some(x => x instanceof Unknown)) return new Unknown('printf');
        if (typeof a[0] !== 'string')
          throw new TemplateError(
            `wrong type for value; expected string; got ${goType(a[0])}`,
            line,
          );
        return sprintf(
          a[0],
          a.slice(1).map(x => (x === undefined ? null : x)),
        );
      }
      case 'html':
        return htmlEscape(escaperArg(a));
      case 'js':
        return jsEscape(escaperArg(a));
      case 'urlquery':
        return urlQueryEscape(escaperArg(a));
      case 'call': {
        if (!a.length)
          throw new TemplateError(
            'wrong number of args for call: want at least 1 got 0',
            line,
          );
        const f = a[0];
        if (typeof f !== 'function') {
          if (f === null || f === undefined)
            throw new TemplateError('error calling call: call of nil', line);
          throw new TemplateError(
            `error calling call: non-function of type ${goType(f)}`,
            line,
          );
        }
        return (f as (...x: unknown[]) => unknown)(...a.slice(1));
      }
      case 'eq':
        if (a.length < 1)
          throw new TemplateError(
            'wrong number of args for eq: want at least 1 got 0',
            line,
          );
        return eqValues(a[0], a.slice(1), line);
      case 'ne':
        arity(fn, a, 2, line);
        if (a.some(x => x instanceof Unknown)) return true;
        return !eqValues(a[0], [a[1]], line);
      case 'lt':
      case 'le':
      case 'gt':
      case 'ge': {
        arity(fn, a, 2, line);
        if (a.some(x => x instanceof Unknown)) return false;
        if (fn === 'lt') return ltValues(a[0], a[1], line, fn);
        if (fn === 'ge') return !ltValues(a[0], a[1], line, fn);
        if (fn === 'gt')
          return (
            !ltValues(a[0], a[1], line, fn) && !eqValues(a[0], [a[1]], line)
          );
        return ltValues(a[0], a[1], line, fn) || eqValues(a[0], [a[1]], line);
      }
      /* ---- Helm ---- */
      case 'include':
        arity(fn, a, 2, line);
        if (typeof a[0] !== 'string')
          throw new TemplateError(
            `wrong type for value; expected string; got ${goType(a[0])}`,
            line,
          );
        return this.include(a[0], a[1], line);
      case 'tpl': {
        arity(fn, a, 2, line);
        if (a[0] instanceof Unknown) return a[0];
        if (typeof a[0] !== 'string')
          throw new TemplateError(
            `wrong type for value; expected string; got ${goType(a[0])}`,
            line,
          );
        let parsed: ParsedTemplate;
        try {
          parsed = parseTemplate(a[0]);
        } catch (e) {
          throw new TemplateError(
            `error calling tpl: ${e instanceof Error ? e.message : String(e)}`,
            line,
          );
        }
        const saved = new Map(this.state.defines);
        for (const [k, v] of parsed.defines) this.state.defines.set(k, v);
        try {
          const out: string[] = [];
          this.renderNodes(
            parsed.nodes,
            a[1],
            [{ name: '$', value: a[1] }],
            out,
          );
          return stripNoValue(out.join(''));
        } finally {
          this.state.defines = saved;
        }
      }
      case 'required': {
        arity(fn, a, 2, line);
        const v = a[1];
        if (v === undefined || v === null || v === '') {
          throw new TemplateError(
            `required value missing: ${fmtValue(a[0])}`,
            line,
          );
        }
        return v;
      }
      case 'fail':
        arity(fn, a, 1, line);
        throw new TemplateError(
          `template called fail: ${fmtValue(a[0])}`,
          line,
        );
      case 'toYaml':
        arity(fn, a, 1, line);
        return toYaml(a[0]);
      case 'mustToYaml':
        arity(fn, a, 1, line);
        try {
          return mustToYaml(a[0]);
        } catch (e) {
          throw new TemplateError(
            `error calling mustToYaml: ${(e as Error).message}`,
            line,
          );
        }
      case 'fromYaml':
        arity(fn, a, 1, line);
        if (a[0] instanceof Unknown) return a[0];
        return fromYaml(stringArg(a[0], line));
      case 'fromYamlArray':
        arity(fn, a, 1, line);
        if (a[0] instanceof Unknown) return a[0];
        return fromYamlArray(stringArg(a[0], line));
      case 'fromJson':
        arity(fn, a, 1, line);
        if (a[0] instanceof Unknown) return a[0];
        return fromJson(stringArg(a[0], line));
      case 'fromJsonArray':
        arity(fn, a, 1, line);
        if (a[0] instanceof Unknown) return a[0];
        return fromJsonArray(stringArg(a[0], line));
      case 'toToml':
        arity(fn, a, 1, line);
        return toToml(a[0]);
      case 'lookup':
        this.note(
          line,
          '`lookup` reads the live cluster and is unknown at render time',
          'unknown',
        );
        return new Unknown('lookup');
      default:
        break;
    }
    if (GENERATED.has(fn)) {
      this.note(
        line,
        `\`${fn}\` generates a value in the cluster (Helm-generated, cluster-managed)`,
        'generated',
      );
      return new Unknown(fn);
    }
    if (UNKNOWN_AT_RENDER.has(fn)) return new Unknown(fn);
    if (SPRIG[fn]) return callSprig(fn, a, argExprs, line);
    if (KNOWN_FUNCTIONS.has(fn) || BUILTINS.has(fn) || HELM_FUNCS.has(fn))
      throw new TemplateError(
        `function \`${fn}\` is not supported by the engine`,
        line,
        'unsupported',
      );
    throw new TemplateError(`function "${fn}" not defined`, line);
  }
}

function stringArg(v: unknown, line: number): string {
  if (typeof v === 'string') return v;
  throw new TemplateError(
    `wrong type for value; expected string; got ${goType(v)}`,
    line,
  );
}

function arity(fn: string, a: unknown[], n: number, line: number) {
  if (a.length !== n)
    throw new TemplateError(
      `wrong number of args for ${fn}: want ${n} got ${a.length}`,
      line,
    );
}

/** text/template's printing of an action's value. */
function printValue(v: unknown): string {
  if (v === undefined || v === null) return NO_VALUE;
  if (v instanceof Unknown) return UNKNOWN_MARKER;
  if (typeof v === 'string') return v;
  return fmtValue(v);
}

/** How a template is rendered beyond Helm's defaults. */
export interface RenderOptions {
  /**
   * Keep `<no value>` where a missing value was printed, as plain Go
   * text/template does (Argo CD); Helm removes it from the output.
   */
  keepNoValue?: boolean;
}

/** Renders one template with the chart's defines. Throws TemplateError. */
export function renderTemplate(
  template: ParsedTemplate,
  defines: Map<string, Node[]>,
  context: RenderContext,
  options: RenderOptions = {},
): RenderResult {
  const state: State = {
    defines: new Map(defines),
    root: context,
    notes: [],
    budget: { steps: 0, output: 0 },
    depth: 0,
  };
  const out: string[] = [];
  new Renderer(state).renderNodes(
    template.nodes,
    context,
    [{ name: '$', value: context }],
    out,
  );
  const output = out.join('');
  return {
    output: options.keepNoValue ? output : stripNoValue(output),
    notes: state.notes,
  };
}

export { TemplateError };
