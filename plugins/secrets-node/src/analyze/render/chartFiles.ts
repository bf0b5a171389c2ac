/* The files of a chart as the renderer reads them, and the files a chart's dependencies add. */

import type { Values } from '../../helm';
import type { FileTree } from '../../tree';
import { parseYamlValue } from '../../yaml';
import { joinPath } from '../kustomize/util';

export const asValues = (v: unknown): Values =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Values) : {};

/** Element-wise equality; unchanged file texts are the same strings, so this is cheap. */
export function sameList(
  a: ReadonlyArray<unknown>,
  b: ReadonlyArray<unknown>,
): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Every file under each directory of a tree, computed once per tree. */
const filesUnder = new WeakMap<FileTree, Map<string, string[]>>();

function chartFiles(tree: FileTree, dir: string): string[] {
  let index = filesUnder.get(tree);
  if (!index) {
    index = new Map();
    for (const path of tree.keys()) {
      for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
        const d = path.slice(0, i);
        const list = index.get(d);
        if (list) list.push(path);
        else index.set(d, [path]);
      }
    }
    filesUnder.set(tree, index);
  }
  return index.get(dir) ?? [];
}

const depsByText = new Map<string, Array<{ name: string; repo: string }>>();

/** The `file://` dependencies of a Chart.yaml, parsed once per text. */
function fileDependencies(text: string): Array<{ name: string; repo: string }> {
  if (!text.includes('file://')) return [];
  let deps = depsByText.get(text);
  if (deps) return deps;
  deps = [];
  // an unreadable Chart.yaml is reported where the chart is loaded
  const parsed = parseYamlValue(text, 'Chart.yaml');
  const meta = 'value' in parsed ? (parsed.value as any) : undefined;
  for (const d of Array.isArray(meta?.dependencies) ? meta.dependencies : []) {
    const repo = typeof d?.repository === 'string' ? d.repository : '';
    const name = typeof d?.name === 'string' ? d.name : '';
    if (repo.startsWith('file://') && name && !name.includes('/'))
      deps.push({ name, repo });
  }
  if (depsByText.size > 5000) depsByText.clear();
  depsByText.set(text, deps);
  return deps;
}

/**
 * The files of a chart by chart-relative path, with the in-repository
 * dependencies Chart.yaml declares as `repository: file://<dir>` placed
 * under `charts/<name>/`, as `helm dependency build` (which Argo CD and
 * Flux run) would vendor them. A dependency already vendored wins.
 */
export function chartFileMap(
  tree: FileTree,
  dir: string,
  depth = 0,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of chartFiles(tree, dir)) out.set(p.slice(dir.length + 1), p);
  if (depth > 4) return out;
  for (const { name, repo } of fileDependencies(
    tree.get(`${dir}/Chart.yaml`) ?? '',
  )) {
    const target = joinPath(dir, repo.slice('file://'.length));
    if (target === dir || !tree.has(`${target}/Chart.yaml`)) continue;
    const prefix = `charts/${name}/`;
    if ([...out.keys()].some(k => k.startsWith(prefix))) continue;
    for (const [rel, p] of chartFileMap(tree, target, depth + 1))
      out.set(`${prefix}${rel}`, p);
  }
  return out;
}
