/*
 * Small helpers shared by the Kustomize build and the Flux readers: paths
 * inside the repository, directories of a file tree, deep copies.
 */
import type { FileTree } from '../../tree';

export const isMap = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Normalises a repo-relative path: no `.`, no empty segments, `..` resolved. */
export function normPath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

export const joinPath = (dir: string, rel: string) =>
  normPath(rel.startsWith('/') ? rel : `${dir}/${rel}`);

export const baseOf = (path: string) => path.split('/').pop() ?? '';

/** A deep copy of parsed YAML data (plain maps, lists and scalars). */
export function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as unknown as T;
  if (isMap(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = clone(x);
    return out as T;
  }
  return v;
}

const dirIndex = new WeakMap<FileTree, { size: number; dirs: Set<string> }>();

/** Every directory of the tree (repo-relative, `''` is the root). */
export function directories(tree: FileTree): Set<string> {
  const hit = dirIndex.get(tree);
  if (hit && hit.size === tree.size) return hit.dirs;
  const dirs = new Set<string>(['']);
  for (const path of tree.keys()) {
    for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1))
      dirs.add(path.slice(0, i));
  }
  dirIndex.set(tree, { size: tree.size, dirs });
  return dirs;
}

/** Whether a resource entry names something outside the repository (URL, git or OCI reference). */
export const isRemote = (entry: string) =>
  /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ||
  /^git@/.test(entry) ||
  /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry) ||
  /\?ref=|\/\/.*\?/.test(entry);
