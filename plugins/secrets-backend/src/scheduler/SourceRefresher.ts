import type {
  SourceErrorClass,
  SourceHealth,
} from '@ameideio/plugin-secrets-common';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SnapshotStore } from '../database/SnapshotStore';
import type { SourceState, SourceStates } from '../service/SourceStates';
import type { GitOpsSource } from '../sources/GitOpsSource';
import type {
  ClusterSnapshot,
  FixtureDigests,
  LiveSource,
  VaultSnapshot,
} from '../sources/types';
import { SourceError } from '../sources/types';
import { untilAborted } from './untilAborted';
import {
  EngineGitOpsAnalysis,
  type GitOpsAnalysis,
  referencedKeys,
} from './GitOpsAnalysis';

/** Outcome of one refresh, for logs, the benchmark and tests. */
export interface RefreshSummary {
  ok: string[];
  failed: string[];
  /** Upstream calls made to clusters and Vault. */
  calls: number;
  durationMs: number;
}

/**
 * Reads every source, analyses what the GitOps source read (through a
 * {@link GitOpsAnalysis}), keeps the last good data of each in the shared
 * {@link SourceStates} and in the store, and tells its listeners when a
 * refresh is done. The serving index is built by the service from the
 * states it writes.
 */
export class SourceRefresher {
  private digests?: FixtureDigests;
  private referenced?: ReadonlySet<string>;
  private readonly listeners: Array<() => void | Promise<void>> = [];

  private constructor(
    private readonly states: SourceStates,
    private readonly gitops: GitOpsSource | undefined,
    private readonly analysis: GitOpsAnalysis,
    private readonly live: readonly LiveSource[],
    private readonly store: SnapshotStore | undefined,
    private readonly logger: LoggerService,
    private readonly needsDigests: boolean,
  ) {}

  static create(options: {
    states: SourceStates;
    gitops?: GitOpsSource;
    /** How the GitOps tree is analysed; default: the engine without options. */
    analysis?: GitOpsAnalysis;
    sources?: readonly LiveSource[];
    store?: SnapshotStore;
    logger: LoggerService;
    /** Read fixture digests for placeholder detection. */
    placeholderDetection?: boolean;
  }): SourceRefresher {
    return new SourceRefresher(
      options.states,
      options.gitops,
      options.analysis ?? new EngineGitOpsAnalysis(),
      options.sources ?? [],
      options.store,
      options.logger,
      Boolean(options.placeholderDetection),
    );
  }

  /** Runs `listener` after every refresh, once the states are written. */
  onRefreshed(listener: () => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  /**
   * Refreshes every source; a failing source keeps its last good data,
   * marked stale. `signal` (the scheduler's timeout) ends every read still
   * running, each marked `timeout`.
   */
  async refresh(
    options: { signal?: AbortSignal } = {},
  ): Promise<RefreshSummary> {
    const { signal } = options;
    const start = Date.now();
    await this.pruneStore();
    const ok: string[] = [];
    const failed: string[] = [];
    // Live sources do not wait for the GitOps read: a slow repository must
    // not delay a sealed Vault's health mark. Only a source comparing
    // fixture digests waits, and only until the first digests are read.
    const gitops = this.refreshGitOps(signal);
    const [gitopsOk, results] = await Promise.all([
      gitops,
      Promise.all(
        this.live.map(s =>
          this.waitsForDigests(s)
            ? gitops.then(() => this.refreshLive(s, signal))
            : this.refreshLive(s, signal),
        ),
      ),
    ]);
    (gitopsOk ? ok : failed).push('gitops');
    let calls = 0;
    results.forEach((r, i) => {
      (r.ok ? ok : failed).push(this.live[i].id);
      calls += r.calls;
    });
    await this.notify();
    const summary = { ok, failed, calls, durationMs: Date.now() - start };
    this.logger.info(
      `Secrets refresh: ${ok.length} source(s) read, ${failed.length} failed${
        failed.length ? ` (${failed.join(', ')})` : ''
      }, ${calls} upstream calls in ${summary.durationMs} ms`,
    );
    return summary;
  }

  private async refreshGitOps(signal?: AbortSignal): Promise<boolean> {
    if (!this.gitops) return true;
    const gitops = this.gitops;
    const attempt = new Date().toISOString();
    const log = this.logger.child({ source: 'gitops' });
    try {
      const tree = await untilAborted(
        gitops.read({ signal }),
        signal,
        'gitops',
      );
      const { report, digests } = this.analysis.analyze(tree);
      const s: SourceState = {
        kind: 'gitops',
        data: report,
        fetchedAt: attempt,
        health: {
          id: 'gitops',
          kind: 'gitops',
          status: 'ok',
          lastSuccessAt: attempt,
          lastAttemptAt: attempt,
          origin: 'live',
        },
      };
      this.states.set('gitops', s);
      this.referenced = referencedKeys(report);
      if (this.needsDigests) this.digests = digests;
      log.info(
        `GitOps repository analysed: ${report.externalSecrets.length} ExternalSecrets, ${report.findings.length} findings in ${report.stats.durationMs} ms`,
      );
      await this.persist('gitops', s, true);
      return true;
    } catch (e) {
      const s = this.failed('gitops', 'gitops', undefined, 'live', attempt, e);
      this.states.set('gitops', s);
      // the error text may quote file content: log its class only
      log.warn(`GitOps refresh failed (${s.health.errorClass})`);
      await this.persist('gitops', s, false);
      return false;
    }
  }

  private async refreshLive(
    source: LiveSource,
    signal?: AbortSignal,
  ): Promise<{ ok: boolean; calls: number }> {
    const attempt = new Date().toISOString();
    const log = this.logger.child({ source: source.id });
    try {
      const data = await untilAborted<ClusterSnapshot | VaultSnapshot>(
        source.read({
          fixtureDigests: this.digests,
          signal,
          ...(this.referenced ? { referencedKeys: this.referenced } : {}),
        }),
        signal,
        source.id,
      );
      const s = this.record(source, data, attempt);
      const count =
        source.kind === 'cluster'
          ? `${
              (data as ClusterSnapshot).externalSecrets.length
            } ExternalSecrets`
          : `${Object.keys((data as VaultSnapshot).keys).length} keys`;
      log.info(
        `${source.id} read: ${count}, ${data.calls} calls${
          data.warnings.length ? `; ${data.warnings.join('; ')}` : ''
        }`,
      );
      await this.persist(source.id, s, true);
      return { ok: true, calls: data.calls };
    } catch (e) {
      await this.applyFailure(source, e, attempt);
      return { ok: false, calls: 0 };
    }
  }

  private record(
    source: LiveSource,
    data: ClusterSnapshot | VaultSnapshot,
    attempt: string,
  ): SourceState {
    const s: SourceState = {
      kind: source.kind,
      data,
      fetchedAt: data.fetchedAt,
      health: liveHealth(source, data, attempt),
    };
    this.states.set(source.id, s);
    return s;
  }

  /**
   * Records a snapshot a watch reported, without a read, and stores it.
   * Call {@link SourceRefresher.notify} once after a batch.
   */
  async applySnapshot(
    source: LiveSource,
    data: ClusterSnapshot | VaultSnapshot,
  ): Promise<void> {
    const s = this.record(source, data, new Date().toISOString());
    await this.persist(source.id, s, true);
  }

  /** Records a failure of a source (a read, a watch or a probe): its last good data, marked. */
  async applyFailure(
    source: LiveSource,
    e: unknown,
    attempt = new Date().toISOString(),
  ): Promise<void> {
    const s = this.failed(
      source.id,
      source.kind,
      source.environment,
      source.origin,
      attempt,
      e,
    );
    this.states.set(source.id, s);
    this.logger
      .child({ source: source.id })
      .warn(
        `${s.health.message}${s.data ? '; serving the last good data' : ''}`,
      );
    await this.persist(source.id, s, false);
  }

  /** Reads one source again (a Vault that came back); call {@link SourceRefresher.notify} after. */
  async refreshSource(source: LiveSource, signal?: AbortSignal) {
    return this.refreshLive(source, signal);
  }

  /** The health recorded for a source now. */
  health(id: string): SourceHealth | undefined {
    return this.states.get(id)?.health;
  }

  /** Runs the listeners: the states changed outside a full refresh. */
  async notify(): Promise<void> {
    for (const listener of this.listeners) await listener();
  }

  /** The state of a source whose read failed: its last good data, marked. */
  private failed(
    id: string,
    kind: SourceHealth['kind'],
    environment: string | undefined,
    origin: 'live' | 'snapshot' | undefined,
    attempt: string,
    e: unknown,
  ): SourceState {
    const prev = this.states.get(id);
    const err = e instanceof SourceError ? e : undefined;
    const errorClass: SourceErrorClass =
      err?.errorClass ??
      ((e as NodeJS.ErrnoException)?.code === 'ENOENT'
        ? 'not-found'
        : 'invalid');
    // only our own classified messages are shown: an arbitrary error text may quote content
    const message = err?.message ?? `${id} could not be read (${errorClass})`;
    return {
      kind,
      data: prev?.data,
      fetchedAt: prev?.fetchedAt,
      health: {
        id,
        kind,
        ...(environment ? { environment } : {}),
        status: prev?.data ? 'stale' : 'error',
        ...(prev?.fetchedAt ? { lastSuccessAt: prev.fetchedAt } : {}),
        lastAttemptAt: attempt,
        errorClass,
        ...(err?.statusCode ? { statusCode: err.statusCode } : {}),
        message,
        ...(origin ? { origin } : {}),
      },
    };
  }

  private async persist(id: string, s: SourceState, success: boolean) {
    if (!this.store) return;
    try {
      if (success) {
        await this.store.saveSuccess({
          sourceId: id,
          kind: s.kind,
          data: s.data,
          fetchedAt: s.fetchedAt!,
          health: s.health,
        });
      } else {
        await this.store.saveFailure({
          sourceId: id,
          kind: s.kind,
          health: s.health,
        });
      }
    } catch (e) {
      this.logger.warn(
        `Could not store the ${id} snapshot: ${(e as Error).name}`,
      );
    }
  }

  /**
   * Whether a source must wait for this refresh's GitOps read, only until a
   * first one succeeded: a source that compares fixture digests, or one
   * that reads only the referenced keys (else its first read covers every
   * key in the mount).
   */
  private waitsForDigests(source: LiveSource): boolean {
    if (source.kind !== 'vault') return false;
    const digests =
      this.needsDigests &&
      this.digests === undefined &&
      source.usesFixtureDigests === true;
    const referenced =
      this.gitops !== undefined &&
      this.referenced === undefined &&
      source.usesReferencedKeys === true;
    return digests || referenced;
  }

  /** Drops the stored rows of sources the configuration no longer names. */
  private async pruneStore() {
    if (!this.store) return;
    try {
      const n = await this.store.prune([...this.states.configuredIds()]);
      if (n)
        this.logger.info(
          `Removed the stored snapshots of ${n} source(s) no longer configured`,
        );
    } catch (e) {
      this.logger.warn(
        `Could not prune the stored snapshots: ${(e as Error).name}`,
      );
    }
  }
}

/** The health of a live source that answered; a sealed Vault answers with a failure. */
function liveHealth(
  source: LiveSource,
  data: ClusterSnapshot | VaultSnapshot,
  attempt: string,
): SourceHealth {
  const failure =
    source.kind === 'vault' ? (data as VaultSnapshot).failure : undefined;
  return {
    id: source.id,
    kind: source.kind,
    ...(source.environment ? { environment: source.environment } : {}),
    status: failure ? 'stale' : 'ok',
    lastSuccessAt: data.fetchedAt,
    lastAttemptAt: attempt,
    origin: source.origin,
    ...(failure
      ? {
          errorClass: failure.errorClass,
          message: failure.message,
          ...(failure.statusCode ? { statusCode: failure.statusCode } : {}),
        }
      : {}),
    ...(data.warnings.length ? { warnings: data.warnings } : {}),
  };
}
