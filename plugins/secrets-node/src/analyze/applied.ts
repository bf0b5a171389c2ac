/*
 * Analyse only what is applied. When the repository declares what it
 * applies (Flux Kustomizations, Argo CD directory sources, kustomization.yaml
 * roots), the raw manifests are the objects those builds produce, with the
 * namespace and name they get in the cluster. Otherwise every manifest
 * outside charts and values is read, as before. Either way tool folders,
 * values files, templates of other tools and non-manifests are skipped, and
 * a SOPS-encrypted Secret is a producer, never an inline credential.
 */
import type { FileTree } from '../tree';
import {
  buildFluxTree,
  kustomizationRoots,
} from './discovery/flux/kustomizations';
import {
  isFluxKustomization,
  type FluxDecl,
} from './discovery/flux/buildKustomization';
import { envOfPath } from './discovery/flux/environments';
import {
  buildDirectory,
  KUSTOMIZATION_FILES,
  kustomizationFile,
} from './kustomize/build';
import { type BuildContext } from './kustomize/context';
import { isInflation } from './kustomize/helmCharts';
import type { BuiltObject } from './kustomize/types';
import { baseOf, isMap, normPath } from './kustomize/util';
import type { ResolvedOptions } from './options';
import type { Problem, RenderedDoc } from './render';
import type { YamlCache } from './yamlCache';
import { isFluxObject } from './applied/kinds';
import { ignoredPaths, manifestsOf, toProblems } from './applied/docs';
import { rawMode } from './applied/rawMode';
import {
  DirectorySource,
  directorySourceObjects,
} from './applied/directorySources';

/** An object applied somewhere, before it is fanned out to environments. */
export interface AppliedObject extends BuiltObject {
  release: string;
  environment?: string;
}

export interface AppliedManifests {
  /** `applied` when builds decide what is read, `raw` when every manifest is. */
  mode: 'applied' | 'raw';
  docs: RenderedDoc[];
  /** Flux HelmReleases and kustomize `helmCharts` entries as applied (after builds), with their environment. */
  helmReleases: AppliedObject[];
  /** ConfigMaps as applied, for `valuesFrom`. */
  configMaps: AppliedObject[];
  /** Flux HelmChart objects as applied, for `chartRef`. */
  helmCharts: AppliedObject[];
  /**
   * Objects of the Flux controllers other than HelmReleases (sources,
   * Kustomizations, notification objects) as applied, with their
   * environment: they read Secrets too.
   */
  fluxObjects: AppliedObject[];
}

/** Release name of a standalone kustomization root: its folder, skipping generic names. */
function rootName(dir: string, environments: readonly string[]): string {
  const segs = dir.split('/').filter(Boolean);
  for (let i = segs.length - 1; i >= 0; i--) {
    if (
      !['app', 'base', 'overlays', 'overlay', ...environments].includes(segs[i])
    )
      return segs[i];
  }
  return segs[segs.length - 1] ?? 'root';
}

/** ConfigMap data by name from the given objects and every ConfigMap file of the repository. */
export function configMapLookup(
  tree: FileTree,
  cache: YamlCache,
  ignored: (p: string) => boolean,
  built: () => AppliedObject[],
) {
  let fromFiles: Array<{ obj: any; file: string }> | undefined;
  const files = () => {
    if (fromFiles) return fromFiles;
    fromFiles = [];
    for (const path of [...tree.keys()].sort()) {
      if (!/\.ya?ml$/.test(path) || ignored(path)) continue;
      if (!/kind:\s*ConfigMap\b/.test(tree.get(path) ?? '')) continue;
      for (const v of cache.data(path))
        if (isMap(v) && v.kind === 'ConfigMap')
          fromFiles.push({ obj: v, file: path });
    }
    return fromFiles;
  };
  return (name: string, namespace?: string, env?: string) => {
    type Candidate = {
      obj: any;
      file: string;
      env?: string;
      previousNames?: string[];
    };
    const candidates: Candidate[] = [
      ...built().map(b => ({
        obj: b.obj,
        file: b.file,
        env: b.environment,
        previousNames: b.previousNames,
      })),
      ...files().map(f => ({ obj: f.obj, file: f.file })),
    ];
    const matching = candidates.filter(
      c => c.obj.metadata?.name === name || c.previousNames?.includes(name),
    );
    const pick =
      matching.find(
        c =>
          (!env || c.env === env || c.file.split('/').includes(env)) &&
          (!namespace || c.obj.metadata?.namespace === namespace),
      ) ??
      matching.find(
        c => !env || c.env === env || c.file.split('/').includes(env),
      ) ??
      matching[0];
    if (!pick) return undefined;
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(
      isMap(pick.obj.data) ? pick.obj.data : {},
    ))
      data[k] = String(v);
    return data;
  };
}

/**
 * The manifests the engine analyses, and the Flux HelmReleases and
 * ConfigMaps they contain. `directorySources` are the directory sources
 * other discovery found (Argo CD); they count as declarations of what is
 * applied.
 */
/** Flux's kustomize-controller builds without `--enable-helm`: a kustomization with helmCharts does not build. */
function fluxInflation(
  ctx: BuildContext,
  kustomization: string,
  b: BuiltObject,
) {
  const message = `Flux Kustomization ${kustomization}: kustomize-controller does not inflate helmCharts (it builds without --enable-helm), so this build fails in the cluster; chart ${String(
    b.obj.spec?.chart?.spec?.chart ?? '',
  )} is not analysed`;
  if (!ctx.notes.some(n => n.file === b.file && n.message === message))
    ctx.notes.push({ kind: 'source', file: b.file, message });
}

export function appliedManifests(
  tree: FileTree,
  chartDirs: string[],
  o: ResolvedOptions,
  cache: YamlCache,
  problems: Problem[],
  directorySources: DirectorySource[] = [],
): AppliedManifests {
  const ignored = ignoredPaths(o);
  const charts = new Set(chartDirs);
  const inChart = (path: string) => {
    for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1))
      if (charts.has(path.slice(0, i))) return true;
    return false;
  };
  const readable = (path: string) =>
    /\.ya?ml$/.test(path) &&
    !path.startsWith(`${o.valuesRoot}/`) &&
    !inChart(path) &&
    !ignored(path);

  const fluxDecls: FluxDecl[] = [];
  let kustomizations = 0;
  for (const path of [...tree.keys()].sort()) {
    if (!readable(path)) continue;
    if (KUSTOMIZATION_FILES.includes(baseOf(path))) {
      kustomizations++;
      continue;
    }
    if (!o.discovery.includes('flux')) continue;
    if (!(tree.get(path) ?? '').includes('kustomize.toolkit.fluxcd.io'))
      continue;
    for (const d of cache.docs(path))
      if (isFluxKustomization(d.value))
        fluxDecls.push({
          obj: d.value as Record<string, any>,
          file: path,
          line: d.line,
        });
  }
  if (!fluxDecls.length && !kustomizations && !directorySources.length)
    return rawMode(tree, readable, o, cache, problems);

  const ctx: BuildContext = {
    tree,
    cache,
    notes: [],
    reached: new Set(),
    ignored,
  };
  const applied: AppliedObject[] = [];
  const lookup = configMapLookup(tree, cache, ignored, () => applied);
  const sources = new Map<string, Record<string, any>>();
  for (const path of [...tree.keys()].sort()) {
    if (
      !readable(path) ||
      !/kind:\s*(GitRepository|OCIRepository)\b/.test(tree.get(path) ?? '')
    )
      continue;
    for (const v of cache.data(path))
      if (
        isMap(v) &&
        (v.kind === 'GitRepository' || v.kind === 'OCIRepository')
      )
        sources.set(`${v.kind}/${v.metadata?.name ?? ''}`, v);
  }
  for (const b of buildFluxTree(
    ctx,
    fluxDecls,
    { environments: o.environments, variables: { configMap: lookup } },
    sources,
  )) {
    for (const obj of b.objects) {
      if (isInflation(obj.obj)) {
        fluxInflation(ctx, b.name, obj);
        continue;
      }
      applied.push({ ...obj, release: b.name, environment: b.environment });
    }
  }
  for (const src of directorySources)
    applied.push(
      ...directorySourceObjects(tree, src, o, cache, problems, ctx.reached),
    );
  // kustomization roots nothing else applies: `kubectl apply -k` style when
  // the repository declares no delivery; with Flux or Argo CD, a root they
  // do not reach is applied by hand (bootstrap) or not at all
  const declared = fluxDecls.length > 0 || directorySources.length > 0;
  for (const dir of kustomizationRoots(tree, cache, ignored)) {
    if (
      ctx.reached.has(dir) ||
      inChart(`${dir}/x`) ||
      dir.startsWith(`${o.valuesRoot}/`)
    )
      continue;
    if (declared) {
      ctx.notes.push({
        kind: 'source',
        file: kustomizationFile(tree, dir) ?? dir,
        message: `${
          dir || '.'
        } is a kustomization no Flux Kustomization or Argo CD Application applies (applied by hand, or not at all); it was not analysed`,
      });
      continue;
    }
    const environment = envOfPath(dir, o.environments);
    for (const obj of buildDirectory(ctx, dir))
      applied.push({
        ...obj,
        release: rootName(dir, o.environments),
        environment,
      });
  }
  toProblems(ctx.notes, problems);
  // Flux Kustomizations applied by hand (the bootstrap's own, when no build
  // contains it) are applied all the same
  const fluxObjects = applied.filter(b => isFluxObject(b.obj));
  const appliedDecl = new Set(
    fluxObjects.map(b => `${b.file}\u0000${b.obj.metadata?.name ?? ''}`),
  );
  for (const d of fluxDecls)
    if (!appliedDecl.has(`${d.file}\u0000${d.obj.metadata?.name ?? ''}`))
      fluxObjects.push({
        obj: d.obj,
        file: d.file,
        line: d.line,
        release: String(d.obj.metadata?.name ?? ''),
        environment:
          envOfPath(d.file, o.environments) ??
          envOfPath(normPath(String(d.obj.spec?.path ?? '')), o.environments),
      });
  return manifestsOf('applied', applied, o.environments, fluxObjects);
}
