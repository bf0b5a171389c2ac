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
import { isHelmRelease } from './discovery/flux/helmReleases';
import {
  buildDirectory,
  KUSTOMIZATION_FILES,
  kustomizationFile,
} from './kustomize/build';
import { type BuildContext } from './kustomize/context';
import {
  foreignTemplate,
  ignoreMatcher,
  isSopsEncrypted,
} from './kustomize/ignores';
import { CLUSTER_SCOPED } from './kustomize/names';
import type { BuildNote, BuiltObject } from './kustomize/types';
import { baseOf, directories, isMap, normPath } from './kustomize/util';
import type { ResolvedOptions } from './options';
import type { Problem, RenderedDoc } from './render';
import { globToRegExp } from './discovery/argocd/glob';
import type { YamlCache } from './yamlCache';

/** A directory source applied by another tool (an Argo CD Application with a Kustomize or plain-directory source). */
export interface DirectorySource {
  /** Release name given to its objects (the Application's name). */
  name: string;
  /** Repo-relative folder. */
  path: string;
  /** Destination namespace: set on namespaced objects that have none. */
  namespace?: string;
  environment?: string;
  /** Declaration of the source, for findings. */
  file: string;
  line?: number;
  /** Argo CD `directory:` settings of a plain-directory source. */
  directory?: { recurse?: boolean; include?: string; exclude?: string };
}

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

/** Kinds that configure the delivery tools: read as declarations, never analysed as manifests. */
export const CONFIG_KINDS = new Set([
  'Application',
  'ApplicationSet',
  'AppProject',
  'HelmRelease',
  'Kustomization',
  'Component',
  'GitRepository',
  'OCIRepository',
  'HelmRepository',
  'HelmChart',
  'Bucket',
  'Alert',
  'Provider',
  'Receiver',
  'ImageRepository',
  'ImagePolicy',
  'ImageUpdateAutomation',
  'FluxInstance',
  'ResourceSet',
  'ResourceSetInputProvider',
]);

const CONFIG_GROUPS =
  /^(argoproj\.io|[a-z]+\.toolkit\.fluxcd\.io|kustomize\.config\.k8s\.io|fluxcd\.controlplane\.io)\//;

const isConfig = (o: Record<string, any>) =>
  CONFIG_KINDS.has(String(o.kind)) &&
  (CONFIG_GROUPS.test(String(o.apiVersion ?? '')) || o.kind === 'HelmRelease');

/** An object applied somewhere, before it is fanned out to environments. */
export interface AppliedObject extends BuiltObject {
  release: string;
  environment?: string;
}

export interface AppliedManifests {
  /** `applied` when builds decide what is read, `raw` when every manifest is. */
  mode: 'applied' | 'raw';
  docs: RenderedDoc[];
  /** Flux HelmReleases as applied (after builds), with their environment. */
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

const isHelmChart = (o: Record<string, any>) =>
  o?.kind === 'HelmChart' &&
  String(o.apiVersion ?? '').startsWith('source.toolkit.fluxcd.io/');

const FLUX_GROUP = /^[a-z]+\.toolkit\.fluxcd\.io\//;

/** An object of a Flux controller that is not a HelmRelease. */
const isFluxObject = (o: Record<string, any>) =>
  isMap(o) && FLUX_GROUP.test(String(o.apiVersion ?? '')) && !isHelmRelease(o);

function toProblems(notes: BuildNote[], problems: Problem[]) {
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

function docsOf(
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

function directorySourceObjects(
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
    objects = buildDirectory(ctx, path, { generate: true });
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
    for (const obj of b.objects)
      applied.push({ ...obj, release: b.name, environment: b.environment });
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
  return {
    mode: 'applied',
    docs: docsOf(applied, o.environments),
    helmReleases: applied.filter(b => isHelmRelease(b.obj)),
    configMaps: applied.filter(b => b.obj.kind === 'ConfigMap'),
    helmCharts: applied.filter(b => isHelmChart(b.obj)),
    fluxObjects,
  };
}

/** Every manifest outside charts and values, scoped by a path segment naming an environment. */
function rawMode(
  tree: FileTree,
  readable: (path: string) => boolean,
  o: ResolvedOptions,
  cache: YamlCache,
  problems: Problem[],
): AppliedManifests {
  const objects: AppliedObject[] = [];
  for (const path of [...tree.keys()].sort()) {
    if (!readable(path)) continue;
    const text = tree.get(path) ?? '';
    if (!/^\s*kind:/m.test(text) || !/^\s*apiVersion:/m.test(text)) continue;
    const errors = cache.errors(path);
    if (foreignTemplate(text, errors.length > 0)) {
      problems.push({
        kind: 'source',
        file: path,
        message: `${path} is a template of another tool (not Helm), not a Kubernetes manifest; it was not analysed`,
      });
      continue;
    }
    for (const e of errors)
      problems.push({
        kind: 'yaml',
        file: path,
        line: e.line,
        message: e.message,
        ...(e.code ? { code: e.code } : {}),
      });
    const segs = path.split('/');
    const environment = o.environments.find(e => segs.includes(e));
    const release =
      segs.length > 1 ? segs[segs.length - 2] : path.replace(/\.ya?ml$/, '');
    for (const d of cache.docs(path)) {
      const v = d.value;
      if (!isMap(v) || !v.kind || !v.apiVersion) continue;
      const encrypted = isSopsEncrypted(v);
      let obj = v as Record<string, any>;
      if (encrypted) {
        const { sops: _s, ...rest } = obj;
        obj = rest;
      }
      objects.push({
        obj,
        file: path,
        line: d.line,
        lineOfPath: p => d.lineOfPath(p),
        release,
        environment,
        ...(encrypted ? { encrypted } : {}),
      });
    }
  }
  return {
    mode: 'raw',
    docs: docsOf(objects, o.environments),
    helmReleases: objects.filter(b => isHelmRelease(b.obj)),
    configMaps: objects.filter(b => b.obj.kind === 'ConfigMap'),
    helmCharts: objects.filter(b => isHelmChart(b.obj)),
    fluxObjects: objects.filter(b => isFluxObject(b.obj)),
  };
}
