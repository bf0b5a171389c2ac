/* The scaffolder's input, its plan and its one error type. */

import type { OriginClass } from '@ameideio/plugin-secrets-common';
import type { AnalyzeOptions } from '../../analyze';

/** A clear, user-facing error; nothing was written. @public */
export class ScaffoldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScaffoldError';
  }
}

/** One key of a target Secret. @public */
export interface ScaffoldKey {
  /** Key inside the Kubernetes Secret. */
  secretKey: string;
  /** Vault key under the KV mount (`secret/data/<key>` is referenced as `<key>`). */
  vaultKey: string;
  /** Vault property; default `value`. */
  property?: string;
}

/** One target Secret and its keys. @public */
export interface ScaffoldSecret {
  /** Target Secret name (also the ExternalSecret name). */
  name: string;
  /** Authority of the values; default `external`. */
  origin?: Exclude<OriginClass, 'unknown'>;
  /**
   * Who writes the real value to Vault. Required for `service-generated`
   * (the job or PushSecret that extracts it); for `external` keys the
   * external key vault sync is assumed.
   */
  writer?: string;
  keys: ScaffoldKey[];
}

/** Input of {@link planChartExternalSecrets}. @public */
export interface ScaffoldInput {
  /** Chart directory, relative to the workspace. */
  chartPath: string;
  serviceName: string;
  namespace: string;
  store?: { kind: 'SecretStore' | 'ClusterSecretStore'; name: string };
  /** ESO refresh interval; default `1h`. */
  refreshInterval?: string;
  secrets: ScaffoldSecret[];
  /** Environments the service runs in; expands `{env}` in `envValuesFiles`. */
  environments?: string[];
  /** Fixture-map values files (dev/CI seeding) to add placeholder entries to. */
  fixtureFiles?: string[];
  /** Fixture overrides of real environments: get an empty entry ("provide it for real"). */
  productionFixtureFiles?: string[];
  /** Per-environment values files that get `secrets.enabled: true`; `{env}` is expanded. */
  envValuesFiles?: string[];
  /**
   * Values files of the release in real environments. The writer of external
   * keys ("filled for real by the external key vault sync") is declared there.
   * Default: the chart's values; the engine does not count an external sync
   * declared without `environments` in the fixture environments, so either
   * place keeps a missing dev fixture visible.
   */
  productionValuesFiles?: string[];
  /** Writer declared for `external` keys that get a production override. Default `external-key-vault-sync`. */
  externalWriter?: string;
  /** Key of the fixture map. Default `fixtures`. */
  fixtureKey?: string;
  /** Engine options used for the ownership check. */
  analyzeOptions?: AnalyzeOptions;
}

/** What a planned file is. @public */
export type PlannedFileRole =
  | 'template'
  | 'values'
  | 'env-values'
  | 'fixtures'
  | 'production-fixtures';

/** A file the plan writes. @public */
export interface PlannedFile {
  path: string;
  role: PlannedFileRole;
  content: string;
  change: 'create' | 'update' | 'unchanged';
  /**
   * What may be shown of the file (dry-run report, task output): the whole
   * file when the action generates or creates it, the blocks it edits in an
   * existing values file, and only the entries it adds to a fixture map, so
   * an existing value never leaves the workspace. Empty when unchanged.
   */
  preview: string;
}

/** Result of {@link planChartExternalSecrets}. @public */
export interface ScaffoldPlan {
  files: PlannedFile[];
  /** Fixture keys added (`key`, or `key#property` for a non-`value` property). */
  fixtureKeysAdded: string[];
  /** Things left as they were that the user should know about. */
  warnings: string[];
}

export const originOf = (s: ScaffoldSecret) => s.origin ?? 'external';

/** The secrets whose values Vault holds (all but cluster-managed ones). */
export const vaultAuthority = (raw: ScaffoldInput) =>
  raw.secrets.filter(s => originOf(s) !== 'cluster-managed');
