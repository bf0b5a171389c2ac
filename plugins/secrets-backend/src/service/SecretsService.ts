import { joinEnvironments } from './environments';
import type {
  EntitySecretsResponse,
  OverviewResponse,
  ParsedOverviewQuery,
  SecretsReport,
  SourceErrorClass,
  SourceHealth,
} from '@ameideio/plugin-secrets-common';
import {
  SECRETS_CHART_ANNOTATION,
  SECRETS_HELM_RELEASE_ANNOTATION,
} from '@ameideio/plugin-secrets-common';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { SnapshotStore } from '../database/SnapshotStore';
import type { GitOpsSource } from '../sources/GitOpsSource';
import type {
  ClusterSnapshot,
  FixtureDigests,
  LiveSource,
  VaultSnapshot,
} from '../sources/types';
import { SourceError } from '../sources/types';
import {
  coverageMap,
  entityResponse,
  indexReport,
  overviewResponse,
  type JoinContext,
} from './join';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  type RotationPolicy,
  analyzeLive,
} from '@ameideio/plugin-secrets-node';
import { impactResponse } from './impact';
import { inventoryResponse } from './inventory';
import type {
  ImpactQuery,
  ImpactResponse,
  InventoryResponse,
} from '@ameideio/plugin-secrets-common';

interface SourceState {
  kind: SourceHealth['kind'];
  data?: unknown;
  fetchedAt?: string;
  health: SourceHealth;
}

/** Outcome of one refresh, for logs, the benchmark and tests. */
export interface RefreshSummary {
  ok: string[];
  failed: string[];
  /** Upstream calls made to clusters and Vault. */
  calls: number;
  durationMs: number;
}

/**
 * The age text of the deprecated `SourceHealth.message`, unchanged for the
 * clients that still show it; remove with that field.
 */
function legacyAgeText(ageMs: number): string {
  const min = Math.round(ageMs / 60000);
  if (min < 1) return 'less than a minute ago';
  if (min < 120) return `${min} min ago`;
  return `${Math.round(min / 60)} h ago`;
}

/**
 * Settles with `read`, or rejects as a `timeout` {@link SourceError} as soon
 * as `signal` aborts, so a read that ignores the signal cannot hold the
 * refresh past the scheduler's timeout.
 */
function untilAborted<T>(
  read: Promise<T>,
  signal: AbortSignal | undefined,
  id: string,
): Promise<T> {
  if (!signal) return read;
  const aborted = () =>
    new SourceError('timeout', `${id} read aborted: the refresh timed out`);
  if (signal.aborted) {
    read.catch(() => undefined);
    return Promise.reject(aborted());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    read.then(
      v => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      e => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/**
 * Keeps the last good data of every source (in memory and in the store) and
 * answers requests from an index built once per refresh: a request never
 * waits on Vault, a cluster or Git.
 */
export class SecretsService {
  private readonly state = new Map<string, SourceState>();
  private ctx: JoinContext;
  private loadedAt?: number;
  private digests?: FixtureDigests;
  private indexGeneration = 0;

  /** Counts the indexes built: a new one whenever the served data changes. */
  get generation(): number {
    return this.indexGeneration;
  }

  /** Entity responses of the current index, without the per-request source health. */
  private readonly responses = new Map<
    string,
    Omit<EntitySecretsResponse, 'sources'>
  >();
  /** The same responses, serialized without the closing brace. */
  private readonly serialized = new Map<string, string>();
  private sourcesJson?: { at: number; json: string };

  private constructor(
    private readonly gitops: GitOpsSource | undefined,
    private readonly live: LiveSource[],
    private readonly store: SnapshotStore | undefined,
    private readonly logger: LoggerService,
    private readonly options: {
      sourceUrl?: string;
      /** Configured; else the report's (see joinEnvironments). */
      fixtureEnvironments?: string[];
      productionEnvironments?: string[];
      needsDigests: boolean;
      rotation?: RotationPolicy;
      externalSyncWriter?: RegExp;
    },
  ) {
    this.state.set('gitops', {
      kind: 'gitops',
      health: gitops
        ? {
            id: 'gitops',
            kind: 'gitops',
            status: 'stale',
            message: 'GitOps repository not read yet',
          }
        : {
            id: 'gitops',
            kind: 'gitops',
            status: 'disabled',
            message: 'No GitOps repository configured (secrets.gitops.dir)',
          },
    });
    for (const s of live) {
      this.state.set(s.id, {
        kind: s.kind,
        health: {
          id: s.id,
          kind: s.kind,
          environment: s.environment,
          status: 'stale',
          origin: s.origin,
          message: 'not read yet',
        },
      });
    }
    this.ctx = this.buildContext();
  }

  static create(options: {
    gitops?: GitOpsSource;
    sources?: LiveSource[];
    store?: SnapshotStore;
    logger: LoggerService;
    sourceUrl?: string;
    /** Environments seeded from the fixture map. Default: the ones the engine's report names. */
    fixtureEnvironments?: string[];
    /** Environments where a missing key is an error. Default: the ones the engine's report names. */
    productionEnvironments?: string[];
    /** Read fixture digests for placeholder detection. */
    placeholderDetection?: boolean;
    /** Maximum ages of Vault keys (`secrets.engine.rotation`). */
    rotation?: RotationPolicy;
    /** Writers that sync from an external key vault. */
    externalSyncWriter?: RegExp;
  }) {
    return new SecretsService(
      options.gitops,
      options.sources ?? [],
      options.store,
      options.logger,
      {
        sourceUrl: options.sourceUrl,
        fixtureEnvironments: options.fixtureEnvironments,
        productionEnvironments: options.productionEnvironments,
        needsDigests: Boolean(options.placeholderDetection),
        rotation: options.rotation,
        externalSyncWriter: options.externalSyncWriter,
      },
    );
  }

  private buildContext(): JoinContext {
    const report = this.state.get('gitops')?.data as SecretsReport | undefined;
    const clusters: ClusterSnapshot[] = [];
    const vaults: VaultSnapshot[] = [];
    for (const s of this.state.values()) {
      if (!s.data) continue;
      if (s.kind === 'cluster') clusters.push(s.data as ClusterSnapshot);
      if (s.kind === 'vault') vaults.push(s.data as VaultSnapshot);
    }
    const envs = joinEnvironments(this.options, report);
    const live = analyzeLive(
      report,
      { clusters, vaults },
      {
        ...envs,
        ...(this.options.rotation ? { rotation: this.options.rotation } : {}),
        ...(this.options.externalSyncWriter
          ? { externalSyncWriter: this.options.externalSyncWriter }
          : {}),
      },
    );
    const times = [...this.state.values()]
      .map(s => s.fetchedAt)
      .filter((t): t is string => Boolean(t))
      .sort();
    this.responses.clear();
    this.serialized.clear();
    this.sourcesJson = undefined;
    this.indexGeneration++;
    return {
      report,
      live,
      index: indexReport(report, live),
      coverage: coverageMap(report),
      sources: [],
      sourceUrl: this.options.sourceUrl,
      refreshedAt: times.slice(-1)[0],
      fixtureEnvironments: envs.fixtureEnvironments,
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

  private failed(
    id: string,
    kind: SourceHealth['kind'],
    environment: string | undefined,
    origin: 'live' | 'snapshot' | undefined,
    attempt: string,
    e: unknown,
  ): SourceState {
    const prev = this.state.get(id);
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

  private async refreshGitOps(signal?: AbortSignal): Promise<boolean> {
    if (!this.gitops) return true;
    const gitops = this.gitops;
    const attempt = new Date().toISOString();
    const log = this.logger.child({ source: 'gitops' });
    try {
      const report = await untilAborted(
        gitops.read({ signal }),
        signal,
        'gitops',
      );
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
      this.state.set('gitops', s);
      if (this.options.needsDigests && this.gitops.fixtureDigests) {
        this.digests = await this.gitops.fixtureDigests(report);
      }
      log.info(
        `GitOps repository analysed: ${report.externalSecrets.length} ExternalSecrets, ${report.findings.length} findings in ${report.stats.durationMs} ms`,
      );
      await this.persist('gitops', s, true);
      return true;
    } catch (e) {
      const s = this.failed('gitops', 'gitops', undefined, 'live', attempt, e);
      this.state.set('gitops', s);
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
        source.read({ fixtureDigests: this.digests, signal }),
        signal,
        source.id,
      );
      const failure =
        source.kind === 'vault' ? (data as VaultSnapshot).failure : undefined;
      const health: SourceHealth = {
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
      const s: SourceState = {
        kind: source.kind,
        data,
        fetchedAt: data.fetchedAt,
        health,
      };
      this.state.set(source.id, s);
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
      const s = this.failed(
        source.id,
        source.kind,
        source.environment,
        source.origin,
        attempt,
        e,
      );
      this.state.set(source.id, s);
      log.warn(
        `${s.health.message}${s.data ? '; serving the last good data' : ''}`,
      );
      await this.persist(source.id, s, false);
      return { ok: false, calls: 0 };
    }
  }

  /**
   * Whether a source must wait for this refresh's GitOps read: only a source
   * that compares fixture digests, and only while none were read yet.
   */
  private waitsForDigests(source: LiveSource): boolean {
    return (
      this.options.needsDigests &&
      this.digests === undefined &&
      source.kind === 'vault' &&
      source.usesFixtureDigests === true
    );
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
    this.ctx = this.buildContext();
    this.loadedAt = Date.now();
    return { ok, failed, calls, durationMs: Date.now() - start };
  }

  /** Ids of the sources the configuration names now. */
  private configuredIds(): Set<string> {
    return new Set([
      ...(this.gitops ? ['gitops'] : []),
      ...this.live.map(s => s.id),
    ]);
  }

  /** Drops the stored rows of sources the configuration no longer names. */
  private async pruneStore() {
    if (!this.store) return;
    try {
      const n = await this.store.prune([...this.configuredIds()]);
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

  /** Loads the latest snapshots written by whichever instance ran the refresh. */
  async loadFromStore(): Promise<boolean> {
    if (!this.store) return false;
    const last = await this.store.lastUpdated();
    if (
      last === undefined ||
      (this.loadedAt !== undefined && last <= this.loadedAt)
    )
      return false;
    const configured = this.configuredIds();
    for (const row of await this.store.loadAll()) {
      // a row of a source removed from the configuration is not served
      if (!configured.has(row.sourceId)) continue;
      this.state.set(row.sourceId, {
        kind: row.kind,
        data: row.data,
        fetchedAt: row.fetchedAt,
        health: row.health,
      });
    }
    this.ctx = this.buildContext();
    this.loadedAt = last;
    return true;
  }

  /**
   * Source health with the age of the data served now, as numbers: the
   * frontend formats it. Only the deprecated `message` still carries an age
   * as text, for one release.
   */
  sources(now = Date.now()): SourceHealth[] {
    const checkedAt = new Date(now).toISOString();
    return [...this.state.values()].map(s => {
      const h: SourceHealth = { ...s.health, checkedAt };
      // stored health keeps the plain text in `message`
      if (h.message) h.detail = h.message;
      const fetched = s.fetchedAt ? Date.parse(s.fetchedAt) : NaN;
      if (!Number.isNaN(fetched)) {
        h.dataAgeMs = Math.max(0, now - fetched);
        h.dataAgeSeconds = Math.round(h.dataAgeMs / 1000);
        if (h.status === 'stale' && h.message) {
          h.message = `${h.message}, data from ${legacyAgeText(h.dataAgeMs)}`;
        }
      }
      return h;
    });
  }

  private context(): JoinContext {
    return { ...this.ctx, sources: this.sources() };
  }

  private cacheKey(entity: Entity): string {
    const a = entity.metadata.annotations ?? {};
    return JSON.stringify([
      stringifyEntityRef(entity),
      a[SECRETS_CHART_ANNOTATION],
      a[SECRETS_HELM_RELEASE_ANNOTATION],
      a['backstage.io/kubernetes-id'],
    ]);
  }

  /** The entity's response from the current index, computed once per refresh. */
  private cachedEntity(entity: Entity): Omit<EntitySecretsResponse, 'sources'> {
    const key = this.cacheKey(entity);
    let cached = this.responses.get(key);
    if (!cached) {
      const { sources: _omit, ...rest } = entityResponse(entity, this.ctx);
      cached = rest;
      if (this.responses.size > 20_000) this.responses.clear();
      this.responses.set(key, cached);
    }
    return cached;
  }

  entity(entity: Entity): EntitySecretsResponse {
    return { ...this.cachedEntity(entity), sources: this.sources() };
  }

  /**
   * {@link SecretsService.entity} as JSON text: the body is serialized once
   * per refresh, the source health (with its data age) at most once a second.
   */
  entityJson(entity: Entity): string {
    const key = this.cacheKey(entity);
    let head = this.serialized.get(key);
    if (head === undefined) {
      head = JSON.stringify(this.cachedEntity(entity)).slice(0, -1);
      if (this.serialized.size > 20_000) this.serialized.clear();
      this.serialized.set(key, head);
    }
    const now = Date.now();
    if (!this.sourcesJson || now - this.sourcesJson.at >= 1000) {
      this.sourcesJson = { at: now, json: JSON.stringify(this.sources(now)) };
    }
    return `${head}${head.length > 1 ? ',' : ''}"sources":${
      this.sourcesJson.json
    }}`;
  }

  /** The blast radius of a Vault key, Secret or store, as the caller may see it. */
  impact(
    query: ImpactQuery,
    visibleEntities: ReadonlySet<string>,
  ): ImpactResponse {
    const ctx = this.context();
    return impactResponse(ctx.report, ctx.live, query, visibleEntities);
  }

  /** Every ExternalSecret, Secret and key name with its owner, as the caller may see it. */
  inventory(
    entities: Entity[],
    visibleEntities: ReadonlySet<string>,
  ): InventoryResponse {
    return inventoryResponse(this.ctx.report, this.ctx.live, entities, {
      visible: visibleEntities,
    });
  }

  overview(entities: Entity[], query: ParsedOverviewQuery): OverviewResponse {
    return overviewResponse(entities, this.context(), query, e =>
      this.cachedEntity(e),
    );
  }
}
