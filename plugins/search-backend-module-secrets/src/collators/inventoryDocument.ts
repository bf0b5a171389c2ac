/*
 * Pure: one inventory item -> one search document. Names only, as the
 * inventory holds them.
 */
import type {
  InventoryItem,
  SecretsSearchDocument,
} from '@ameideio/plugin-secrets-common';
import type { IndexableDocument } from '@backstage/plugin-search-common';

/** A document of type `secrets`. @public */
export type SecretsIndexableDocument = SecretsSearchDocument &
  IndexableDocument;

const LABELS: Record<InventoryItem['kind'], string> = {
  ExternalSecret: 'ExternalSecret',
  ClusterExternalSecret: 'ClusterExternalSecret',
  PushSecret: 'PushSecret',
  Secret: 'Secret',
  VaultKey: 'Vault key',
  RemoteKey: 'Remote key',
};

function parseRef(ref: string) {
  const m = /^([^:]+):([^/]+)\/(.+)$/.exec(ref);
  return m ? { kind: m[1], namespace: m[2], name: m[3] } : undefined;
}

const list = (label: string, values: string[]) =>
  values.length ? ` ${label} ${values.join(', ')}.` : '';

/**
 * The search document of an inventory item, linking to the owning entity's
 * Secrets tab; `undefined` for an item without a known owner (the search
 * index shows documents by their owning entity's `secrets.entity.read`).
 * @public
 */
export function inventoryDocument(
  item: InventoryItem,
  locationTemplate: string,
): SecretsIndexableDocument | undefined {
  if (!item.entityRef) return undefined;
  const ref = parseRef(item.entityRef);
  if (!ref) return undefined;
  // the item's id as the fragment: search engines key documents by location
  // (Lunr keeps one document per location), and one tab holds many items
  const location = `${locationTemplate
    .replace(':namespace', encodeURIComponent(ref.namespace))
    .replace(':kind', encodeURIComponent(ref.kind))
    .replace(':name', encodeURIComponent(ref.name))}#${encodeURIComponent(
    item.id,
  )}`;
  const label = LABELS[item.kind];
  const where = item.namespace ? ` in namespace ${item.namespace}` : '';
  const head = `${label} ${item.name}${where}, owned by ${ref.name} (${
    item.entityRef
  }${item.owner ? `, owner ${item.owner}` : ''}).`;
  const text = [
    head,
    list(
      item.kind === 'Secret'
        ? 'Produced by ExternalSecret'
        : 'Read through ExternalSecret',
      item.externalSecrets,
    ),
    list('Target Secret', item.kind === 'Secret' ? [] : item.targetSecrets),
    list('Keys:', item.kind.endsWith('Key') ? [] : item.keys),
    list('Read by', item.readers),
    list('Environments:', item.environments),
    list('Store:', item.stores),
    list('Clusters:', item.clusters),
  ].join('');
  return {
    title: `${item.name} (${label}, ${ref.name})`,
    text,
    location,
    kind: item.kind,
    name: item.name,
    ...(item.namespace ? { namespace: item.namespace } : {}),
    entityRef: item.entityRef,
    ...(item.owner ? { owner: item.owner } : {}),
    environments: item.environments,
    externalSecrets: item.externalSecrets,
    targetSecrets: item.targetSecrets,
    keys: item.keys,
    readers: item.readers,
    stores: item.stores,
    clusters: item.clusters,
    authorization: { resourceRef: item.entityRef },
  };
}
