/*
 * Kubernetes label selectors (`matchLabels`, `matchExpressions` with In,
 * NotIn, Exists, DoesNotExist), as the cluster generator and the
 * post-selector of every generator use them.
 */
import { requirementMatches } from '../../labelSelector';
import { isMap } from './types';

/** Whether the selector is empty (selects everything). */
export function emptySelector(selector: unknown): boolean {
  if (!isMap(selector)) return true;
  const labels = isMap(selector.matchLabels)
    ? Object.keys(selector.matchLabels)
    : [];
  const exprs = Array.isArray(selector.matchExpressions)
    ? selector.matchExpressions
    : [];
  return !labels.length && !exprs.length;
}

export function matchesSelector(
  selector: unknown,
  labels: Record<string, string>,
): boolean {
  if (!isMap(selector)) return true;
  if (isMap(selector.matchLabels)) {
    for (const [k, v] of Object.entries(selector.matchLabels))
      if (labels[k] !== String(v)) return false;
  }
  for (const e of Array.isArray(selector.matchExpressions)
    ? selector.matchExpressions
    : []) {
    if (!isMap(e)) return false;
    const key = String(e.key ?? '');
    if (!requirementMatches(e.operator, key, e.values, labels)) return false;
  }
  return true;
}

/** A parameter set flattened to `a.b.c` string labels, as the post-selector sees it. */
export function flatLabels(
  params: Record<string, unknown>,
): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (v: unknown, prefix: string, depth: number) => {
    if (depth > 32) return;
    if (isMap(v)) {
      for (const [k, x] of Object.entries(v))
        walk(x, prefix ? `${prefix}.${k}` : k, depth + 1);
    } else if (Array.isArray(v)) {
      v.forEach((x, i) =>
        walk(x, prefix ? `${prefix}.${i}` : String(i), depth + 1),
      );
    } else if (prefix) {
      out[prefix] = v === null || v === undefined ? '<nil>' : String(v);
    }
  };
  walk(params, '', 0);
  return out;
}
