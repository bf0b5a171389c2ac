import type { SourceHealth } from '@ameideio/plugin-secrets-common';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { migratedClient } from './migrate';

/** A source's last good data plus the health of its last attempt. @public */
export interface StoredSnapshot {
  sourceId: string;
  kind: SourceHealth['kind'];
  /** Absent when the source never succeeded. */
  data?: unknown;
  fetchedAt?: string;
  health: SourceHealth;
  /** Epoch ms of the last write. */
  updatedAt: number;
}

/** Persistence of the last good snapshot per source. @public */
export interface SnapshotStore {
  /** Stores new good data and its health. */
  saveSuccess(s: {
    sourceId: string;
    kind: SourceHealth['kind'];
    data: unknown;
    fetchedAt: string;
    health: SourceHealth;
  }): Promise<void>;
  /** Records a failed attempt; the last good data stays. */
  saveFailure(s: {
    sourceId: string;
    kind: SourceHealth['kind'];
    health: SourceHealth;
  }): Promise<void>;
  loadAll(): Promise<StoredSnapshot[]>;
  /**
   * Deletes the rows of every source not in `keep` (sources removed from
   * the configuration); returns how many went.
   */
  prune(keep: readonly string[]): Promise<number>;
  /** Newest write time, to let other instances skip unchanged reloads. */
  lastUpdated(): Promise<number | undefined>;
}

const TABLE = 'secrets_source_snapshots';

interface Row {
  source_id: string;
  kind: string;
  data: string | null;
  fetched_at: string | null;
  health: string;
  updated_at: number | string;
}

/** {@link SnapshotStore} on the plugin database (SQLite, PostgreSQL). @public */
export class DatabaseSnapshotStore implements SnapshotStore {
  private constructor(private readonly db: Knex) {}

  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseSnapshotStore> {
    return new DatabaseSnapshotStore(await migratedClient(options));
  }

  async saveSuccess(s: {
    sourceId: string;
    kind: SourceHealth['kind'];
    data: unknown;
    fetchedAt: string;
    health: SourceHealth;
  }) {
    const row = {
      source_id: s.sourceId,
      kind: s.kind,
      data: JSON.stringify(s.data),
      fetched_at: s.fetchedAt,
      health: JSON.stringify(s.health),
      updated_at: Date.now(),
    };
    await this.db<Row>(TABLE)
      .insert(row)
      .onConflict('source_id')
      .merge(['kind', 'data', 'fetched_at', 'health', 'updated_at']);
  }

  async saveFailure(s: {
    sourceId: string;
    kind: SourceHealth['kind'];
    health: SourceHealth;
  }) {
    const row = {
      source_id: s.sourceId,
      kind: s.kind,
      data: null,
      fetched_at: null,
      health: JSON.stringify(s.health),
      updated_at: Date.now(),
    };
    // insert without data when new; otherwise keep data and fetched_at
    await this.db<Row>(TABLE)
      .insert(row)
      .onConflict('source_id')
      .merge(['health', 'updated_at']);
  }

  async loadAll(): Promise<StoredSnapshot[]> {
    const rows = await this.db<Row>(TABLE).select('*').orderBy('source_id');
    return rows.map(r => ({
      sourceId: r.source_id,
      kind: r.kind as SourceHealth['kind'],
      ...(r.data !== null ? { data: JSON.parse(r.data) } : {}),
      ...(r.fetched_at ? { fetchedAt: r.fetched_at } : {}),
      health: JSON.parse(r.health),
      updatedAt: Number(r.updated_at),
    }));
  }

  async prune(keep: readonly string[]): Promise<number> {
    return this.db<Row>(TABLE)
      .whereNotIn('source_id', [...keep])
      .delete();
  }

  async lastUpdated(): Promise<number | undefined> {
    const row = await this.db(TABLE).max({ m: 'updated_at' }).first();
    return row?.m === null || row?.m === undefined ? undefined : Number(row.m);
  }
}

/** In-memory {@link SnapshotStore}, for tests and the benchmark. @public */
export class InMemorySnapshotStore implements SnapshotStore {
  private readonly rows = new Map<string, StoredSnapshot>();

  async saveSuccess(s: {
    sourceId: string;
    kind: SourceHealth['kind'];
    data: unknown;
    fetchedAt: string;
    health: SourceHealth;
  }) {
    this.rows.set(s.sourceId, {
      ...s,
      data: JSON.parse(JSON.stringify(s.data)),
      updatedAt: Date.now(),
    });
  }

  async saveFailure(s: {
    sourceId: string;
    kind: SourceHealth['kind'];
    health: SourceHealth;
  }) {
    const prev = this.rows.get(s.sourceId);
    this.rows.set(s.sourceId, { ...(prev ?? {}), ...s, updatedAt: Date.now() });
  }

  async loadAll() {
    return [...this.rows.values()].sort((a, b) =>
      a.sourceId.localeCompare(b.sourceId),
    );
  }

  async prune(keep: readonly string[]) {
    const set = new Set(keep);
    let n = 0;
    for (const id of [...this.rows.keys()]) {
      if (!set.has(id)) {
        this.rows.delete(id);
        n++;
      }
    }
    return n;
  }

  async lastUpdated() {
    const all = [...this.rows.values()].map(r => r.updatedAt);
    return all.length ? Math.max(...all) : undefined;
  }
}
