import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  ClusterSnapshot,
  ClusterSource,
  LiveSource,
  VaultSource,
} from '../sources/types';
import { SourceError } from '../sources/types';
import type { SourceRefresher } from './SourceRefresher';
import { abortableSleep as sleep } from '../sources/abortableSleep';

/** Failures a health probe can see, so a probe that passes again means the read may pass. */
const PROBED_CLASSES = new Set([
  'sealed',
  'not-initialized',
  'unreachable',
  'timeout',
  'tls',
  'unavailable',
  'server-error',
]);

type Change =
  | { source: ClusterSource; data: ClusterSnapshot }
  | { source: LiveSource; error: Error };

/**
 * Keeps live state current between full refreshes: it follows every
 * cluster that can watch and probes every Vault's health every few
 * seconds. Changes are written through the refresher in batches (at most
 * one per `flushMs`), so the serving index is rebuilt once per burst, not
 * once per event. Runs on one replica at a time (the scheduler's global
 * task); the others load the snapshots it stores.
 */
export class LiveWatcher {
  private readonly pending = new Map<string, Change>();
  private timer?: NodeJS.Timeout;
  /** How long the last rebuild took: the next batch waits at least twice that. */
  private lastRebuildMs = 0;
  private flushing = Promise.resolve();

  constructor(
    private readonly refresher: SourceRefresher,
    private readonly sources: readonly LiveSource[],
    private readonly logger: LoggerService,
    private readonly options: {
      probeIntervalMs?: number;
      flushMs?: number;
    } = {},
  ) {}

  /** Whether any source can be watched or probed. */
  get active(): boolean {
    return this.sources.some(s =>
      s.kind === 'cluster' ? Boolean(s.watch) : Boolean(s.probe),
    );
  }

  /** Watches and probes until `signal` aborts, then writes what is pending. */
  async run(signal: AbortSignal): Promise<void> {
    const clusters = this.sources.filter(
      (s): s is ClusterSource => s.kind === 'cluster' && Boolean(s.watch),
    );
    const vaults = this.sources.filter(
      (s): s is VaultSource => s.kind === 'vault' && Boolean(s.probe),
    );
    if (!clusters.length && !vaults.length) return;
    this.logger.info(
      `Watching ${clusters.length} cluster(s), probing ${vaults.length} Vault(s)`,
    );
    await Promise.all([
      ...clusters.map(c =>
        c.watch!({
          signal,
          onSnapshot: data => this.queue({ source: c, data }),
          onError: error => this.queue({ source: c, error }),
        }).catch(error => this.queue({ source: c, error })),
      ),
      ...vaults.map(v => this.probeLoop(v, signal)),
    ]);
    await this.flush();
  }

  private queue(change: Change) {
    this.pending.set(change.source.id, change);
    // a large index takes seconds to build: never spend more than a third
    // of the event loop on rebuilds, however fast changes come
    this.timer ??= setTimeout(() => {
      void this.flush();
    }, Math.max(this.options.flushMs ?? 250, 2 * this.lastRebuildMs));
  }

  /** Writes the pending changes, then rebuilds once; one flush at a time. */
  private flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(async () => {
      if (!this.pending.size) return;
      const batch = [...this.pending.values()];
      this.pending.clear();
      for (const change of batch) {
        if ('data' in change)
          await this.refresher.applySnapshot(change.source, change.data);
        else await this.refresher.applyFailure(change.source, change.error);
      }
      const start = Date.now();
      await this.refresher.notify();
      this.lastRebuildMs = Date.now() - start;
    });
    return this.flushing;
  }

  /**
   * Probes `sys/health` every few seconds. A failure the health does not
   * show yet is recorded at once; a Vault that passes again after such a
   * failure is read in full.
   */
  private async probeLoop(vault: VaultSource, signal: AbortSignal) {
    const interval = this.options.probeIntervalMs ?? 5000;
    while (!signal.aborted) {
      await sleep(interval, signal);
      if (signal.aborted) break;
      const health = this.refresher.health(vault.id);
      try {
        await vault.probe!({ signal });
        if (
          health &&
          health.status !== 'ok' &&
          health.errorClass &&
          PROBED_CLASSES.has(health.errorClass)
        ) {
          await this.flush();
          await this.refresher.refreshSource(vault, signal);
          await this.refresher.notify();
        }
      } catch (e) {
        if (signal.aborted) break;
        const cls = e instanceof SourceError ? e.errorClass : undefined;
        if (health?.status === 'ok' || health?.errorClass !== cls) {
          this.queue({ source: vault, error: e as Error });
          await this.flush();
        }
      }
    }
  }
}
