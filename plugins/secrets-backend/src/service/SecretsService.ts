import { joinEnvironments } from './environments';
import type {
  EntitySecretsResponse,
  OverviewResponse,
  ParsedOverviewQuery,
  SecretsReport,
  SourceHealth,
} from '@ameideio/plugin-secrets-common';
import {
  SECRETS_CHART_ANNOTATION,
  SECRETS_HELM_RELEASE_ANNOTATION,
} from '@ameideio/plugin-secrets-common';
import type { Entity } from '@backstage/catalog-model';
import type { SnapshotStore } from '../database/SnapshotStore';
import type { ClusterSnapshot, VaultSnapshot } from '../sources/types';
import type { SourceStates } from './SourceStates';
import { entityResponse, type JoinContext } from './join';
import {
  IncrementalLiveIndex,
  type LiveSnapshotOf,
} from './IncrementalLiveIndex';
import { overviewResponse } from './overview';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { RotationPolicy } from '@ameideio/plugin-secrets-node';
import { impactResponse } from './impact';
import { inventoryResponse } from './inventory';
import type {
  ImpactQuery,
  ImpactResponse,
  InventoryResponse,
} from '@ameideio/plugin-secrets-common';

/** How the service joins the sources' data. */
export interface ServingOptions {
  sourceUrl?: string;
  /** Environments seeded from the fixture map. Default: the ones the engine's report names. */
  fixtureEnvironments?: string[];
  /** Environments where a missing key is an error. Default: the ones the engine's report names. */
  productionEnvironments?: string[];
  /** Maximum ages of Vault keys (`secrets.engine.rotation`). */
  rotation?: RotationPolicy;
  /** Writers that sync from an external key vault. */
  externalSyncWriter?: RegExp;
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
 * Answers requests from an index built once per refresh over the states the
 * refresher writes (or the store holds): a request never waits on Vault, a
 * cluster or Git.
 */
export class SecretsService {
  private ctx: JoinContext;
  private loadedAt?: number;
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
  /** The same responses, serialized without the closing brace, with their `refreshedAt`. */
  private readonly serialized = new Map<
    string,
    { head: string; refreshedAt?: string }
  >();
  /** The releases of each cached response: a change elsewhere keeps it. */
  private readonly cachedReleases = new Map<string, string[]>();
  private sourcesJson?: { at: number; json: string };
  private readonly liveIndex = new IncrementalLiveIndex();

  private constructor(
    private readonly state: SourceStates,
    private readonly store: SnapshotStore | undefined,
    private readonly options: ServingOptions,
  ) {
    this.ctx = this.buildContext();
  }

  static create(
    options: ServingOptions & { states: SourceStates; store?: SnapshotStore },
  ): SecretsService {
    const { states, store, ...serving } = options;
    return new SecretsService(states, store, serving);
  }

  /**
   * Brings the serving index up to the current source states: only the
   * snapshots whose content changed are analysed again, and only the
   * answers they may change are dropped; `full` builds everything again.
   */
  rebuild(options: { full?: boolean } = {}): void {
    this.ctx = this.buildContext(options.full);
    this.loadedAt = Date.now();
  }

  private buildContext(full = false): JoinContext {
    const report = this.state.get('gitops')?.data as SecretsReport | undefined;
    const snapshots: LiveSnapshotOf[] = [];
    for (const [id, s] of this.state.entries()) {
      if (!s.data) continue;
      if (s.kind === 'cluster')
        snapshots.push({ id, kind: s.kind, data: s.data as ClusterSnapshot });
      if (s.kind === 'vault')
        snapshots.push({ id, kind: s.kind, data: s.data as VaultSnapshot });
    }
    const envs = joinEnvironments(this.options, report);
    const joins = this.liveIndex.update(
      report,
      snapshots,
      {
        ...envs,
        ...(this.options.rotation ? { rotation: this.options.rotation } : {}),
        ...(this.options.externalSyncWriter
          ? { externalSyncWriter: this.options.externalSyncWriter }
          : {}),
      },
      full,
    );
    const times = [...this.state.values()]
      .map(s => s.fetchedAt)
      .filter((t): t is string => Boolean(t))
      .sort();
    this.dropCached(joins.affected);
    this.sourcesJson = undefined;
    this.indexGeneration++;
    return {
      report,
      live: joins.live,
      index: joins.index,
      coverage: joins.coverage,
      sources: [],
      sourceUrl: this.options.sourceUrl,
      refreshedAt: times.slice(-1)[0],
      fixtureEnvironments: envs.fixtureEnvironments,
    };
  }

  /** Drops the cached answers of the releases named (of every entity for `all`). */
  private dropCached(affected: Set<string> | 'all'): void {
    if (affected === 'all') {
      this.responses.clear();
      this.serialized.clear();
      this.cachedReleases.clear();
      return;
    }
    if (!affected.size) return;
    for (const key of new Set([
      ...this.responses.keys(),
      ...this.serialized.keys(),
    ])) {
      const releases = this.cachedReleases.get(key);
      if (releases && !releases.some(r => affected.has(r))) continue;
      this.responses.delete(key);
      this.serialized.delete(key);
      this.cachedReleases.delete(key);
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
    const configured = this.state.configuredIds();
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
    const refreshedAt = this.ctx.refreshedAt;
    if (cached && cached.summary.refreshedAt !== refreshedAt) {
      // kept from an earlier index: only the time of the newest data moved
      cached = { ...cached, summary: { ...cached.summary, refreshedAt } };
      this.responses.set(key, cached);
    }
    if (!cached) {
      const { sources: _omit, ...rest } = entityResponse(entity, this.ctx);
      cached = rest;
      if (this.responses.size > 20_000) this.responses.clear();
      this.responses.set(key, cached);
      if (this.cachedReleases.size > 40_000) this.cachedReleases.clear();
      this.cachedReleases.set(key, cached.releases);
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
    const refreshedAt = this.ctx.refreshedAt;
    let cached = this.serialized.get(key);
    if (cached && cached.refreshedAt !== refreshedAt) {
      // the summary (the first object with this member) carries the time of the newest data
      const was = `"refreshedAt":${JSON.stringify(cached.refreshedAt)}`;
      cached =
        cached.refreshedAt !== undefined && refreshedAt !== undefined
          ? {
              head: cached.head.replace(
                was,
                `"refreshedAt":${JSON.stringify(refreshedAt)}`,
              ),
              refreshedAt,
            }
          : undefined;
      if (cached) this.serialized.set(key, cached);
    }
    if (cached === undefined) {
      cached = {
        head: JSON.stringify(this.cachedEntity(entity)).slice(0, -1),
        refreshedAt,
      };
      if (this.serialized.size > 20_000) this.serialized.clear();
      this.serialized.set(key, cached);
    }
    return this.withSources(cached.head);
  }

  /**
   * Closes a serialized answer (without its closing brace) with the source
   * health, serialized at most once a second.
   */
  private withSources(head: string): string {
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

  /** Overview answers as JSON, per list of entities read for a caller and per query. */
  private readonly overviewBodies = new WeakMap<
    readonly Entity[],
    { generation: number; bodies: Map<string, string> }
  >();

  /**
   * {@link SecretsService.overview} as JSON text: serialized once per index
   * generation for the same list of entities (the router reuses a caller's
   * list while the catalog cache keeps it) and the same query; only the
   * source health is added per request.
   */
  overviewJson(entities: Entity[], query: ParsedOverviewQuery): string {
    let kept = this.overviewBodies.get(entities);
    if (!kept || kept.generation !== this.indexGeneration) {
      kept = { generation: this.indexGeneration, bodies: new Map() };
      this.overviewBodies.set(entities, kept);
    }
    const key = JSON.stringify(query);
    let body = kept.bodies.get(key);
    if (body === undefined) {
      const { sources: _omit, ...rest } = overviewResponse(
        entities,
        this.ctx,
        query,
        e => this.cachedEntity(e),
      );
      body = JSON.stringify(rest).slice(0, -1);
      if (kept.bodies.size >= 64) kept.bodies.clear();
      kept.bodies.set(key, body);
    }
    return this.withSources(body);
  }
}
