/* Environment names of Flux Kustomizations, from their path in the repository. */

import type { FileTree } from '../../../tree';
import { normPath } from '../../kustomize/util';
import type { YamlCache } from '../../yamlCache';
import { isFluxKustomization } from './buildKustomization';

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
