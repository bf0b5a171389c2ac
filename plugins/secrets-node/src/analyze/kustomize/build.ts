/*
 * A faithful subset of `kustomize build` over the in-memory tree:
 * resources (files and directories, nested), components, generators,
 * patches, namespace, name prefix and suffix with name references, labels
 * and annotations; `helmCharts` become release requests (see helmCharts). What it does not evaluate becomes one info note naming
 * the field. Cycles and runaway nesting are cut off.
 */
import type { FileTree } from '../../tree';
import { prefixSuffix, rewriteReferences, setNamespace } from './names';
import type { BuiltObject } from './types';
import { directories, isMap, isRemote, joinPath } from './util';
import { BuildContext, KustomizationSpec, note } from './context';
import { noteYamlErrors, readResourceFile } from './resources';
import { addGenerated } from './generatedObjects';
import { applyPatches } from './applyPatches';
import { inflationRequests } from './helmCharts';

export const KUSTOMIZATION_FILES = [
  'kustomization.yaml',
  'kustomization.yml',
  'Kustomization',
];

/** The kustomization file of a directory, if it has one. */
export function kustomizationFile(
  tree: FileTree,
  dir: string,
): string | undefined {
  return KUSTOMIZATION_FILES.map(f => (dir ? `${dir}/${f}` : f)).find(f =>
    tree.has(f),
  );
}

const MAX_DEPTH = 24;

/** Fields read; anything else at the top level of a kustomization is reported once. */
const HANDLED = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'resources',
  'bases',
  'components',
  'namespace',
  'namePrefix',
  'nameSuffix',
  'patches',
  'patchesStrategicMerge',
  'patchesJson6902',
  'secretGenerator',
  'configMapGenerator',
  'generatorOptions',
  'commonLabels',
  'labels',
  'commonAnnotations',
  'helmCharts',
  'helmGlobals',
  // no effect on which Secrets exist or who reads them
  'images',
  'replicas',
  'sortOptions',
  'buildMetadata',
  'openapi',
  'crds',
]);

/**
 * Builds a directory with a kustomization file. When it has none and
 * `generate` is set, Flux's rule applies: every manifest below it, and
 * sub-directories that have a kustomization as a whole.
 */
export function buildDirectory(
  ctx: BuildContext,
  dir: string,
  opts: BuildOptions = {},
  stack: string[] = [],
): BuiltObject[] {
  const list = accumulateDirectory(ctx, dir, opts, stack, []);
  rewriteReferences(list);
  return list;
}

export interface BuildOptions {
  /** Without a kustomization file, read the manifests below the folder (Flux's rule). */
  generate?: boolean;
  /** Fields set on the root kustomization before building, replacing its own (`kustomize edit set`). */
  edits?: Record<string, string>;
}

export function accumulateDirectory(
  ctx: BuildContext,
  dir: string,
  opts: BuildOptions,
  stack: string[],
  input: BuiltObject[],
  component = false,
): BuiltObject[] {
  const file = kustomizationFile(ctx.tree, dir);
  if (stack.includes(dir) || stack.length > MAX_DEPTH) {
    ctx.notes.push({
      kind: 'source',
      file: file ?? dir,
      message: `${
        stack.includes(dir)
          ? 'a cycle of kustomizations'
          : 'kustomizations nested too deep'
      } (${[...stack, dir].join(' -> ')}): ${dir || '.'} was not built again`,
    });
    return input;
  }
  ctx.reached.add(dir);
  if (!file) {
    if (!opts.generate) {
      ctx.notes.push({
        kind: 'source',
        file: dir || '.',
        message: `${
          dir || '.'
        } is used as a kustomization but has no kustomization.yaml`,
      });
      return input;
    }
    return [...input, ...generatedResources(ctx, dir, [...stack, dir])];
  }
  noteYamlErrors(ctx, file);
  const read = ctx.cache.data(file)[0];
  if (!isMap(read)) return input;
  const spec = opts.edits ? { ...read, ...opts.edits } : read;
  if (component && spec.kind !== 'Component')
    ctx.notes.push({
      kind: 'source',
      file,
      message: `${dir} is listed under components but is not a kind: Component kustomization`,
    });
  return accumulate(ctx, { dir, file, spec }, [...stack, dir], input);
}

/** Resources, components, generators, then transformers, in Kustomize's order. */
export function accumulate(
  ctx: BuildContext,
  k: KustomizationSpec,
  stack: string[],
  input: BuiltObject[] = [],
): BuiltObject[] {
  const { spec, dir } = k;
  for (const key of Object.keys(spec)) {
    if (!HANDLED.has(key))
      note(
        ctx,
        k,
        key,
        `kustomization field "${key}" is not evaluated by the engine; objects it would produce or change are not analysed`,
      );
  }
  let list = [...input];
  const entries = [
    ...(Array.isArray(spec.resources) ? spec.resources : []),
    ...(Array.isArray(spec.bases) ? spec.bases : []),
  ];
  for (const entry of entries) {
    if (typeof entry !== 'string') continue;
    if (isRemote(entry)) {
      note(
        ctx,
        k,
        'resources',
        `remote resource ${entry} is not fetched; its objects are not analysed`,
      );
      continue;
    }
    const path = joinPath(dir, entry);
    if (ctx.tree.has(path)) list.push(...readResourceFile(ctx, path));
    else if (directories(ctx.tree).has(path))
      list.push(...accumulateDirectory(ctx, path, {}, stack, []));
    else
      note(
        ctx,
        k,
        'resources',
        `resource ${entry} (${path}) is not in the repository`,
      );
  }
  for (const entry of Array.isArray(spec.components) ? spec.components : []) {
    if (typeof entry !== 'string') continue;
    if (isRemote(entry)) {
      note(
        ctx,
        k,
        'components',
        `remote component ${entry} is not fetched; what it adds is not analysed`,
      );
      continue;
    }
    const path = joinPath(dir, entry);
    if (!directories(ctx.tree).has(path)) {
      note(
        ctx,
        k,
        'components',
        `component ${entry} (${path}) is not in the repository`,
      );
      continue;
    }
    list = accumulateDirectory(ctx, path, {}, stack, list, true);
  }
  list.push(...inflationRequests(ctx, k));
  addGenerated(ctx, k, list);
  list = applyPatches(ctx, k, list);
  if (typeof spec.namespace === 'string' && spec.namespace)
    setNamespace(list, spec.namespace);
  if (spec.namePrefix || spec.nameSuffix)
    prefixSuffix(
      list,
      String(spec.namePrefix ?? ''),
      String(spec.nameSuffix ?? ''),
    );
  const labels: Record<string, unknown> = {
    ...(isMap(spec.commonLabels) ? spec.commonLabels : {}),
  };
  for (const l of Array.isArray(spec.labels) ? spec.labels : [])
    if (isMap(l?.pairs)) Object.assign(labels, l.pairs);
  const annotations = isMap(spec.commonAnnotations)
    ? spec.commonAnnotations
    : {};
  if (Object.keys(labels).length || Object.keys(annotations).length) {
    for (const b of list) {
      const md = (b.obj.metadata ??= {});
      if (Object.keys(labels).length)
        md.labels = { ...(md.labels ?? {}), ...labels };
      if (Object.keys(annotations).length)
        md.annotations = { ...(md.annotations ?? {}), ...annotations };
    }
  }
  return list;
}

/** Flux's generated kustomization: manifests below `dir`, sub-kustomizations as a whole. */
export function generatedResources(
  ctx: BuildContext,
  dir: string,
  stack: string[],
): BuiltObject[] {
  const dirs = directories(ctx.tree);
  const out: BuiltObject[] = [];
  const visit = (d: string) => {
    const prefix = d ? `${d}/` : '';
    const files: string[] = [];
    const subs = new Set<string>();
    for (const path of ctx.tree.keys()) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      const i = rest.indexOf('/');
      if (i < 0) files.push(path);
      else subs.add(prefix + rest.slice(0, i));
    }
    for (const f of files.sort()) {
      if (!/\.ya?ml$/.test(f) || ctx.ignored?.(f)) continue;
      out.push(...readResourceFile(ctx, f));
    }
    for (const s of [...subs].sort()) {
      if (!dirs.has(s) || ctx.ignored?.(`${s}/`)) continue;
      if (kustomizationFile(ctx.tree, s))
        out.push(...accumulateDirectory(ctx, s, {}, stack, []));
      else visit(s);
    }
  };
  visit(dir);
  return out;
}
