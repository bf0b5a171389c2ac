/* The Flux sources (GitRepository, OCIRepository, Bucket) that are this repository, and where a Kustomization's path points in it. */

import type { FileTree } from '../../../tree';
import { directories, isMap, normPath } from '../../kustomize/util';
import { FluxDecl } from './buildKustomization';

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
export function sourceOf(
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
export function fluxPath(
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
