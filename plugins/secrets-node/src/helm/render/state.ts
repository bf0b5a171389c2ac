/* The renderer's state: the context, the notes, the budgets and the variable scope. */

import { type Node, TemplateError } from '../parse/ast';

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

export const ROOT_KEYS = new Set([
  'Values',
  'Release',
  'Chart',
  'Capabilities',
  'Template',
  'Files',
  'Subcharts',
]);

export interface State {
  defines: Map<string, Node[]>;
  root: RenderContext;
  notes: RenderNote[];
  budget: { steps: number; output: number };
  depth: number;
  /** Name of the template being executed (`.Template.Name` of tpl). */
  name?: string;
}

export const MAX_STEPS = 1_000_000;

export const MAX_DEPTH = 100;

export const MAX_OUTPUT = 4_000_000;

class BreakSignal {}

class ContinueSignal {}

export const BREAK = new BreakSignal();

export const CONTINUE = new ContinueSignal();

/** What Go prints for a missing value; Helm removes it from the output of a template and of `tpl`. */
export const NO_VALUE = '<no value>';

export const stripNoValue = (s: string) => s.replace(/<no value>/g, '');

export type Scope = Array<{ name: string; value: unknown }>;

export function lookupVar(scope: Scope, name: string): unknown {
  for (let i = scope.length - 1; i >= 0; i--)
    if (scope[i].name === name) return scope[i].value;
  throw new TemplateError(`undefined variable: ${name}`, 0);
}

export function setVar(scope: Scope, name: string, value: unknown) {
  for (let i = scope.length - 1; i >= 0; i--)
    if (scope[i].name === name) {
      scope[i].value = value;
      return;
    }
  throw new TemplateError(`undefined variable: ${name}`, 0);
}
