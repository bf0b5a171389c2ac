/*
 * The Namespace objects of the repository and their labels, and what a
 * label selector over namespaces chooses among them: the namespaces a
 * ClusterExternalSecret reaches (its `namespaces` list and the declared
 * namespaces its selectors match), whether a store condition's
 * `namespaceSelector` admits a namespace. Every namespace also carries
 * `kubernetes.io/metadata.name`. Namespaces the repository does not declare
 * may carry any labels: they stay possible.
 */
import { requirementMatches } from '../labelSelector';
import type { DocumentsAt, ReadAt } from './documentsAt';

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

/** Labels of each declared namespace. */
export type NamespaceLabels = ReadonlyMap<string, Record<string, string>>;

/** The `v1` Namespace objects of the documents and their labels, per environment. */
export function declaredNamespaces(
  docs: ReadonlyArray<{ obj: Record<string, any>; environment: string }>,
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

/**
 * Whether a label selector over namespaces chooses a namespace; `undefined`
 * when the repository does not declare the namespace (its labels live in
 * the cluster).
 */
export function namespaceSelected(
  selector: unknown,
  namespace: string | undefined,
  declared: NamespaceLabels,
): boolean | undefined {
  const labels = namespace ? declared.get(namespace) : undefined;
  if (!namespace || !labels) return undefined;
  return selectorMatches(selector, {
    ...labels,
    'kubernetes.io/metadata.name': namespace,
  });
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
  declared: NamespaceLabels,
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
  for (const ns of declared.keys())
    if (selectors.some(s => namespaceSelected(s, ns, declared))) names.add(ns);
  return { namespaces: [...names].sort(), undeclared: selectors.length > 0 };
}

/** The namespaces an extracted ClusterExternalSecret reaches, read from its document. */
export function reachOfExtracted(
  es: ReadAt,
  docsAt: DocumentsAt<{ obj: Record<string, any> }>,
  declared: ReadonlyMap<string, NamespaceLabels>,
): NamespaceReach | undefined {
  const doc = docsAt(es).find(d => d.obj.kind === 'ClusterExternalSecret');
  return doc
    ? clusterExternalSecretReach(
        doc.obj.spec,
        declared.get(es.environment) ?? new Map(),
      )
    : undefined;
}
