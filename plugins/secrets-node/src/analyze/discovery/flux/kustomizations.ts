/*
 * Flux Kustomizations (kustomize.toolkit.fluxcd.io): what each one applies.
 * Follows `spec.path` in this repository, builds it (a generated
 * kustomization when the folder has none), applies the overlay fields
 * (components, targetNamespace, namePrefix/nameSuffix, patches) and the
 * post-build substitution. Kustomizations found in a build are followed in
 * turn, inheriting the environment of the one that applies them.
 */
import type { FileTree } from '../../../tree';
import type { YamlCache } from '../../yamlCache';
import { kustomizationFile } from '../../kustomize/build';
import { type BuildContext } from '../../kustomize/context';
import { directories, isMap, normPath } from '../../kustomize/util';
import { envOfPath } from './environments';
import { fluxPath, ownSources, sourceRoots } from './sources';
import {
  buildFluxKustomization,
  FluxBuild,
  FluxDecl,
  FluxOptions,
  isFluxKustomization,
} from './buildKustomization';

/** Objects applied by the repository's Flux Kustomizations, followed from the roots. */
export function buildFluxTree(
  ctx: BuildContext,
  decls: FluxDecl[],
  o: FluxOptions,
  sources: Map<string, Record<string, any>>,
): FluxBuild[] {
  const own = {
    ...ownSources(decls, sources),
    roots: sourceRoots(decls, ctx.tree),
  };
  // one info per Secret, however many Kustomizations read variables from it
  const secretReaders = new Map<
    string,
    { file: string; line?: number; names: string[] }
  >();
  // a declaration no other Kustomization's build contains is a root
  const scratch: BuildContext = { ...ctx, notes: [], reached: new Set() };
  const containedBy = new Map<string, Set<string>>();
  const declKey = (d: { file: string; obj: any }) =>
    `${d.file}\u0000${d.obj.metadata?.name ?? ''}`;
  // folders whose build Flux applies: a declaration under one that its build
  // does not contain is left out by that folder's kustomization
  const builtFolders: Array<{ path: string; decl: FluxDecl }> = [];
  for (const d of decls) {
    const built = buildFluxKustomization(scratch, d, o, sources, own);
    if (built)
      builtFolders.push({ path: fluxPath(ctx.tree, d.obj, own), decl: d });
    const objs = built ?? [];
    for (const b of objs) {
      if (!isFluxKustomization(b.obj)) continue;
      const k = `${b.file}\u0000${b.obj.metadata?.name ?? ''}`;
      if (k === declKey(d)) continue;
      const set = containedBy.get(k) ?? new Set();
      set.add(declKey(d));
      containedBy.set(k, set);
    }
  }
  const builds: FluxBuild[] = [];
  const visited = new Set<string>();
  const visitedDecls = new Set<string>();
  const queue: Array<{ decl: FluxDecl; env?: string }> = [];
  const visit = () => {
    while (queue.length) {
      const { decl, env } = queue.shift()!;
      const environment =
        envOfPath(decl.file, o.environments) ??
        envOfPath(
          normPath(String(decl.obj.spec?.path ?? '')),
          o.environments,
        ) ??
        env;
      const key = `${decl.obj.metadata?.namespace ?? ''}/${
        decl.obj.metadata?.name ?? ''
      }\u0000${environment ?? ''}\u0000${decl.obj.spec?.path ?? ''}`;
      if (visited.has(key)) continue;
      visited.add(key);
      visitedDecls.add(declKey(decl));
      const objects = buildFluxKustomization(
        ctx,
        decl,
        o,
        sources,
        own,
        environment,
        secret => {
          const name = String(decl.obj.metadata?.name ?? '');
          const r = secretReaders.get(secret);
          if (!r)
            secretReaders.set(secret, {
              file: decl.file,
              line: decl.line,
              names: [name],
            });
          else if (!r.names.includes(name)) r.names.push(name);
        },
      );
      if (!objects) continue;
      builds.push({
        name: String(decl.obj.metadata?.name ?? ''),
        namespace: decl.obj.metadata?.namespace,
        file: decl.file,
        line: decl.line,
        environment,
        objects,
      });
      for (const b of objects)
        if (isFluxKustomization(b.obj))
          queue.push({
            decl: { obj: b.obj, file: b.file, line: b.line },
            env: environment,
          });
    }
  };
  const excluded = new Set<string>();
  for (const d of decls) {
    if (containedBy.get(declKey(d))?.size) continue;
    const under = builtFolders.find(
      f =>
        f.decl !== d &&
        (f.path === '' || d.file.startsWith(`${f.path}/`)) &&
        !d.file.startsWith(`${fluxPath(ctx.tree, d.obj, own)}/`),
    );
    if (under) {
      excluded.add(declKey(d));
      ctx.notes.push({
        kind: 'source',
        file: d.file,
        line: d.line,
        message: `Flux Kustomization ${String(
          d.obj.metadata?.name ?? '',
        )} lies under ${
          under.path || 'the repository root'
        }, which Flux Kustomization ${String(
          under.decl.obj.metadata?.name ?? '',
        )} builds, but no kustomization there includes its file: it is not applied, and what it would apply was not analysed`,
      });
      continue;
    }
    queue.push({ decl: d });
  }
  visit();
  // declarations only reachable through a cycle: start from them too
  for (const d of decls) {
    if (visitedDecls.has(declKey(d)) || excluded.has(declKey(d))) continue;
    queue.push({ decl: d });
    visit();
  }
  for (const [secret, r] of secretReaders) {
    const who =
      r.names.length === 1
        ? `Flux Kustomization ${r.names[0]}`
        : `Flux Kustomizations ${r.names.slice(0, 3).join(', ')}${
            r.names.length > 3 ? ` and ${r.names.length - 3} more` : ''
          }`;
    ctx.notes.push({
      kind: 'source',
      file: r.file,
      line: r.line,
      message: `${who}: variables from Secret ${secret} (postBuild.substituteFrom) are not known to the engine; \${...} references to them are left as written`,
    });
  }
  return builds;
}

/** The kustomization directories of the tree and those another kustomization references. */
export function kustomizationRoots(
  tree: FileTree,
  cache: YamlCache,
  ignored: (p: string) => boolean,
): string[] {
  const dirs: string[] = [];
  const referenced = new Set<string>();
  const all = directories(tree);
  for (const d of all) {
    const file = kustomizationFile(tree, d);
    if (!file || ignored(file)) continue;
    const spec = cache.data(file)[0];
    if (
      !isMap(spec) ||
      String(spec.apiVersion ?? '').startsWith('kustomize.toolkit.fluxcd.io')
    )
      continue;
    if (spec.kind !== 'Component') dirs.push(d);
    for (const f of ['resources', 'bases', 'components']) {
      for (const e of Array.isArray(spec[f]) ? spec[f] : []) {
        if (typeof e !== 'string') continue;
        const p = normPath(`${d}/${e}`);
        if (all.has(p)) referenced.add(p);
      }
    }
  }
  return dirs.filter(d => !referenced.has(d)).sort();
}
