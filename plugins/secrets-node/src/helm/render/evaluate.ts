/* Evaluates pipelines, commands, fields and function calls; the renderer of nodes extends it. */
import { Unknown, GoObject, goType, truthy, isMap } from '../goValues';
import {
  type Node,
  type Pipeline,
  type Expr,
  TemplateError,
} from '../parse/ast';
import { callFunction } from './functions';
import {
  setVar,
  MAX_STEPS,
  lookupVar,
  CONTINUE,
  BREAK,
  RenderNote,
  type Scope,
  type State,
} from './state';

/** Where an expression is evaluated: the dot, the variables in scope and the template line. */
type At = { dot: unknown; scope: Scope; line: number };

/** The value piped into the last command of a pipeline, when there is one. */
type Piped = { value: unknown };

/** The expressions a field chain can start from. */
type ChainStart = Extract<Expr, { type: 'field' | 'variable' | 'chain' }>;

/** The evaluation half of the renderer: what `include` and `tpl` call back into is abstract. */
export abstract class Evaluator {
  constructor(readonly state: State) {}

  abstract include(name: string, arg: unknown, line: number): string;

  abstract renderNodes(
    nodes: Node[],
    dot: unknown,
    scope: Scope,
    out: string[],
  ): void;

  protected step() {
    if (++this.state.budget.steps > MAX_STEPS) {
      throw new TemplateError(
        'evaluation budget exceeded (template too complex or looping)',
        0,
      );
    }
  }

  note(line: number, message: string, kind: RenderNote['kind']) {
    if (!this.state.notes.some(n => n.line === line && n.message === message)) {
      this.state.notes.push({ line, message, kind });
    }
  }

  evalPipeline(p: Pipeline, dot: unknown, scope: Scope, line: number): unknown {
    const at: At = { dot, scope, line };
    let value: unknown = undefined;
    let first = true;
    for (const cmd of p.commands) {
      value = this.evalCommand(cmd.args, at, first ? undefined : { value });
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

  private evalCommand(args: Expr[], at: At, piped?: Piped): unknown {
    const first = args[0];
    const rest = args.slice(1);
    switch (first.type) {
      case 'identifier':
        return this.evalFunction(first.name, rest, at, piped);
      case 'field':
      case 'variable':
      case 'chain': {
        const base = this.chainBase(first, at);
        if (first.type === 'variable' && !first.path.length) {
          this.noArgs(rest, piped, first.name, at.line);
          return base;
        }
        return this.evalFieldChain(base, first.path, rest, at, piped);
      }
      case 'pipeline':
        this.noArgs(rest, piped, 'parenthesized pipeline', at.line);
        return this.evalPipeline(first.pipeline, at.dot, at.scope, at.line);
      default:
        this.noArgs(rest, piped, 'constant', at.line);
        return this.evalExpr(first, at);
    }
  }

  private noArgs(
    rest: Expr[],
    piped: Piped | undefined,
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

  /** The value a field chain starts from: dot, a variable or a parenthesized expression. */
  private chainBase(e: ChainStart, at: At): unknown {
    switch (e.type) {
      case 'field':
        return at.dot;
      case 'variable':
        return this.variable(at.scope, e.name, at.line);
      default:
        return this.evalExpr(e.expr, at);
    }
  }

  /** Walks `.a.b.c` from `base`; the last name may be a method called with args. */
  private evalFieldChain(
    base: unknown,
    path: string[],
    args: Expr[],
    at: At,
    piped?: Piped,
  ): unknown {
    let cur = base;
    for (let i = 0; i < path.length; i++) {
      const last = i === path.length - 1;
      cur = this.evalField(
        cur,
        path[i],
        last ? args : [],
        at,
        last ? piped : undefined,
      );
    }
    return cur;
  }

  private evalField(
    receiver: unknown,
    name: string,
    args: Expr[],
    at: At,
    piped?: Piped,
  ): unknown {
    const { line } = at;
    const hasArgs = args.length > 0 || piped !== undefined;
    if (receiver === undefined) return undefined;
    if (receiver instanceof Unknown) return receiver;
    if (receiver instanceof GoObject) {
      const m = receiver.methods[name];
      if (m) {
        const argv = args.map(a => this.evalExpr(a, at));
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

  private evalExpr(e: Expr, at: At): unknown {
    this.step();
    switch (e.type) {
      case 'string':
        return e.value;
      case 'number':
        return e.value;
      case 'bool':
        return e.value;
      case 'nil':
        throw new TemplateError('nil is not a command', at.line);
      case 'field':
      case 'variable':
      case 'chain':
        return this.evalFieldChain(this.chainBase(e, at), e.path, [], at);
      case 'pipeline':
        return this.evalPipeline(e.pipeline, at.dot, at.scope, at.line);
      case 'identifier':
        return this.evalFunction(e.name, [], at);
      default:
        return undefined;
    }
  }

  /** Evaluates an argument; `nil` is allowed as an argument (not as a command). */
  private evalArg(e: Expr, at: At): unknown {
    if (e.type === 'nil') return null;
    return this.evalExpr(e, at);
  }

  private evalFunction(
    fn: string,
    argExprs: Expr[],
    at: At,
    piped?: Piped,
  ): unknown {
    const { line } = at;
    // short-circuit and/or
    if (fn === 'and' || fn === 'or') {
      if (!argExprs.length && !piped)
        throw new TemplateError(
          `wrong number of args for ${fn}: want at least 1 got 0`,
          line,
        );
      let v: unknown;
      for (const a of argExprs) {
        v = this.evalArg(a, at);
        if (truthy(v) === (fn === 'or')) return v;
      }
      return piped ? piped.value : v;
    }
    const args = argExprs.map(a => this.evalArg(a, at));
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
      return callFunction(this, fn, args, argExprs, line);
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
}
