import {
  type HistoryEntityInput,
  historySnapshot,
} from '@ameideio/plugin-secrets-node';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  HistoryRecordResult,
  HistoryStore,
} from '../database/HistoryStore';
import { chartEntities } from '../service/chartEntities';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the recorder reads from the service after a refresh. */
export interface HistorySource {
  entity(entity: Entity): HistoryEntityInput;
  sources(): Array<{ lastSuccessAt?: string }>;
}

/** What a {@link HistoryRecorder} records from and into. */
export interface HistoryRecorderOptions {
  store: HistoryStore;
  service: HistorySource;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  retentionDays: number;
  /**
   * Records at most once in this time: the listener also runs after the
   * live watches' small batches, and history keeps one point per refresh
   * interval, not per change. Default 0.
   */
  minIntervalMs?: number;
  now?: () => number;
}

/**
 * After each refresh, stores the per entity and environment counts of what
 * the service serves now, then deletes what is older than the retention.
 * Runs in the refresh task (one runner across replicas); the store's unique
 * refresh key keeps a refresh recorded once even if two writers try.
 */
export class HistoryRecorder {
  private constructor(
    private readonly options: Required<HistoryRecorderOptions>,
  ) {}

  private lastAttempt?: number;
  private lastCount?: number;

  static create(options: HistoryRecorderOptions) {
    return new HistoryRecorder({ now: Date.now, minIntervalMs: 0, ...options });
  }

  /**
   * Records the state served now. `at` defaults to the newest data time of
   * the sources, so the same data gives the same refresh key on any replica.
   * Never throws: history must not fail a refresh.
   */
  async record(
    ctx: { at?: string } = {},
  ): Promise<HistoryRecordResult | undefined> {
    const { store, service, catalog, auth, logger } = this.options;
    const now = this.options.now();
    const recent =
      this.lastAttempt !== undefined &&
      now - this.lastAttempt < this.options.minIntervalMs;
    try {
      const credentials = await auth.getOwnServiceCredentials();
      const items = await chartEntities(catalog, credentials);
      if (items.length === 0) {
        // nothing to follow yet (e.g. the catalog is still loading): no empty point
        logger.info('History: no entity with secrets in the catalog yet');
        return undefined;
      }
      // within the interval only a changed set of entities is recorded
      if (recent && items.length === this.lastCount) return undefined;
      this.lastAttempt = now;
      this.lastCount = items.length;
      const at = ctx.at ?? this.dataTime();
      const entities = items.map(e => {
        const r = service.entity(e);
        return {
          entityRef: r.entityRef.toLocaleLowerCase('en-US'),
          environments: r.environments,
          externalSecrets: r.externalSecrets,
          findings: r.findings,
        };
      });
      const result = await store.record(historySnapshot({ at, entities }));
      const pruned = await store.prune(
        this.options.now() - this.options.retentionDays * DAY_MS,
      );
      logger.info(
        `History: ${result} (${entities.length} entities)${
          pruned ? `; ${pruned} refreshes past retention removed` : ''
        }`,
      );
      return result;
    } catch (e) {
      logger.warn(`Could not record the history: ${(e as Error).name}`);
      return undefined;
    }
  }

  private dataTime(): string {
    const times = this.options.service
      .sources()
      .map(s => (s.lastSuccessAt ? Date.parse(s.lastSuccessAt) : NaN))
      .filter(t => !Number.isNaN(t));
    return new Date(
      times.length ? Math.max(...times) : this.options.now(),
    ).toISOString();
  }
}
