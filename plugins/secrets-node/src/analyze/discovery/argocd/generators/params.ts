/* Generator parameters: merging, flattening (the fasttemplate shape) and the generators' own values. */

import { replaceString } from '../template';
import { type Params, type TemplateMode, isMap } from '../types';

/** Deep merge of parameter maps, `over` winning (mergo with override). */
export function mergeParams(base: Params, over: Params): Params {
  const out: Params = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isMap(v) && isMap(out[k]) ? mergeParams(out[k] as Params, v) : v;
  }
  return out;
}

/** Go's `%v` of a decoded YAML/JSON scalar. */
function goString(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  return String(v);
}

/** Flattens an object to `a.b.c` / `a.0` keys with string values (fasttemplate mode). */
export function flatten(
  v: unknown,
  prefix: string,
  out: Params,
  depth = 0,
): Params {
  if (depth > 32) return out;
  if (isMap(v)) {
    for (const [k, x] of Object.entries(v))
      flatten(x, prefix ? `${prefix}.${k}` : k, out, depth + 1);
  } else if (Array.isArray(v)) {
    v.forEach((x, i) =>
      flatten(x, prefix ? `${prefix}.${i}` : String(i), out, depth + 1),
    );
  } else if (prefix) out[prefix] = goString(v);
  return out;
}

/** The generator's `values`, rendered with its own parameters and added under `values`. */
export function withValues(
  params: Params,
  values: unknown,
  mode: TemplateMode,
): Params {
  if (!isMap(values)) return params;
  const rendered: Record<string, string> = {};
  for (const [k, v] of Object.entries(values))
    rendered[k] = replaceString(String(v ?? ''), params, mode);
  if (mode.goTemplate) return { ...params, values: rendered };
  const out = { ...params };
  for (const [k, v] of Object.entries(rendered)) out[`values.${k}`] = v;
  return out;
}
