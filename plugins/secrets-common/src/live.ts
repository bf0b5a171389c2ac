/*
 * Live state from clusters and Vault, and the backend's HTTP responses.
 */
import type {
  ExternalSecretDecl,
  Finding,
  FixtureState,
  OriginClass,
  Severity,
} from './types';

/**
 * Every class of source failure the backend reports, exactly:
 *
 * - `sealed`: Vault is sealed (503 with `sealed`, or `sys/health` says so).
 * - `not-initialized`: Vault is not initialized (501).
 * - `unauthorized`: 401, or the service account token for Vault's
 *   Kubernetes auth is not readable.
 * - `forbidden`: 403, or Vault's `permission denied`.
 * - `not-found`: 404, a missing snapshot file or GitOps directory.
 * - `expired`: 410 (a Kubernetes list continue token expired).
 * - `throttled`: 429.
 * - `unavailable`: 503 without a seal.
 * - `server-error`: any other 5xx.
 * - `timeout`: a request timed out, or the refresh was aborted at its timeout.
 * - `tls`: a certificate or TLS error.
 * - `unreachable`: no answer (DNS, connection refused or reset), or the
 *   GitOps repository could not be read.
 * - `unreadable`: a snapshot file exists but cannot be read.
 * - `invalid`: an answer or snapshot that cannot be understood (bad JSON or
 *   YAML, values in a Vault snapshot, any other 4xx).
 * @public
 */
export type SourceErrorClass =
  | 'sealed'
  | 'not-initialized'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'expired'
  | 'throttled'
  | 'unavailable'
  | 'server-error'
  | 'timeout'
  | 'tls'
  | 'unreachable'
  | 'unreadable'
  | 'invalid';

/** The members of {@link SourceErrorClass}. @public */
export const SOURCE_ERROR_CLASSES: readonly SourceErrorClass[] = [
  'sealed',
  'not-initialized',
  'unauthorized',
  'forbidden',
  'not-found',
  'expired',
  'throttled',
  'unavailable',
  'server-error',
  'timeout',
  'tls',
  'unreachable',
  'unreadable',
  'invalid',
];

/** Whether a value (e.g. read from a snapshot file) is a {@link SourceErrorClass}. @public */
export function isSourceErrorClass(v: unknown): v is SourceErrorClass {
  return (SOURCE_ERROR_CLASSES as readonly unknown[]).includes(v);
}

/** Health of one data source (a GitOps repo, a cluster, a Vault). @public */
export interface SourceHealth {
  /** e.g. `vault:staging`, `cluster:prod-eu`, `gitops`. */
  id: string;
  kind: 'gitops' | 'cluster' | 'vault';
  environment?: string;
  status: 'ok' | 'stale' | 'error' | 'disabled';
  /** When the data served now was fetched (ISO). */
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  /** Why the last attempt failed; see {@link SourceErrorClass}. */
  errorClass?: SourceErrorClass;
  /**
   * What the source reported, as text without any secret value and without
   * any age, e.g. "Vault staging sealed (503)". Format the age from
   * {@link SourceHealth.lastSuccessAt} or {@link SourceHealth.dataAgeMs}.
   */
  detail?: string;
  /**
   * {@link SourceHealth.detail}, and for a `stale` source the age of its
   * data as English text (", data from 12 min ago").
   * @deprecated Kept for one release for clients that show it as it is; read
   * {@link SourceHealth.detail} and format the age yourself.
   */
  message?: string;
  statusCode?: number;
  /**
   * Age of the data served now, in milliseconds, measured when the backend
   * answered ({@link SourceHealth.checkedAt}); absent when no data was read.
   */
  dataAgeMs?: number;
  /**
   * Age of the data served now, in whole seconds.
   * @deprecated Use {@link SourceHealth.dataAgeMs}.
   */
  dataAgeSeconds?: number;
  /** When the backend computed this health (ISO); {@link SourceHealth.dataAgeMs} is relative to it. */
  checkedAt?: string;
  /** Where the data comes from: a live API or an offline snapshot file. */
  origin?: 'live' | 'snapshot';
  /** Non-fatal problems, e.g. Events could not be listed (403). */
  warnings?: string[];
}

/** ESO status of one ExternalSecret in one cluster. @public */
export interface LiveExternalSecretStatus {
  cluster: string;
  environment?: string;
  namespace: string;
  name: string;
  /** `Ready` condition status. */
  ready: 'True' | 'False' | 'Unknown';
  /** `Ready` condition reason (SecretSynced, SecretSyncedError, SecretDeleted, SecretMissing, ...). */
  reason?: string;
  message?: string;
  refreshTime?: string;
  syncedResourceVersion?: string;
  refreshInterval?: string;
  refreshPolicy?: string;
  storeRef?: { kind: string; name: string };
  targetSecret?: string;
  /** Newest Warning event (reason UpdateFailed), the provider's real error. */
  lastWarning?: {
    reason: string;
    message: string;
    time?: string;
    count?: number;
  };
  /** `target.creationPolicy`. */
  creationPolicy?: string;
  /** Label `backstage.io/kubernetes-id`, used to attribute unowned ExternalSecrets to entities. */
  kubernetesId?: string;
  /** Label `app.kubernetes.io/instance` (the Helm release), when set. */
  helmRelease?: string;
  /** Metadata labels (at most 32), to match `backstage.io/kubernetes-label-selector`. */
  labels?: Record<string, string>;
  /**
   * False when ESO ignores a refresh annotation: `refreshPolicy: CreatedOnce`
   * or `refreshInterval: 0s` after the first sync.
   */
  refreshable?: boolean;
  /** A force-sync command that works for this ExternalSecret; absent when it would be ignored. */
  forceSyncCommand?: string;
}

/** Status of a SecretStore or ClusterSecretStore in one cluster. @public */
export interface LiveStoreStatus {
  cluster: string;
  environment?: string;
  kind: 'SecretStore' | 'ClusterSecretStore';
  namespace?: string;
  name: string;
  ready: 'True' | 'False' | 'Unknown';
  /** `Valid`, `InvalidProviderConfig`, `ValidationUnknown`, ... */
  reason?: string;
  message?: string;
  /** Provider type, e.g. `vault`. */
  provider?: string;
}

/** Matrix cell state for one ExternalSecret in one environment. @public */
export type CellState =
  | 'ready'
  | 'error'
  | 'missing-in-cluster'
  | 'disabled'
  | 'not-installed'
  | 'unknown';

/** One Vault key property as seen in live Vault. @public */
export interface VaultKeyState {
  present: boolean | null;
  /** Placeholder detection is opt-in: null when disabled or unknown. */
  placeholder: boolean | null;
  version?: number;
  updatedTime?: string;
}

/** Per-key coverage row for the Secrets tab. @public */
export interface KeyCoverageRow {
  key: string;
  property: string;
  secretKey?: string;
  origin: OriginClass;
  byEnvironment: Record<
    string,
    { fixture: FixtureState; vault: VaultKeyState; writers: string[] }
  >;
}

/** One row of the Secrets tab's ExternalSecret table. @public */
export interface EntityExternalSecret {
  id: string;
  name: string;
  namespace?: string;
  kind: ExternalSecretDecl['kind'];
  release: string;
  chart?: string;
  storeRef: { kind: string; name: string };
  targetSecret: string;
  refreshInterval?: string;
  origin: OriginClass;
  sourceRef: { file: string; line?: number; url?: string };
  keys: KeyCoverageRow[];
  /** Cell per environment. */
  cells: Record<
    string,
    {
      state: CellState;
      reason?: string;
      message?: string;
      clusters: LiveExternalSecretStatus[];
    }
  >;
}

/** Summary line of the Secrets tab. @public */
export interface EntitySecretsSummary {
  externalSecrets: number;
  /** 0..100, null when no fixture map applies. */
  fixtureCoverage: number | null;
  syncErrors: number;
  findingsBySeverity: Record<Severity, number>;
  refreshedAt?: string;
}

/** GET /entity/:kind/:namespace/:name response. @public */
export interface EntitySecretsResponse {
  entityRef: string;
  chart?: string;
  releases: string[];
  environments: string[];
  summary: EntitySecretsSummary;
  externalSecrets: EntityExternalSecret[];
  findings: Array<Finding & { sourceUrl?: string }>;
  sources: SourceHealth[];
  /** ExternalSecrets in a cluster that no chart declares but that carry this entity's `backstage.io/kubernetes-id` label. */
  unownedExternalSecrets?: LiveExternalSecretStatus[];
  /** Stores referenced by this entity's ExternalSecrets, per cluster. */
  stores?: LiveStoreStatus[];
}

/** One row of the platform overview. @public */
export interface OverviewEntityRow {
  entityRef: string;
  owner?: string;
  chart?: string;
  externalSecrets: number;
  fixtureCoverage: number | null;
  syncErrors: number;
  findingsBySeverity: Record<Severity, number>;
  findingTypes: string[];
  environments: string[];
}

/** A target Secret claimed by more than one owner. @public */
export interface OwnershipConflict {
  environment: string;
  namespace?: string;
  targetSecret: string;
  owners: Array<{
    release: string;
    chart?: string;
    entityRef?: string;
    file: string;
    line?: number;
  }>;
}

/** Paged list. @public */
export interface Page<T> {
  items: T[];
  totalCount: number;
  offset: number;
  limit: number;
}

/** GET /overview response. @public */
export interface OverviewResponse {
  entities: Page<OverviewEntityRow>;
  conflicts: OwnershipConflict[];
  unownedExternalSecrets: LiveExternalSecretStatus[];
  orphanFixtures: Array<{
    key: string;
    property: string;
    environment: string;
    file: string;
    line?: number;
  }>;
  countsByFindingType: Record<string, number>;
  countsBySeverity: Record<Severity, number>;
  /**
   * The filter options: every owner, environment and finding type across
   * all entities (before the query's filters and paging), sorted.
   */
  facets?: OverviewFacets;
  sources: SourceHealth[];
  refreshedAt?: string;
}

/** Filter options of the platform overview, across all entities. @public */
export interface OverviewFacets {
  owners: string[];
  environments: string[];
  findingTypes: string[];
}
