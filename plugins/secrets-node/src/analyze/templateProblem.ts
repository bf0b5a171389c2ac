/*
 * How a template error becomes a problem: a construct the engine does not
 * evaluate, or a dependency it cannot read, is `unsupported` (reported at
 * info level); anything else is an error in the chart.
 */
import type { TemplateError } from '../helm';

export function templateProblem(
  error: TemplateError,
  missingDependencies: string[],
): { message: string; code?: 'unsupported' } {
  if (error.code === 'unsupported') {
    return { message: error.message, code: 'unsupported' };
  }
  if (
    missingDependencies.length &&
    /^template ".*" is not defined$/.test(error.message)
  ) {
    const names = missingDependencies.map(d => `"${d}"`).join(', ');
    return {
      message: `${error.message}: the chart depends on ${names}, which is neither vendored under charts/ nor a file:// chart of the repository (the engine reads no chart repository)`,
      code: 'unsupported',
    };
  }
  return { message: error.message };
}
