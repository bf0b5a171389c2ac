/*
 * The blast-radius contract: what breaks when a Vault key, a target Secret
 * or a store is rotated or deleted (the engine's computeImpact, the
 * backend's /impact, the CLI's impact command, the frontend's graph).
 */
import type { LiveExternalSecretStatus } from './live';

/** What to follow: exactly one of `vaultKey`, `secret`, `store`. @public */
export interface ImpactQuery {
  vaultKey?: string;
  /** A target Secret name; `namespace` narrows it. */
  secret?: string;
  /** A SecretStore or ClusterSecretStore name. */
  store?: string;
  namespace?: string;
  /** Only this environment. */
  environment?: string;
}

/** The keys of an {@link ImpactQuery}, as query strings carry them. @public */
export const IMPACT_QUERY_KEYS = [
  'vaultKey',
  'secret',
  'store',
  'namespace',
  'environment',
] as const;

/** A node of the chain. @public */
export interface ImpactNode {
  /** Stable within one answer, e.g. `es:dev:shop/orders`. */
  id: string;
  kind:
    | 'Writer'
    | 'VaultKey'
    | 'SecretStore'
    | 'ExternalSecret'
    | 'Secret'
    | 'Workload'
    | 'Release'
    | 'Entity';
  name: string;
  environment?: string;
  namespace?: string;
  /** Extra facts: how a reader reads, a writer's kind, the fixture state. */
  detail?: string;
  entityRef?: string;
  sourceRef?: { file: string; line?: number };
}

/** @public */
export interface ImpactEdge {
  from: string;
  to: string;
  /** `writes`, `read by`, `produces`, `serves`, `mounted by`, `owned by`... */
  label: string;
}

/** @public */
export interface Impact {
  query: ImpactQuery;
  nodes: ImpactNode[];
  edges: ImpactEdge[];
  summary: {
    environments: string[];
    externalSecrets: number;
    secrets: number;
    /** Workloads and releases that read an affected Secret (required reads). */
    readers: number;
    /** Readers that declare the Secret optional. */
    optionalReaders: number;
    entities: string[];
  };
}

/** The backend's impact answer: the chain as the caller may see it, with live statuses. @public */
export interface ImpactResponse extends Impact {
  /** Live statuses per ExternalSecret node id (one per cluster of its environment). */
  live: Record<string, LiveExternalSecretStatus[]>;
  /** What the caller may not see, counted. */
  hidden: { entities: number; nodes: number };
}
