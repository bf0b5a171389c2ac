/*
 * Argo CD discovery over a repository: every Application and ApplicationSet
 * declared in plain YAML (chart templates excluded: those are read from the
 * rendered output, see appOfApps.ts), read as Argo CD renders them.
 */
import type { FileTree } from '../../../tree';
import type { YamlCache } from '../../yamlCache';
import { directorySelects } from '../../applied/directorySources';
import { kustomizationFile } from '../../kustomize/build';
import { normPath } from '../../kustomize/util';
import { readApplication } from './application';
import { expandApplicationSet } from './applicationSet';
import {
  type ArgoContext,
  type ArgoNote,
  type ArgoRelease,
  type ArgoSettings,
  type DirectorySource,
  isMap,
} from './types';

export interface ArgoDiscovery {
  releases: ArgoRelease[];
  directories: DirectorySource[];
  notes: ArgoNote[];
}

/** An Argo CD object of a parsed document, if it is one. */
export function argoKind(
  obj: unknown,
): 'Application' | 'ApplicationSet' | undefined {
  if (!isMap(obj) || !String(obj.apiVersion ?? '').startsWith('argoproj.io/'))
    return undefined;
  return obj.kind === 'Application' || obj.kind === 'ApplicationSet'
    ? obj.kind
    : undefined;
}

/** Reads one Argo CD object (Application or ApplicationSet) into releases and directory sources. */
export function readArgoObject(
  obj: Record<string, any>,
  ctx: ArgoContext,
  where: { file: string; line?: number },
  inheritedEnv?: string,
): Omit<ArgoDiscovery, 'notes'> {
  const out: Omit<ArgoDiscovery, 'notes'> = { releases: [], directories: [] };
  const kind = argoKind(obj);
  if (!kind) return out;
  const origin = {
    ...where,
    what: `${kind}/${String(obj.metadata?.name ?? '')}`,
  };
  const apps =
    kind === 'Application'
      ? [{ app: obj, params: undefined }]
      : expandApplicationSet(obj, ctx, origin);
  for (const { app, params } of apps) {
    const read = readApplication(app, ctx, origin, params, inheritedEnv);
    out.releases.push(...read.releases);
    out.directories.push(...read.directories);
  }
  return out;
}

export function argoContext(
  tree: FileTree,
  cache: YamlCache,
  chartDirs: Iterable<string>,
  settings: ArgoSettings,
): ArgoContext {
  return { tree, cache, settings, chartDirs: new Set(chartDirs), notes: [] };
}

/** Every Argo CD declaration of the repository's plain YAML files. */
export function discoverArgo(ctx: ArgoContext): ArgoDiscovery {
  const out: ArgoDiscovery = {
    releases: [],
    directories: [],
    notes: ctx.notes,
  };
  const inChart = (path: string) => {
    for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1))
      if (ctx.chartDirs.has(path.slice(0, i))) return true;
    return false;
  };
  for (const path of [...ctx.tree.keys()].sort()) {
    if (!/\.ya?ml$/.test(path) || inChart(path)) continue;
    const text = ctx.tree.get(path)!;
    if (
      !text.includes('argoproj.io') ||
      !/kind:\s*["']?Application(Set)?\b/.test(text)
    )
      continue;
    for (const { value, line } of ctx.cache.docs(path)) {
      if (!argoKind(value)) continue;
      const read = readArgoObject(value as Record<string, any>, ctx, {
        file: path,
        line,
      });
      out.releases.push(...read.releases);
      out.directories.push(...read.directories);
    }
  }
  return withoutUnapplied(out, ctx);
}

/**
 * Drops what files no Application applies declare: a file under the folder
 * of another Application's plain-directory source that the source's
 * directory settings leave out (`exclude`, `include`, no `recurse`) is not
 * applied, so neither are the Applications in it.
 */
function withoutUnapplied(out: ArgoDiscovery, ctx: ArgoContext): ArgoDiscovery {
  const plain = out.directories.filter(
    d => !kustomizationFile(ctx.tree, normPath(d.path)),
  );
  const excludedBy = new Map<string, DirectorySource>();
  const files = new Set([
    ...out.releases.map(r => r.file),
    ...out.directories.map(d => d.file),
  ]);
  for (const file of files) {
    const under = plain.filter(
      d =>
        d.file !== file &&
        (normPath(d.path) === '' || file.startsWith(`${normPath(d.path)}/`)),
    );
    if (!under.length || under.some(d => directorySelects(d, file))) continue;
    excludedBy.set(file, under[0]);
  }
  if (!excludedBy.size) return out;
  for (const [file, d] of excludedBy)
    ctx.notes.push({
      file,
      message: `${file} lies under ${d.path}, which ${d.name} applies as a plain directory, but its directory settings leave the file out: what it declares is not applied and was not analysed`,
    });
  return {
    ...out,
    releases: out.releases.filter(r => !excludedBy.has(r.file)),
    directories: out.directories.filter(x => !excludedBy.has(x.file)),
  };
}

/** Environment names the declarations give, sorted (input for environment inference). */
export function environmentsOf(
  d: Pick<ArgoDiscovery, 'releases' | 'directories'>,
): string[] {
  const envs = new Set<string>();
  for (const r of d.releases) if (r.env) envs.add(r.env);
  for (const s of d.directories) if (s.environment) envs.add(s.environment);
  return [...envs].sort();
}
