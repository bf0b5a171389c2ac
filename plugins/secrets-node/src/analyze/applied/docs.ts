/* The documents of the files a mode reads, with the paths it skips and the problems it meets. */

import { AppliedObject } from '../applied';
import { ignoreMatcher } from '../kustomize/ignores';
import type { BuildNote } from '../kustomize/types';
import { isMap } from '../kustomize/util';
import type { ResolvedOptions } from '../options';
import type { Problem, RenderedDoc } from '../render';
import { isConfig } from './kinds';

export function toProblems(notes: BuildNote[], problems: Problem[]) {
  for (const n of notes)
    problems.push({
      kind: n.kind,
      file: n.file,
      line: n.line,
      message: n.message,
      ...(n.code ? { code: n.code } : {}),
    });
}

/** The ignore matcher of the options (user paths, plus the default list unless disabled). */
export const ignoredPaths = (o: ResolvedOptions) =>
  ignoreMatcher(o.ignorePaths, o.defaultIgnores);

export function docsOf(
  objects: AppliedObject[],
  environments: readonly string[],
): RenderedDoc[] {
  const docs: RenderedDoc[] = [];
  const seen = new Set<string>();
  for (const b of objects) {
    if (!isMap(b.obj) || !b.obj.kind || !b.obj.apiVersion || isConfig(b.obj))
      continue;
    for (const environment of b.environment ? [b.environment] : environments) {
      // the same object of the same file, applied twice in one environment
      // (a base shared by two clusters the run does not tell apart): once
      const key = [
        environment,
        b.file,
        b.line,
        b.obj.kind,
        b.obj.metadata?.namespace,
        b.obj.metadata?.name,
      ].join('\u0000');
      if (seen.has(key)) continue;
      seen.add(key);
      docs.push({
        obj: b.obj,
        release: b.release,
        environment,
        file: b.file,
        line: b.line,
        generated: false,
        allEnvironments: !b.environment,
        ...(b.lineOfPath ? { lineOfPath: b.lineOfPath } : {}),
        ...(b.encrypted ? { encrypted: true } : {}),
      });
    }
  }
  return docs;
}
