import type { SourceErrorClass } from '@ameideio/plugin-secrets-common';
import type {
  ClusterSnapshot,
  VaultSnapshot,
} from '@ameideio/plugin-secrets-node';

// the snapshot types belong to the engine's live analysis; sources return them
export type {
  ClusterSnapshot,
  VaultKeyMetadata,
  VaultSnapshot,
} from '@ameideio/plugin-secrets-node';

/** Context given to a source on every read. @public */
export interface SourceReadContext {
  /** sha256 digests of fixture values per key and property (placeholder detection); never the values. */
  fixtureDigests?: FixtureDigests;
  /** Aborted when the refresh times out: stop reading and reject. */
  signal?: AbortSignal;
}

/** For each key and property, the sha256 hex digests of its fixture values. @public */
export type FixtureDigests = ReadonlyMap<
  string,
  ReadonlyMap<string, ReadonlySet<string>>
>;

/**
 * A source of live ExternalSecret status: one Kubernetes cluster, live or
 * from an offline snapshot. `read` throws {@link SourceError} on failure;
 * the caller keeps the last good snapshot.
 * @public
 */
export interface ClusterSource {
  readonly id: string;
  readonly kind: 'cluster';
  readonly cluster: string;
  readonly environment?: string;
  readonly origin: 'live' | 'snapshot';
  read(ctx?: SourceReadContext): Promise<ClusterSnapshot>;
}

/** A source of Vault key metadata for one environment. @public */
export interface VaultSource {
  readonly id: string;
  readonly kind: 'vault';
  readonly environment: string;
  readonly origin: 'live' | 'snapshot';
  /**
   * The source compares values with `SourceReadContext.fixtureDigests`
   * (placeholder detection): its first read waits for the GitOps read.
   * Default false: the source reads alongside the GitOps read.
   */
  readonly usesFixtureDigests?: boolean;
  read(ctx?: SourceReadContext): Promise<VaultSnapshot>;
}

/** Either kind of live source. @public */
export type LiveSource = ClusterSource | VaultSource;

/**
 * A source failure, classified. The message never contains a secret value
 * or an upstream response body beyond a short, known error text.
 * @public
 */
export class SourceError extends Error {
  readonly name = 'SourceError';
  constructor(
    /** The failure's class; each is documented on {@link @ameideio/plugin-secrets-common#SourceErrorClass}. */
    readonly errorClass: SourceErrorClass,
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
  }
}

/** Classifies an HTTP status code. @public */
export function classifyStatus(code: number): SourceErrorClass {
  if (code === 401) return 'unauthorized';
  if (code === 403) return 'forbidden';
  if (code === 404) return 'not-found';
  if (code === 410) return 'expired';
  if (code === 429) return 'throttled';
  if (code === 503) return 'unavailable';
  if (code >= 500) return 'server-error';
  return 'invalid';
}

/** Classifies a network-level error (no HTTP status). @public */
export function classifyNetworkError(
  e: unknown,
): 'timeout' | 'tls' | 'unreachable' {
  const code = (e as { code?: string })?.code ?? '';
  if (
    /TIMEDOUT|ECONNABORTED|ABORT/i.test(code) ||
    /timeout/i.test(String((e as Error)?.message))
  ) {
    return 'timeout';
  }
  if (/CERT|SSL|TLS/i.test(code)) return 'tls';
  return 'unreachable';
}
