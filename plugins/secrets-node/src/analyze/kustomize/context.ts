/* What one build carries through its nesting: the tree, the notes, the cycle guard. */

import type { FileTree } from '../../tree';
import type { YamlCache } from '../yamlCache';
import { docLine } from './resources';
import type { BuildNote } from './types';

export interface BuildContext {
  tree: FileTree;
  cache: YamlCache;
  notes: BuildNote[];
  /** Directories whose kustomization (or generated one) was built. */
  reached: Set<string>;
  /** Paths never read (default ignores, user ignores). */
  ignored?: (path: string) => boolean;
}

/** A kustomization given as data (Flux overlays are built this way). */
export interface KustomizationSpec {
  dir: string;
  file: string;
  spec: Record<string, any>;
}

export function note(
  ctx: BuildContext,
  k: KustomizationSpec,
  field: string,
  message: string,
) {
  ctx.notes.push({
    kind: 'source',
    file: k.file,
    line: docLine(ctx, k.file, [field]),
    message,
  });
}
