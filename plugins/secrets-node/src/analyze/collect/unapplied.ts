/*
 * Secret manifests the repository holds but does not apply: files no Flux
 * Kustomization, Argo CD Application or kustomization root reaches (a
 * `bootstrap/` folder applied by hand before the delivery tool runs). They
 * produce nothing the engine can count on, but they are evidence that a
 * Secret of that name is made by hand, outside the delivery tool.
 */
import type { FileTree } from '../../tree';
import type { RenderedDoc } from '../render';
import type { YamlCache } from '../yamlCache';

const isMap = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Secret name -> the first file (in path order) holding a manifest of it that nothing applies. */
export function unappliedSecretManifests(
  tree: FileTree,
  yaml: YamlCache,
  applied: ReadonlyArray<Pick<RenderedDoc, 'file'>>,
  ignored: (path: string) => boolean,
): Map<string, string> {
  const appliedFiles = new Set(applied.map(d => d.file));
  const out = new Map<string, string>();
  for (const path of [...tree.keys()].sort()) {
    if (!/\.ya?ml$/.test(path) || appliedFiles.has(path) || ignored(path))
      continue;
    if (!/kind:\s*(Sealed)?Secret\b/.test(tree.get(path) ?? '')) continue;
    for (const v of yaml.data(path)) {
      if (!isMap(v)) continue;
      const name =
        // eslint-disable-next-line no-nested-ternary
        v.kind === 'Secret' && v.apiVersion === 'v1'
          ? v.metadata?.name
          : v.kind === 'SealedSecret'
          ? v.spec?.template?.metadata?.name ?? v.metadata?.name
          : undefined;
      if (typeof name === 'string' && name && !out.has(name))
        out.set(name, path);
    }
  }
  return out;
}
