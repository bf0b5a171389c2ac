import type { SourceErrorClass } from '@ameideio/plugin-secrets-common';

// the snapshot types belong to the engine's live analysis; sources return them
export type {
  ClusterSnapshot,
  VaultKeyMetadata,
  VaultSnapshot,
} from '@ameideio/plugin-secrets-node';

// the source interfaces are the seams of the engine package's extension points
export type {
  ClusterSource,
  FixtureDigests,
  LiveSource,
  SourceReadContext,
  SourceWatchContext,
  VaultSource,
} from '@ameideio/plugin-secrets-node';

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
