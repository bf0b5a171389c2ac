/*
 * `templatePatch`: Argo CD applies the rendered patch to the generated
 * Application as a Kubernetes strategic merge patch. The Application type
 * declares no list merge keys, so the patch behaves as a JSON merge patch:
 * maps merge key by key, `null` deletes a key, a list (`sources`,
 * `valueFiles`, `syncOptions`) replaces the list it patches. The
 * `$patch: replace` and `$patch: delete` directives of maps are honoured,
 * and the project cannot be changed by a patch.
 */
import { isMap } from './types';

function mergePatch(target: unknown, patch: unknown, depth: number): unknown {
  if (!isMap(patch)) return patch;
  const directive = patch.$patch;
  if (directive === 'delete') return undefined;
  const base: Record<string, unknown> =
    directive !== 'replace' && isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch') continue;
    if (v === null) {
      delete base[k];
      continue;
    }
    const merged = depth > 64 ? v : mergePatch(base[k], v, depth + 1);
    if (merged === undefined) delete base[k];
    else base[k] = merged;
  }
  return base;
}

/** The Application after the patch. */
export function applyTemplatePatch(
  app: Record<string, any>,
  patch: Record<string, unknown>,
): Record<string, any> {
  const out = mergePatch(app, patch, 0) as Record<string, any>;
  const project = app.spec?.project;
  if (isMap(out.spec)) {
    if (project === undefined) delete out.spec.project;
    else out.spec.project = project;
  }
  return out;
}
