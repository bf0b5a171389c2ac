/*
 * Seams of the secrets backend, for backend modules (the Kubernetes
 * plugin's pattern): add cluster and Vault sources or replace the GitOps
 * source (`secretsSourcesExtensionPoint`), and add detectors and operator
 * producer rules to the analysis (`secretsAnalysisExtensionPoint`).
 */
import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { DetectorRegistration } from './analyze';
import type { ProducerRule } from './analyze/producers/types';
import type { ClusterSnapshot, VaultSnapshot } from './live';
import type { FileTree } from './tree';

/** For each key and property, the sha256 hex digests of its fixture values. @public */
export type FixtureDigests = ReadonlyMap<
  string,
  ReadonlyMap<string, ReadonlySet<string>>
>;

/** Context given to a source on every read. @public */
export interface SourceReadContext {
  /** sha256 digests of fixture values per key and property (placeholder detection); never the values. */
  fixtureDigests?: FixtureDigests;
  /** Aborted when the refresh times out: stop reading and reject. */
  signal?: AbortSignal;
  /**
   * The Vault keys some ExternalSecret of the last GitOps read references
   * (as `remoteRef.key` names them). When given, a Vault source reads
   * metadata only for these; the others need only be listed. Absent (no
   * report yet, or a `dataFrom.find` that matches by pattern): read all.
   */
  referencedKeys?: ReadonlySet<string>;
}

/**
 * Context of a source's long-running watch: it runs until `signal` aborts
 * and reports every change as a whole new snapshot.
 * @public
 */
export interface SourceWatchContext<T> {
  /** Aborted when the watch must end (the watch lease ran out, shutdown). */
  signal: AbortSignal;
  /** The source's state changed: here is all of it. */
  onSnapshot(snapshot: T): void;
  /** The watch cannot follow the source now; it retries by itself. */
  onError(error: Error): void;
}

/**
 * A source of live ExternalSecret status: one Kubernetes cluster, live or
 * from an offline snapshot. `read` throws on failure (the backend's
 * `SourceError` classifies it); the caller keeps the last good snapshot.
 * @public
 */
export interface ClusterSource {
  readonly id: string;
  readonly kind: 'cluster';
  readonly cluster: string;
  readonly environment?: string;
  readonly origin: 'live' | 'snapshot';
  read(ctx?: SourceReadContext): Promise<ClusterSnapshot>;
  /**
   * Optional: follows the cluster (Kubernetes `watch`) until the signal
   * aborts, so a change shows within seconds instead of at the next read.
   * While a watch is current, `read` may answer from it without a call.
   */
  watch?(ctx: SourceWatchContext<ClusterSnapshot>): Promise<void>;
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
  /**
   * The source reads only `SourceReadContext.referencedKeys` in full: its
   * first read waits for a first GitOps read, so it does not read every key
   * of the mount once. Default false.
   */
  readonly usesReferencedKeys?: boolean;
  read(ctx?: SourceReadContext): Promise<VaultSnapshot>;
  /**
   * Optional: a cheap health check (`sys/health`), run every few seconds
   * between reads. Resolves when Vault serves reads; throws the same
   * classified error `read` would (sealed, unreachable ...) otherwise.
   */
  probe?(ctx?: { signal?: AbortSignal }): Promise<void>;
}

/** Either kind of live source. @public */
export type LiveSource = ClusterSource | VaultSource;

/**
 * What a GitOps source read: the repository's files. The backend analyses
 * them; a source only collects.
 * @public
 */
export interface GitOpsTree {
  /** Path (relative to the repository root, `/`-separated) to file text. */
  readonly files: FileTree;
  /**
   * Identifies this content (a commit SHA, an ETag). A tree with the
   * revision of the last one analysed is not analysed again. Absent: every
   * read is analysed (the engine still reuses what is unchanged).
   */
  readonly revision?: string;
}

/** Where the GitOps repository comes from. @public */
export interface GitOpsSource {
  /** Stable id, e.g. `gitops`. */
  readonly id: string;
  /** Reads the repository's files. Throws on failure; the caller keeps the last good report. */
  read(ctx?: { signal?: AbortSignal }): Promise<GitOpsTree>;
}

/** Builds the GitOps source; `getDefault` is the one the configuration makes. @public */
export type GitOpsSourceFactory = (options: {
  getDefault(): GitOpsSource | undefined;
}) => GitOpsSource | undefined;

/** Sources of the secrets backend, for backend modules. @public */
export interface SecretsSourcesExtensionPoint {
  /** Adds cluster or Vault sources next to the configured ones. */
  addLiveSource(...sources: LiveSource[]): void;
  /** Replaces (or wraps, through `getDefault`) the GitOps source. */
  setGitOpsSource(factory: GitOpsSourceFactory): void;
}

/** @public */
export const secretsSourcesExtensionPoint =
  createExtensionPoint<SecretsSourcesExtensionPoint>({
    id: 'secrets.sources',
  });

/** The analysis of the secrets backend, for backend modules. @public */
export interface SecretsAnalysisExtensionPoint {
  /** Adds detectors that run after the built-in ones, over a value-free view of the repository. */
  addDetector(...detectors: DetectorRegistration[]): void;
  /** Adds Secrets an operator produces and reads (as the `producers` option does). */
  addProducerRules(...rules: ProducerRule[]): void;
}

/** @public */
export const secretsAnalysisExtensionPoint =
  createExtensionPoint<SecretsAnalysisExtensionPoint>({
    id: 'secrets.analysis',
  });
