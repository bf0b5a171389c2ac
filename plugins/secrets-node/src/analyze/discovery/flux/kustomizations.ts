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
import {
  accumulate,
  type BuildContext,
  buildDirectory,
  kustomizationFile,
} from '../../kustomize/build';
import { rewriteReferences } from '../../kustomize/names';
import type { BuiltObject } from '../../kustomize/types';
import { directories, isMap, normPath } from '../../kustomize/util';
import { substituteVariables, substitutionDisabled } from './envsubst';

export const isFluxKustomization = (o: any) =>
  isMap(o) &&
  o.kind === 'Kustomization' &&
  String(o.apiVersion ?? '').startsWith('kustomize.toolkit.fluxcd.io/');

export interface FluxDecl {
  obj: Record<string, any>;
  file: string;
  line?: number;
}

export interface FluxBuild {
  name: string;
  namespace?: string;
  file: string;
  line?: number;
  /** The environment the Kustomization applies to; undefined when nothing names one. */
  environment?: string;
  objects: BuiltObject[];
}

/** Environment named by a path segment. */
export function envOfPath(
  path: string,
  environments: readonly string[],
): string | undefined {
  const segs = path.split('/');
  return environments.find(e => segs.includes(e));
}

/**
 * Names of the clusters Flux declarations in the repository live in
 * (`clusters/<name>/...`), or whose `spec.path` points into one: candidate
 * environment names for the caller's environment inference.
 */
export function fluxEnvironmentNames(
  tree: FileTree,
  cache: YamlCache,
): string[] {
  const names = new Set<string>();
  const fromPath = (p: string) => {
    const m = /(?:^|\/)clusters\/([^/]+)\//.exec(`${normPath(p)}/`);
    if (m) names.add(m[1]);
  };
  for (const path of tree.keys()) {
    if (!/\.ya?ml$/.test(path)) continue;
    if (!(tree.get(path) ?? '').includes('kustomize.toolkit.fluxcd.io'))
      continue;
    for (const v of cache.data(path)) {
      if (!isFluxKustomization(v)) continue;
      fromPath(path);
      if (typeof (v as any).spec?.path === 'string')
        fromPath((v as any).spec.path);
    }
  }
  return [...names].sort();
}

/** Variables of `postBuild`: inline ones, ConfigMaps found in the repository; Secrets are unknown. */
export interface VariableSources {
  /** ConfigMap data by name (and namespace when the same name is in several). */
  configMap(
    name: string,
    namespace: string | undefined,
    env?: string,
  ): Record<string, string> | undefined;
}

export interface FluxOptions {
  environments: readonly string[];
  variables: VariableSources;
}

/** The sources that are this repository: keys (`Kind/name`) and URLs. */
export interface OwnSources {
  keys: Set<string>;
  urls: Set<string>;
  /** Folder of this repository a source's artifact starts at (`Kind/name` -> folder), when not the root. */
  roots?: Map<string, string>;
}

const refKey = (ks: Record<string, any>) => {
  const ref = ks.spec?.sourceRef;
  return isMap(ref)
    ? `${String(ref.kind ?? 'GitRepository')}/${String(ref.name ?? '')}`
    : undefined;
};

/**
 * Where each source's artifact starts in this repository. An artifact built
 * from a sub-folder (an OCI artifact pushed from `./kubernetes`, an
 * ExternalArtifact of `./infrastructure`) has paths relative to that folder:
 * the folder that makes the most of the source's paths resolve wins, a
 * folder named like the source breaking ties, and never a folder holding the
 * Kustomization itself.
 */
export function sourceRoots(
  decls: FluxDecl[],
  tree: FileTree,
): Map<string, string> {
  const dirs = directories(tree);
  const votes = new Map<string, Map<string, number>>();
  for (const d of decls) {
    const key = refKey(d.obj) ?? 'GitRepository/flux-system';
    const path = normPath(String(d.obj.spec?.path ?? ''));
    if (!path) continue;
    const tally = votes.get(key) ?? new Map<string, number>();
    votes.set(key, tally);
    if (dirs.has(path)) {
      tally.set('', (tally.get('') ?? 0) + 1);
      continue;
    }
    const own = d.file.split('/').slice(0, -1).join('/');
    const candidates = [...dirs].filter(
      x => x.endsWith(`/${path}`) && !(own === x || own.startsWith(`${x}/`)),
    );
    for (const c of candidates) {
      const prefix = c.slice(0, -path.length - 1);
      tally.set(prefix, (tally.get(prefix) ?? 0) + 1 / candidates.length);
    }
  }
  const roots = new Map<string, string>();
  for (const [key, tally] of votes) {
    const name = key.split('/')[1];
    const best = [...tally].sort(
      (a, b) =>
        b[1] - a[1] ||
        Number(b[0].split('/').pop() === name) -
          Number(a[0].split('/').pop() === name) ||
        a[0].localeCompare(b[0]),
    )[0];
    if (best && best[0]) roots.set(key, best[0]);
  }
  return roots;
}

/**
 * Which declared sources are this repository: `flux-system` (the bootstrap
 * source) when declared, otherwise the source most Kustomizations use; and
 * any source with the same URL.
 */
export function ownSources(
  decls: FluxDecl[],
  sources: Map<string, Record<string, any>>,
): OwnSources {
  const keys = new Set<string>(
    ['GitRepository/flux-system', 'OCIRepository/flux-system'].filter(k =>
      sources.has(k),
    ),
  );
  if (!keys.size) {
    const counts = new Map<string, number>();
    for (const d of decls) {
      const k = refKey(d.obj);
      if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const top = [...counts].sort(
      (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
    )[0];
    if (top) keys.add(top[0]);
  }
  const urls = new Set<string>();
  for (const k of keys) {
    const url = sources.get(k)?.spec?.url;
    if (typeof url === 'string') urls.add(url);
  }
  return { keys, urls };
}

/**
 * Whether the Kustomization's source is this repository; otherwise a reason.
 * `flux-system` is this repository; so is a source not declared here, and a
 * declared one that is (or has the URL of) one of `own`.
 */
function sourceOf(
  ks: Record<string, any>,
  sources: Map<string, Record<string, any>>,
  own: OwnSources,
): string | undefined {
  const key = refKey(ks);
  if (!key) return undefined;
  const [kind, name] = key.split('/');
  if (kind === 'Bucket') return `its source is Bucket/${name}`;
  if (name === 'flux-system' || own.keys.has(key)) return undefined;
  // an artifact of a folder of this repository (ExternalArtifact, or a source whose paths resolve here)
  if (kind === 'ExternalArtifact' || own.roots?.has(key)) return undefined;
  const declared = sources.get(key);
  if (!declared) return undefined; // not declared here: assume this repository
  const url = declared.spec?.url;
  if (typeof url === 'string' && own.urls.has(url)) return undefined;
  return `its source ${key}${url ? ` (${url})` : ''} is another repository`;
}

/** The folder of this repository a Kustomization's `spec.path` names, its source's root applied. */
function fluxPath(
  tree: FileTree,
  ks: Record<string, any>,
  own: OwnSources,
): string {
  const declaredPath = normPath(String(ks.spec?.path ?? ''));
  const root = own.roots?.get(refKey(ks) ?? 'GitRepository/flux-system');
  return root &&
    (!declaredPath || !directories(tree).has(declaredPath)) &&
    directories(tree).has(normPath(`${root}/${declaredPath}`))
    ? normPath(`${root}/${declaredPath}`)
    : declaredPath;
}

/** Builds what one Flux Kustomization applies. */
export function buildFluxKustomization(
  ctx: BuildContext,
  decl: FluxDecl,
  o: FluxOptions,
  sources: Map<string, Record<string, any>>,
  own: OwnSources,
  environment?: string,
  /** Told of each Secret whose variables are unknown; by default each is an info of its own. */
  onSecretVariables?: (secret: string) => void,
): BuiltObject[] | undefined {
  const ks = decl.obj;
  const name = String(ks.metadata?.name ?? '');
  const where = { file: decl.file, line: decl.line };
  const info = (message: string) =>
    ctx.notes.push({
      kind: 'source',
      ...where,
      message: `Flux Kustomization ${name}: ${message}`,
    });
  const path = fluxPath(ctx.tree, ks, own);
  const exists = directories(ctx.tree).has(path);
  const other = sourceOf(ks, sources, own);
  if (other) {
    info(`${other}; what it applies is not analysed`);
    return undefined;
  }
  if (!exists) {
    info(
      `spec.path ${
        ks.spec?.path ?? '(none)'
      } is not a folder of this repository; what it applies is not analysed`,
    );
    return undefined;
  }
  if (String(ks.spec?.path ?? '').includes('${'))
    info(`spec.path ${ks.spec.path} uses a variable the engine does not know`);
  const spec = ks.spec ?? {};
  const overlay: Record<string, any> = {
    ...(Array.isArray(spec.components) ? { components: spec.components } : {}),
    ...(spec.targetNamespace ? { namespace: spec.targetNamespace } : {}),
    ...(spec.namePrefix ? { namePrefix: spec.namePrefix } : {}),
    ...(spec.nameSuffix ? { nameSuffix: spec.nameSuffix } : {}),
    ...(Array.isArray(spec.patches) ? { patches: spec.patches } : {}),
    ...(Array.isArray(spec.patchesStrategicMerge)
      ? { patchesStrategicMerge: spec.patchesStrategicMerge }
      : {}),
    ...(Array.isArray(spec.patchesJson6902)
      ? { patchesJson6902: spec.patchesJson6902 }
      : {}),
  };
  // Flux writes its fields into the folder's kustomization.yaml (components and
  // patches appended, the namespace set), so the folder's own patches see
  // what the components add; a folder without one gets a generated
  // kustomization, on which the fields are an overlay
  const file = kustomizationFile(ctx.tree, path);
  const folderSpec = file ? ctx.cache.data(file)[0] : undefined;
  let objects: BuiltObject[];
  if (file && isMap(folderSpec) && Object.keys(overlay).length) {
    ctx.reached.add(path);
    for (const e of ctx.cache.errors(file))
      ctx.notes.push({
        kind: 'yaml',
        file,
        line: e.line,
        message: e.message,
        ...(e.code ? { code: e.code } : {}),
      });
    const merged: Record<string, any> = { ...folderSpec };
    for (const key of [
      'components',
      'patches',
      'patchesStrategicMerge',
      'patchesJson6902',
    ])
      if (overlay[key])
        merged[key] = [
          ...(Array.isArray(folderSpec[key]) ? folderSpec[key] : []),
          ...overlay[key],
        ];
    if (overlay.namespace) merged.namespace = overlay.namespace;
    objects = accumulate(ctx, { dir: path, file, spec: merged }, [path], []);
    rewriteReferences(objects);
    // name affixes are no field Flux writes into the kustomization: an overlay
    const rest: Record<string, any> = {
      ...(overlay.namePrefix ? { namePrefix: overlay.namePrefix } : {}),
      ...(overlay.nameSuffix ? { nameSuffix: overlay.nameSuffix } : {}),
    };
    if (Object.keys(rest).length) {
      objects = accumulate(
        ctx,
        { dir: path, file: decl.file, spec: rest },
        [`flux:${name}`],
        objects,
      );
      rewriteReferences(objects);
    }
  } else {
    objects = buildDirectory(ctx, path, { generate: true });
  }
  if (!(file && isMap(folderSpec)) && Object.keys(overlay).length) {
    objects = accumulate(
      ctx,
      { dir: path, file: decl.file, spec: overlay },
      [`flux:${name}`],
      objects,
    );
    rewriteReferences(objects);
  }
  if (isMap(spec.commonMetadata)) {
    for (const b of objects) {
      const md = (b.obj.metadata ??= {});
      if (isMap(spec.commonMetadata.labels))
        md.labels = { ...(md.labels ?? {}), ...spec.commonMetadata.labels };
      if (isMap(spec.commonMetadata.annotations))
        md.annotations = {
          ...(md.annotations ?? {}),
          ...spec.commonMetadata.annotations,
        };
    }
  }
  const post = isMap(spec.postBuild) ? spec.postBuild : undefined;
  if (!post) return objects;
  const known: Record<string, string> = {};
  let complete = true;
  for (const src of Array.isArray(post.substituteFrom)
    ? post.substituteFrom
    : []) {
    if (!isMap(src)) continue;
    const srcName = String(src.name ?? '');
    if (src.kind === 'Secret') {
      complete = false;
      if (onSecretVariables) onSecretVariables(srcName);
      else
        info(
          `variables from Secret ${srcName} (postBuild.substituteFrom) are not known to the engine; \${...} references to them are left as written`,
        );
      continue;
    }
    const data = o.variables.configMap(
      srcName,
      ks.metadata?.namespace,
      environment,
    );
    if (!data) {
      complete = false;
      if (!src.optional)
        info(
          `ConfigMap ${srcName} (postBuild.substituteFrom) is not in the repository; \${...} references to its variables are left as written`,
        );
      continue;
    }
    Object.assign(known, data);
  }
  if (isMap(post.substitute))
    for (const [k, v] of Object.entries(post.substitute)) known[k] = String(v);
  for (const b of objects) {
    if (substitutionDisabled(b.obj)) continue;
    b.obj = substituteVariables(b.obj, known, complete).value;
  }
  return objects;
}

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
