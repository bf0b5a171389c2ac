/*
 * A faithful subset of `kustomize build` over the in-memory tree:
 * resources (files and directories, nested), components, generators,
 * patches, namespace, name prefix and suffix with name references, labels
 * and annotations. What it does not evaluate becomes one info note naming
 * the field. Cycles and runaway nesting are cut off.
 */
import type { FileTree } from '../../tree';
import type { YamlCache } from '../yamlCache';
import { generate } from './generators';
import { isSopsEncrypted } from './ignores';
import { prefixSuffix, rewriteReferences, setNamespace } from './names';
import {
  applyJson6902,
  type JsonPatchOp,
  matchesTarget,
  type PatchTarget,
  strategicMerge,
} from './patch';
import type { BuildNote, BuiltObject } from './types';
import { parseText } from '../yamlCache';
import { clone, directories, isMap, isRemote, joinPath } from './util';

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

const docLine = (
  ctx: BuildContext,
  file: string,
  path: Array<string | number>,
) => ctx.cache.docs(file)[0]?.lineOfPath(path);

/** Objects of one manifest file (each document with a kind), copied. */
export function readResourceFile(
  ctx: BuildContext,
  path: string,
): BuiltObject[] {
  for (const e of ctx.cache.errors(path))
    ctx.notes.push({
      kind: 'yaml',
      file: path,
      line: e.line,
      message: e.message,
      ...(e.code ? { code: e.code } : {}),
    });
  const out: BuiltObject[] = [];
  for (const d of ctx.cache.docs(path)) {
    const v = d.value;
    if (Array.isArray(v) || !isMap(v) || !v.kind) continue;
    if (v.kind === 'List' && Array.isArray(v.items)) {
      for (const item of v.items)
        if (isMap(item) && item.kind)
          out.push({ obj: clone(item), file: path, line: d.line });
      continue;
    }
    const encrypted = isSopsEncrypted(v);
    const obj = clone(v);
    if (encrypted) delete obj.sops;
    out.push({
      obj,
      file: path,
      line: d.line,
      lineOfPath: p => d.lineOfPath(p),
      ...(encrypted ? { encrypted } : {}),
    });
  }
  return out;
}

/**
 * Builds a directory with a kustomization file. When it has none and
 * `generate` is set, Flux's rule applies: every manifest below it, and
 * sub-directories that have a kustomization as a whole.
 */
export function buildDirectory(
  ctx: BuildContext,
  dir: string,
  opts: { generate?: boolean } = {},
  stack: string[] = [],
): BuiltObject[] {
  const list = accumulateDirectory(ctx, dir, opts, stack, []);
  rewriteReferences(list);
  return list;
}

function accumulateDirectory(
  ctx: BuildContext,
  dir: string,
  opts: { generate?: boolean },
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
  for (const e of ctx.cache.errors(file))
    ctx.notes.push({
      kind: 'yaml',
      file,
      line: e.line,
      message: e.message,
      ...(e.code ? { code: e.code } : {}),
    });
  const spec = ctx.cache.data(file)[0];
  if (!isMap(spec)) return input;
  if (component && spec.kind !== 'Component')
    ctx.notes.push({
      kind: 'source',
      file,
      message: `${dir} is listed under components but is not a kind: Component kustomization`,
    });
  return accumulate(ctx, { dir, file, spec }, [...stack, dir], input);
}

/** Flux's generated kustomization: manifests below `dir`, sub-kustomizations as a whole. */
function generatedResources(
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

function note(
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
  if (Array.isArray(spec.helmCharts) && spec.helmCharts.length) {
    note(
      ctx,
      k,
      'helmCharts',
      `helmCharts (${spec.helmCharts
        .map((c: any) => c?.name)
        .filter(Boolean)
        .join(
          ', ',
        )}) are not rendered by the engine; their objects are not analysed`,
    );
  }
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

/** secretGenerator and configMapGenerator objects, merged into `list` where `behavior` says so. */
function addGenerated(
  ctx: BuildContext,
  k: KustomizationSpec,
  list: BuiltObject[],
) {
  const { spec, dir } = k;
  const genOptions = isMap(spec.generatorOptions) ? spec.generatorOptions : {};
  for (const kind of ['Secret', 'ConfigMap'] as const) {
    const field = kind === 'Secret' ? 'secretGenerator' : 'configMapGenerator';
    const gens: unknown[] = Array.isArray(spec[field]) ? spec[field] : [];
    for (let i = 0; i < gens.length; i++) {
      const g = gens[i];
      if (!isMap(g)) continue;
      const made = generate({
        tree: ctx.tree,
        dir,
        file: k.file,
        line: docLine(ctx, k.file, [field, i]),
        kind,
        spec: g,
        options: genOptions,
        notes: ctx.notes,
      });
      if (!made) continue;
      const existing =
        g.behavior === 'merge' || g.behavior === 'replace'
          ? findGenerated(list, kind, g)
          : undefined;
      if (existing) {
        existing.obj.data =
          g.behavior === 'merge'
            ? { ...(existing.obj.data ?? {}), ...made.obj.data }
            : made.obj.data;
        existing.encrypted = Boolean(existing.encrypted && made.encrypted);
      } else list.push(made);
    }
  }
}

function findGenerated(
  list: BuiltObject[],
  kind: string,
  g: Record<string, any>,
): BuiltObject | undefined {
  return list.find(
    b =>
      b.obj.kind === kind &&
      (b.obj.metadata?.name === g.name ||
        b.previousNames?.includes(String(g.name))) &&
      (!g.namespace || b.obj.metadata?.namespace === g.namespace),
  );
}

interface PatchEntry {
  text?: string;
  file: string;
  target?: PatchTarget;
  json?: boolean;
}

/** Patch entries of `patches`, `patchesStrategicMerge` and `patchesJson6902`, resolved to text. */
function patchEntries(ctx: BuildContext, k: KustomizationSpec): PatchEntry[] {
  const { spec, dir } = k;
  const out: PatchEntry[] = [];
  const textOf = (p: any, field: string): { text?: string; file: string } => {
    if (typeof p?.patch === 'string') return { text: p.patch, file: k.file };
    if (typeof p?.path === 'string') {
      const path = joinPath(dir, p.path);
      const text = ctx.tree.get(path);
      if (text === undefined)
        note(ctx, k, field, `patch file ${p.path} is not in the repository`);
      return { text, file: path };
    }
    return { file: k.file };
  };
  for (const p of Array.isArray(spec.patches) ? spec.patches : [])
    out.push({
      ...textOf(p, 'patches'),
      target: isMap(p?.target) ? p.target : undefined,
    });
  for (const p of Array.isArray(spec.patchesStrategicMerge)
    ? spec.patchesStrategicMerge
    : []) {
    if (typeof p !== 'string') continue;
    const path = joinPath(dir, p);
    if (!p.includes('\n') && ctx.tree.has(path))
      out.push({ text: ctx.tree.get(path), file: path });
    else if (p.includes('\n') || p.includes(':'))
      out.push({ text: p, file: k.file });
    else
      note(
        ctx,
        k,
        'patchesStrategicMerge',
        `patch file ${p} is not in the repository`,
      );
  }
  for (const p of Array.isArray(spec.patchesJson6902)
    ? spec.patchesJson6902
    : [])
    out.push({
      ...textOf(p, 'patchesJson6902'),
      target: isMap(p?.target) ? p.target : undefined,
      json: true,
    });
  return out;
}

/** Applies a kustomization's patches to the objects accumulated so far. */
export function applyPatches(
  ctx: BuildContext,
  k: KustomizationSpec,
  input: BuiltObject[],
): BuiltObject[] {
  let list = input;
  for (const p of patchEntries(ctx, k)) {
    if (p.text === undefined) continue;
    const parsed = parseText(p.text, p.file);
    if (parsed.errors.length) {
      ctx.notes.push({
        kind: 'yaml',
        file: p.file,
        line: parsed.errors[0].line,
        message: `patch is not valid YAML: ${parsed.errors[0].message}`,
      });
      continue;
    }
    for (const d of parsed.docs) {
      const v = d.value;
      if (Array.isArray(v) || p.json) {
        if (!p.target) {
          note(
            ctx,
            k,
            'patches',
            'a JSON 6902 patch has no target and was not applied',
          );
          continue;
        }
        for (const b of list) {
          if (!matchesTarget(b.obj, p.target)) continue;
          const err = applyJson6902(
            b.obj,
            (Array.isArray(v) ? v : []) as JsonPatchOp[],
          );
          if (err)
            note(
              ctx,
              k,
              'patches',
              `${err} in ${b.obj.kind}/${b.obj.metadata?.name}; the patch was applied up to that operation`,
            );
        }
        continue;
      }
      if (!isMap(v)) continue;
      const selector: PatchTarget = p.target ?? {
        kind: v.kind ? String(v.kind) : undefined,
        name: v.metadata?.name
          ? String(v.metadata.name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          : undefined,
        namespace: v.metadata?.namespace
          ? String(v.metadata.namespace).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          : undefined,
      };
      const patch = p.target
        ? { ...v, metadata: { ...(v.metadata ?? {}) } }
        : v;
      if (p.target) {
        delete patch.metadata.name;
        delete patch.metadata.namespace;
        delete patch.kind;
        delete patch.apiVersion;
      }
      let matched = false;
      const next: BuiltObject[] = [];
      for (const b of list) {
        if (!matchesTarget(b.obj, selector)) {
          next.push(b);
          continue;
        }
        matched = true;
        const merged = strategicMerge(b.obj, patch);
        if (merged === undefined) continue; // $patch: delete removes the object
        b.obj = merged as Record<string, any>;
        next.push(b);
      }
      list = next;
      if (!matched && !p.target)
        note(
          ctx,
          k,
          'patches',
          `a patch names ${v.kind}/${v.metadata?.name}, which the build does not contain`,
        );
    }
  }
  return list;
}
