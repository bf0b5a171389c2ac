/*
 * Wire types shared by the engine, the backend, the CLI, the scaffolder
 * module and the frontend. Nothing in here may carry a secret value: the
 * types only describe names, locations, digests-as-booleans and statuses.
 */

/** Severity of a finding. `error` fails the CI command. @public */
export type Severity = 'error' | 'warning' | 'info';

/** The members of {@link Severity}, most severe first. @public */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * Every kind of finding the suite can report. Static findings come from the
 * GitOps repository; live findings from clusters and Vault.
 * @public
 */
export type FindingType =
  // static (engine)
  | 'missing-fixture'
  | 'orphan-fixture'
  | 'duplicate-owner'
  | 'missing-producer'
  | 'inline-credential'
  | 'sealed-secret'
  | 'unserved-store'
  | 'vault-drives-cluster-managed'
  | 'unreplaceable-placeholder'
  | 'remote-ref-convention'
  | 'externalsecrets-disabled'
  | 'unevaluable-template'
  | 'unevaluable-declaration'
  | 'unevaluable-source'
  | 'invalid-yaml'
  | 'empty-production-override'
  | 'consumed-secret-disabled'
  // live (backend)
  | 'sync-error'
  | 'missing-in-cluster'
  | 'unowned-externalsecret'
  | 'missing-in-vault'
  | 'placeholder-in-vault'
  | 'rotation-overdue'
  | 'refresh-ignored';

/**
 * Where a value comes from and who is its authority (seed 004 / 462):
 * - `external`: originates outside the cluster (.env, external key vault), Vault is the store; needs a fixture in dev/CI.
 * - `service-generated`: a service creates it (e.g. a Keycloak client secret) and a job writes it to Vault.
 * - `cluster-managed`: an operator or Helm (`randAlphaNum`) produces it in the cluster; Vault must not drive it.
 * - `unknown`: not declared.
 * @public
 */
export type OriginClass =
  | 'external'
  | 'service-generated'
  | 'cluster-managed'
  | 'unknown';

/** A location in the GitOps repository. `line` is 1-based. @public */
export interface SourceRef {
  file: string;
  line?: number;
}

/** What a finding is about. @public */
export interface FindingSubject {
  kind:
    | 'Secret'
    | 'ConfigMap'
    | 'VaultKey'
    | 'ExternalSecret'
    | 'SecretStore'
    | 'File'
    | 'Fixture'
    | 'Release'
    | 'Detector';
  name: string;
  namespace?: string;
  /** Vault key property, when the subject is a Vault key; `*` ({@link WHOLE_KEY_PROPERTY}) for the whole key. */
  property?: string;
}

/** A proposed fix: a title, the concrete steps and an optional command to copy. @public */
export interface ProposedFix {
  title: string;
  actions: string[];
  /** A shell command or a YAML line that fixes it, ready to copy. */
  command?: string;
  docsLink?: string;
}

/** A typed guardrail finding, shaped like Backstage's DetectedError. @public */
export interface Finding {
  /** Stable id: same finding, same id across runs. */
  id: string;
  type: FindingType;
  severity: Severity;
  message: string;
  subject: FindingSubject;
  /** Helm release or raw-manifest component name. */
  release?: string;
  /** Repo-relative chart path. */
  chart?: string;
  /** Catalog entity ref, when known. */
  entityRef?: string;
  environment?: string;
  sourceRef?: SourceRef;
  proposedFix: ProposedFix;
}

/** One Vault key reference of an ExternalSecret. @public */
export interface VaultKeyRef {
  /** The Vault key path under the KV mount (`secret/data/<key>` is stored as `<key>`). */
  key: string;
  /** Property inside the key; `value` by convention. Absent for `dataFrom.extract`/`find`. */
  property?: string;
  /** Target key inside the Kubernetes Secret (data[].secretKey). */
  secretKey?: string;
  /** How the key is referenced. */
  via: 'data' | 'dataFrom.extract' | 'dataFrom.find';
  /** Declared origin class. */
  origin: OriginClass;
}

/** An ExternalSecret (or ClusterExternalSecret / PushSecret) declared in Git. @public */
export interface ExternalSecretDecl {
  kind: 'ExternalSecret' | 'ClusterExternalSecret' | 'PushSecret';
  apiVersion: string;
  name: string;
  namespace?: string;
  storeRef: { kind: 'SecretStore' | 'ClusterSecretStore'; name: string };
  targetSecret: string;
  refreshInterval?: string;
  refreshPolicy?: string;
  creationPolicy?: string;
  keys: VaultKeyRef[];
  /** Release (or raw-manifest component) that renders it. */
  release: string;
  chart?: string;
  environment: string;
  origin: OriginClass;
  sourceRef: SourceRef;
  /**
   * Provider of the referenced store (`vault`, `onepassword`, `kubernetes`,
   * `aws`, ...: the key under the store's `spec.provider`), or `generator`
   * for an ExternalSecret fed only by ESO generators. Absent when the store
   * is not declared in the repository (the provider is unknown).
   */
  provider?: string;
}

/**
 * The property of a coverage row or finding about a whole Vault key
 * (`dataFrom.extract` reads every property of the key): the fixture entry
 * covers it when it exists, whatever its properties. @public
 */
export const WHOLE_KEY_PROPERTY = '*';

/**
 * The property a key reference is covered by: {@link WHOLE_KEY_PROPERTY} for
 * a whole-key read, else its property (`value` by convention). The engine's
 * coverage rows and the backend's join both key on it. @public
 */
export function coveredProperty(ref: {
  via: 'data' | 'dataFrom.extract' | 'dataFrom.find';
  property?: string;
}): string {
  return ref.via === 'dataFrom.extract'
    ? WHOLE_KEY_PROPERTY
    : ref.property ?? 'value';
}

/** Per-key, per-property, per-environment fixture coverage. @public */
export type FixtureState =
  | 'present'
  | 'missing'
  | 'empty-override'
  | 'other-writer'
  | 'not-applicable';

/** Coverage of one Vault key property in one environment. @public */
export interface KeyCoverage {
  key: string;
  /** Property read; {@link WHOLE_KEY_PROPERTY} (`*`) for a whole-key read (`dataFrom.extract`). */
  property: string;
  environment: string;
  fixture: FixtureState;
  /** Writers other than the fixture map (external sync, extraction job, PushSecret). */
  writers: string[];
  /** Where the fixture entry is, when present. */
  fixtureRef?: SourceRef;
  /**
   * Origin class of the key as the ExternalSecret declares it. A
   * `cluster-managed` key needs no fixture: without one its state is
   * `not-applicable`, never `missing`, and never a `missing-fixture` finding.
   */
  origin?: OriginClass;
}

/** A Helm release or raw-manifest component, per environment. @public */
export interface ReleaseInfo {
  name: string;
  chart?: string;
  kind: 'helm' | 'raw';
  /** `foundation` bundles provide shared secrets; `service` charts own their own. */
  layer: 'foundation' | 'service';
  namespace?: string;
  environments: string[];
  /** Value files in merge order, per environment. */
  valueFiles: Record<string, string[]>;
  entityRef?: string;
}

/**
 * A SecretStore or ClusterSecretStore the repository declares, with the
 * release that renders it: the entity owning that release is where a broken
 * store gets fixed. @public
 */
export interface StoreDecl {
  kind: 'SecretStore' | 'ClusterSecretStore';
  name: string;
  namespace?: string;
  release: string;
  chart?: string;
  environment: string;
  sourceRef: SourceRef;
}

/**
 * Something that reads a Secret: a workload (any object with a pod
 * template), an operator resource, a store's authentication, a release's
 * values. Names only, never values. @public
 */
export interface SecretReader {
  secret: string;
  /** Namespace the Secret is read from, when known. */
  namespace?: string;
  environment: string;
  release: string;
  chart?: string;
  entityRef?: string;
  /** The reading object; absent when a release's values name the Secret. */
  workload?: { kind: string; name: string };
  /** `secretKeyRef`, `envFrom`, `volume`, `imagePullSecrets`, `existingSecret`, `tls`, ... */
  how: string;
  optional: boolean;
  sourceRef: SourceRef;
}

/** Result of analysing a GitOps repository. @public */
export interface SecretsReport {
  generatedAt: string;
  /** Environments analysed. */
  environments: string[];
  /**
   * How the environments were chosen: `configured`, `inferred` from the
   * repository (values folders, cluster/overlay folders, Argo CD / Flux
   * declarations), or `implicit` (the repository names none: one
   * environment, `default`). Absent in reports of older engines.
   */
  environmentSource?: 'configured' | 'inferred' | 'implicit';
  /** Environments seeded from the fixture map, as the engine resolved them. Absent in reports of older engines. */
  fixtureEnvironments?: string[];
  /** Environments where an empty fixture override must be provided for real, as the engine resolved them. Absent in reports of older engines. */
  productionEnvironments?: string[];
  releases: ReleaseInfo[];
  externalSecrets: ExternalSecretDecl[];
  /** Stores declared in the repository; absent in reports of older engines. */
  stores?: StoreDecl[];
  coverage: KeyCoverage[];
  findings: Finding[];
  /** Who reads each Secret; absent in reports of older engines. */
  readers?: SecretReader[];
  /** Fixture map present? When not, coverage is not applicable. */
  fixtureMap: { present: boolean; files: string[] };
  stats: { files: number; charts: number; durationMs: number };
}
