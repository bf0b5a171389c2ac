/* The syntax tree of a parsed template, and the error every template problem is reported with. */

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
