/*
 * The inventory contract (`GET /api/secrets/inventory`): every
 * ExternalSecret, target Secret and remote key NAME the platform declares or
 * runs, with its owning entity. Names only: an item never carries a value.
 */
import type { SourceRef } from './types';

/** What an inventory item is. @public */
export type InventoryItemKind =
  | 'ExternalSecret'
  | 'ClusterExternalSecret'
  | 'PushSecret'
  | 'Secret'
  | 'VaultKey'
  | 'RemoteKey';

/**
 * One named thing and who owns it, across the environments it appears in.
 * Items are grouped by kind, namespace, name and owning release. @public
 */
export interface InventoryItem {
  /** Stable id, e.g. `VaultKey::payments-stripe-api-key:payments`. */
  id: string;
  kind: InventoryItemKind;
  /** The object's name; for a key, its path under the KV mount. */
  name: string;
  namespace?: string;
  /** Owning catalog entity (normalised ref), when known. */
  entityRef?: string;
  /** The owning entity's `spec.owner`, when the entity is in the catalog. */
  owner?: string;
  /** Helm release or raw-manifest component; absent for a live-only ExternalSecret without one. */
  release?: string;
  chart?: string;
  environments: string[];
  /** Clusters where a matching ExternalSecret was seen live. */
  clusters: string[];
  /** Stores, as `Kind/name`. */
  stores: string[];
  /** Providers of those stores (`vault`, `onepassword`, ...), when known. */
  providers: string[];
  /** ExternalSecrets that produce the Secret or read the key. */
  externalSecrets: string[];
  /** Target Secrets of the ExternalSecret, or that the key ends up in. */
  targetSecrets: string[];
  /** Remote key names the ExternalSecret or Secret is built from. */
  keys: string[];
  /** Workloads that read the Secret (or the key's Secrets), as `Kind/name`. */
  readers: string[];
  /** Declared in Git (`git`) or only seen in a cluster (`cluster`). */
  origin: 'git' | 'cluster';
  sourceRef?: SourceRef;
}

/** @public */
export interface InventoryResponse {
  /** When the GitOps analysis behind it ran; absent before the first read. */
  generatedAt?: string;
  items: InventoryItem[];
  /** Items owned by entities the caller cannot read: counted, not listed. */
  hidden: number;
}

/** The search document type of the inventory (`search.collators.secrets`). @public */
export const SECRETS_SEARCH_DOCUMENT_TYPE = 'secrets';

/**
 * One inventory item as a search document: structurally a Backstage
 * `IndexableDocument` (title, text, location) with the item's names, so
 * a result list item can show them. Never a value. @public
 */
export interface SecretsSearchDocument {
  title: string;
  text: string;
  /** The owning entity's Secrets tab. */
  location: string;
  kind: InventoryItemKind;
  name: string;
  namespace?: string;
  entityRef: string;
  /** The owning entity's `spec.owner`, when known. */
  owner?: string;
  environments: string[];
  /** ExternalSecrets, Secrets and keys linked to the item, for display. */
  externalSecrets: string[];
  targetSecrets: string[];
  keys: string[];
  readers: string[];
  stores: string[];
  clusters: string[];
}
