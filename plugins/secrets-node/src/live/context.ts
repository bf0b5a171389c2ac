/*
 * The live analysis context: the engine report's declared ExternalSecrets,
 * the indexed snapshots and the options, shared read-only by the live
 * detectors. A live detector is a function of the context that returns
 * findings; snapshots hold status and metadata only, never a value.
 */
import type {
  ExternalSecretDecl,
  Finding,
  LiveExternalSecretStatus,
  SecretsReport,
  Severity,
} from '@ameideio/plugin-secrets-common';
import { type LiveIndex, liveStatusesOf } from './state';
import type { RotationPolicy } from './rotation';
import type { ClusterSnapshot } from './types';

/** Options of the live analysis. @public */
export interface LiveIndexOptions {
  /** Environments whose Vault is seeded from the fixture map (dev). */
  fixtureEnvironments: string[];
  /** Environments where a placeholder is an error, not a warning. */
  productionEnvironments: string[];
  /** Maximum ages of Vault keys; without it no key is overdue. */
  rotation?: RotationPolicy;
  /** Writers that sync from an external key vault (the engine's `externalSyncWriterPattern`). */
  externalSyncWriter?: RegExp;
  /** Epoch ms ages are measured at; default now. */
  now?: number;
}

export interface LiveContext {
  report: SecretsReport | undefined;
  clusters: ClusterSnapshot[];
  /** The declared ExternalSecrets (no PushSecret). */
  decls: ExternalSecretDecl[];
  /** `esKey` of every declaration (`ANY_NAMESPACE` for one without a namespace). */
  declared: Set<string>;
  index: LiveIndex;
  /** Cluster ExternalSecrets no declaration matches, with their cluster's environment. */
  unowned: Array<{ es: LiveExternalSecretStatus; environment?: string }>;
  options: LiveIndexOptions;
  /** error in production environments, else warning. */
  severityFor(env: string): Severity;
}

/** A family of live findings over the context. */
export type LiveDetector = (ctx: LiveContext) => Finding[];

/** A live finding: its id is `live:<type>:<parts>`. */
export function liveFinding(
  f: Omit<Finding, 'id'> & { idParts: string[] },
): Finding {
  const { idParts, ...rest } = f;
  return { id: `live:${f.type}:${idParts.join(':')}`, ...rest };
}

/** Where a declaration's findings point. */
export function declWhere(d: ExternalSecretDecl) {
  return {
    release: d.release,
    ...(d.chart ? { chart: d.chart } : {}),
    environment: d.environment,
    sourceRef: d.sourceRef,
  };
}

/** The ExternalSecret a declaration names. */
export function declSubject(d: ExternalSecretDecl) {
  return {
    kind: 'ExternalSecret' as const,
    name: d.name,
    ...(d.namespace ? { namespace: d.namespace } : {}),
  };
}

/** The declarations whose environment has cluster data, with their live statuses. */
export function declsWithClusters(ctx: LiveContext) {
  return ctx.decls
    .filter(d => ctx.index.clusterEnvironments.has(d.environment))
    .map(d => ({ d, live: liveStatusesOf(ctx.index, d.environment, d) }));
}
