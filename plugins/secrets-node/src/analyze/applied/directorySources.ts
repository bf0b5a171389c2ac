/* Directory sources applied by Argo CD (Kustomize or plain directories, with include and exclude globs). */

import type { FileTree } from '../../tree';
import type { DirectorySource } from '../discovery/argocd/types';
import { globToRegExp } from '../discovery/argocd/glob';
import { directories, normPath } from '../kustomize/util';
import { docsOf, toProblems, ignoredPaths } from './docs';
import type { YamlCache } from '../yamlCache';
import type { Problem, RenderedDoc } from '../render';
import type { ResolvedOptions } from '../options';
import { AppliedObject } from '../applied';
import { envOfPath } from '../discovery/flux/environments';
import { buildDirectory, kustomizationFile } from '../kustomize/build';
import { BuildContext } from '../kustomize/context';
import { CLUSTER_SCOPED } from '../kustomize/names';
import { BuiltObject } from '../kustomize/types';

export type { DirectorySource };

/**
 * Whether a plain-directory source applies a file (repo-relative) under its
 * path: only files directly in it unless `recurse`, matching `include` when
 * set and not `exclude`. Argo CD matches these globs against the path
 * relative to the source, `*` crossing `/`, with `{a,b}` alternatives.
 */
export function directorySelects(
  src: Pick<DirectorySource, 'path' | 'directory'>,
  file: string,
): boolean {
  const base = normPath(src.path);
  if (base && !file.startsWith(`${base}/`)) return false;
  const rel = base ? file.slice(base.length + 1) : file;
  const d = src.directory ?? {};
  if (!d.recurse && rel.includes('/')) return false;
  if (d.include && !argoGlob(d.include).test(rel)) return false;
  if (d.exclude && argoGlob(d.exclude).test(rel)) return false;
  return true;
}

function expandBraces(glob: string): string[] {
  const m = /\{([^{}]*)\}/.exec(glob);
  if (!m) return [glob];
  return m[1]
    .split(',')
    .flatMap(alt =>
      expandBraces(
        glob.slice(0, m.index) + alt + glob.slice(m.index + m[0].length),
      ),
    );
}

function argoGlob(glob: string): RegExp {
  const alts = expandBraces(glob).map(g =>
    globToRegExp(g, 'greedy').source.replace(/^\^|\$$/g, ''),
  );
  return new RegExp(`^(?:${alts.join('|')})$`);
}

/**
 * Builds a directory source of another tool (an Argo CD Application's
 * Kustomize or plain-directory source): its objects, as raw-manifest
 * documents of that Application. A folder without a kustomization is read
 * as the plain manifests below it.
 */
export function buildDirectorySource(
  tree: FileTree,
  src: DirectorySource,
  o: ResolvedOptions,
  cache: YamlCache,
  problems: Problem[],
  reached: Set<string> = new Set(),
): RenderedDoc[] {
  return docsOf(
    directorySourceObjects(tree, src, o, cache, problems, reached),
    o.environments,
  );
}

export function directorySourceObjects(
  tree: FileTree,
  src: DirectorySource,
  o: ResolvedOptions,
  cache: YamlCache,
  problems: Problem[],
  reached: Set<string>,
): AppliedObject[] {
  const ctx: BuildContext = {
    tree,
    cache,
    notes: [],
    reached,
    ignored: ignoredPaths(o),
  };
  const path = normPath(src.path);
  let objects: BuiltObject[] = [];
  if (!directories(tree).has(path)) {
    ctx.notes.push({
      kind: 'source',
      file: src.file,
      line: src.line,
      message: `${src.name}: source path ${src.path} is not a folder of this repository; what it applies is not analysed`,
    });
  } else {
    objects = buildDirectory(ctx, path, {
      generate: true,
      ...(src.kustomizeEdits ? { edits: src.kustomizeEdits } : {}),
    });
    // a plain directory: Argo CD reads the files its directory settings select
    if (!kustomizationFile(tree, path))
      objects = objects.filter(b => directorySelects(src, b.file));
  }
  toProblems(ctx.notes, problems);
  if (src.namespace) {
    for (const b of objects) {
      const md = (b.obj.metadata ??= {});
      if (!md.namespace && !CLUSTER_SCOPED.has(String(b.obj.kind)))
        md.namespace = src.namespace;
    }
  }
  const environment = src.environment ?? envOfPath(path, o.environments);
  return objects.map(b => ({ ...b, release: src.name, environment }));
}
