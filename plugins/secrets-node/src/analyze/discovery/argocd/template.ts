/*
 * Applies a parameter set to every string of a template (values and map
 * keys), in the ApplicationSet's template mode, as Argo CD does field by
 * field. Null fields are dropped like the unset fields of a typed object.
 */
import { fastReplace } from './fasttemplate';
import { goReplace } from './goTemplate';
import { isMap, type Params, type TemplateMode } from './types';

/** Renders one string in the given mode. Throws ArgoTemplateError. */
export function replaceString(
  text: string,
  params: Params,
  mode: TemplateMode,
): string {
  return mode.goTemplate
    ? goReplace(text, params, mode)
    : fastReplace(text, params);
}

/** Renders every string field (and map key) of a value. Throws ArgoTemplateError. */
export function renderFields<T>(
  value: T,
  params: Params,
  mode: TemplateMode,
): T {
  const walk = (v: unknown, depth: number): unknown => {
    if (depth > 64) return v;
    if (typeof v === 'string') return replaceString(v, params, mode);
    if (Array.isArray(v)) return v.map(x => walk(x, depth + 1));
    if (isMap(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (x === null || x === undefined) continue;
        out[replaceString(k, params, mode)] = walk(x, depth + 1);
      }
      return out;
    }
    return v;
  };
  return walk(value, 0) as T;
}
