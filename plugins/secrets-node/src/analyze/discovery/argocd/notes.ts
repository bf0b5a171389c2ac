/* The notes discovery leaves where it cannot evaluate something offline. */

import type { ArgoContext, Origin } from './types';

export function note(ctx: ArgoContext, origin: Origin, message: string) {
  ctx.notes.push({
    file: origin.file,
    ...(origin.line ? { line: origin.line } : {}),
    message: `${origin.what}: ${message}`,
  });
}
