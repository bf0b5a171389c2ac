/*
 * Every store an ExternalSecret, ClusterExternalSecret or PushSecret names:
 * its `secretStoreRef` and the `sourceRef.storeRef` of its `data` and
 * `dataFrom` items (ESO reads such an item from that store instead), or
 * every entry of a PushSecret's `secretStoreRefs` (a `labelSelector` entry
 * names no store and is left out).
 */
import type { DocumentsAt } from '../collect/documentsAt';
import type { ExtractedES } from '../extract';

type StoreRef = ExtractedES['storeRef'];

const isMap = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const asRef = (r: unknown): StoreRef | undefined =>
  isMap(r) && typeof r.name === 'string' && r.name
    ? {
        kind:
          r.kind === 'ClusterSecretStore'
            ? 'ClusterSecretStore'
            : 'SecretStore',
        name: r.name,
      }
    : undefined;

/** The stores the extracted object names, its own `storeRef` first when it has a name. */
export function storeRefsOf(
  es: ExtractedES,
  docsAt: DocumentsAt<{ obj: Record<string, any>; release: string }>,
): StoreRef[] {
  const doc = docsAt(es).find(
    d => d.obj.kind === es.kind && d.release === es.release,
  );
  const spec =
    es.kind === 'ClusterExternalSecret'
      ? doc?.obj.spec?.externalSecretSpec
      : doc?.obj.spec;
  let items: unknown[] = [];
  if (isMap(spec) && es.kind === 'PushSecret')
    items = Array.isArray(spec.secretStoreRefs) ? spec.secretStoreRefs : [];
  else if (isMap(spec))
    items = [
      ...(Array.isArray(spec.data) ? spec.data : []),
      ...(Array.isArray(spec.dataFrom) ? spec.dataFrom : []),
    ].map(i =>
      isMap(i) && isMap(i.sourceRef) ? i.sourceRef.storeRef : undefined,
    );
  const out: StoreRef[] = es.storeRef.name ? [es.storeRef] : [];
  for (const ref of items.map(asRef))
    if (ref && !out.some(r => r.kind === ref.kind && r.name === ref.name))
      out.push(ref);
  return out;
}
