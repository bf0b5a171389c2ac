/*
 * Evaluates templates parsed by parse.ts with the semantics of Go's
 * text/template as Helm configures it (missingkey=zero, "<no value>" prints
 * as nothing), against a context of `.Values`, `.Release`, `.Chart`,
 * `.Capabilities`, `.Template` and `.Files`. What cannot be known at render
 * time (`lookup`, random generators, the clock) renders as an unknown marker
 * and is reported, never silently skipped.
 */
import {
  type ParsedTemplate,
  type Node,
  type Pipeline,
  TemplateError,
} from './parse/ast';
import {
  fmtValue,
  GoObject,
  isMap,
  sortedKeys,
  truthy,
  Unknown,
  UNKNOWN_MARKER,
} from './goValues';
import {
  BREAK,
  CONTINUE,
  MAX_DEPTH,
  MAX_OUTPUT,
  NO_VALUE,
  RenderContext,
  RenderResult,
  ROOT_KEYS,
  Scope,
  State,
  stripNoValue,
} from './render/state';
import { Evaluator } from './render/evaluate';

export { UNKNOWN_MARKER } from './goValues';

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

/** Renders nodes; evaluation is inherited. */
class Renderer extends Evaluator {
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
