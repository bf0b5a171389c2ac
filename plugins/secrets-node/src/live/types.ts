/*
 * What the live analysis reads: per cluster, the ESO objects reduced to
 * their status; per environment, Vault KV v2 metadata. Never a secret value.
 */
import type {
  LiveExternalSecretStatus,
  LiveStoreStatus,
  SourceErrorClass,
} from '@ameideio/plugin-secrets-common';

/**
 * The ESO objects of one cluster, already reduced to their status (no
 * `spec.data`, no Secret content).
 * @public
 */
export interface ClusterSnapshot {
  cluster: string;
  environment?: string;
  /** When the data was fetched (ISO). */
  fetchedAt: string;
  externalSecrets: LiveExternalSecretStatus[];
  stores: LiveStoreStatus[];
  /** Non-fatal problems, e.g. Events not listable (403). */
  warnings: string[];
  /** Upstream HTTP calls made to build this snapshot. */
  calls: number;
}

/** Metadata of one Vault KV v2 key; never a value. @public */
export interface VaultKeyMetadata {
  currentVersion?: number;
  createdTime?: string;
  updatedTime?: string;
  /** The current version is soft-deleted or destroyed. */
  deleted?: boolean;
  /** Top-level property names (from `subkeys`); null when not readable. */
  properties: string[] | null;
  /** Per property: the value equals a fixture value (opt-in placeholder detection). */
  placeholder?: Record<string, boolean>;
}

/** The Vault KV v2 metadata of one environment. @public */
export interface VaultSnapshot {
  environment: string;
  mount: string;
  fetchedAt: string;
  /** Key path under the mount (`orders-db-password`, `team/app/db`). */
  keys: Record<string, VaultKeyMetadata>;
  /** The listing stopped at the depth or key bound. */
  truncated?: boolean;
  warnings: string[];
  calls: number;
  /**
   * Offline snapshots may record that the source failed after the data was
   * taken: the data is served, marked stale with this error.
   */
  failure?: {
    errorClass: SourceErrorClass;
    statusCode?: number;
    message: string;
  };
}
