/*
 * Which namespaces a ClusterExternalSecret reaches: its `namespaces` list,
 * and the Namespace objects of the repository its label selectors match
 * (every namespace also carries `kubernetes.io/metadata.name`). Namespaces
 * the repository does not declare may carry any labels: they stay possible.
 */
import { requirementMatches } from '../labelSelector';
import type { RenderedDoc } from '../render';

const isMap = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a Kubernetes label selector (matchLabels, matchExpressions) matches labels. */
export function selectorMatches(
  selector: unknown,
  labels: Record<string, string>,
): boolean {
  if (!isMap(selector)) return false;
  for (const [k, v] of Object.entries(
    isMap(selector.matchLabels) ? selector.matchLabels : {},
  ))
    if (labels[k] !== String(v)) return false;
  for (const e of Array.isArray(selector.matchExpressions)
    ? selector.matchExpressions
    : []) {
    if (!isMap(e) || typeof e.key !== 'string') return false;
    if (!requirementMatches(e.operator, e.key, e.values, labels)) return false;
  }
  return true;
}

export interface NamespaceReach {
  /** Declared namespaces it reaches. */
  namespaces: string[];
  /** It may also reach namespaces the repository does not declare. */
  undeclared: boolean;
}

/** The namespaces a ClusterExternalSecret spec reaches, given the repository's Namespace objects. */
export function clusterExternalSecretReach(
  spec: unknown,
  declared: ReadonlyMap<string, Record<string, string>>,
): NamespaceReach | undefined {
  if (!isMap(spec)) return undefined;
  const names = new Set<string>(
    Array.isArray(spec.namespaces) ? spec.namespaces.map(String) : [],
  );
  const selectors = [
    ...(Array.isArray(spec.namespaceSelectors) ? spec.namespaceSelectors : []),
    ...(isMap(spec.namespaceSelector) ? [spec.namespaceSelector] : []),
  ];
  if (!names.size && !selectors.length) return undefined;
  for (const [ns, labels] of declared) {
    const all = { ...labels, 'kubernetes.io/metadata.name': ns };
    if (selectors.some(s => selectorMatches(s, all))) names.add(ns);
  }
  return { namespaces: [...names].sort(), undeclared: selectors.length > 0 };
}

/** The Namespace objects of the repository and their labels, per environment. */
export function declaredNamespaces(
  docs: readonly RenderedDoc[],
): Map<string, Map<string, Record<string, string>>> {
  const out = new Map<string, Map<string, Record<string, string>>>();
  for (const d of docs) {
    if (d.obj.kind !== 'Namespace' || d.obj.apiVersion !== 'v1') continue;
    const name = d.obj.metadata?.name;
    if (typeof name !== 'string' || !name) continue;
    let m = out.get(d.environment);
    if (!m) out.set(d.environment, (m = new Map()));
    const labels = isMap(d.obj.metadata?.labels) ? d.obj.metadata.labels : {};
    m.set(
      name,
      Object.fromEntries(
        Object.entries(labels).map(([k, v]) => [k, String(v)]),
      ),
    );
  }
  return out;
}
