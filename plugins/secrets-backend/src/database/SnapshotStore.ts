import type { SourceHealth } from '@ameideio/plugin-secrets-common';
import type { Knex } from 'knex';
import { type DatabaseStoreOptions, migratedClient } from './migrate';

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

/** A failed attempt of a source: its health only. @public */
export interface SnapshotFailure {
  sourceId: string;
  kind: SourceHealth['kind'];
  health: SourceHealth;
}

/** A successful attempt of a source: new good data and its health. @public */
export interface SnapshotSuccess extends SnapshotFailure {
  data: unknown;
  fetchedAt: string;
}

/** Persistence of the last good snapshot per source. @public */
export interface SnapshotStore {
  /** Stores new good data and its health. */
  saveSuccess(s: SnapshotSuccess): Promise<void>;
  /** Records a failed attempt; the last good data stays. */
  saveFailure(s: SnapshotFailure): Promise<void>;
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

  static async create(
    options: DatabaseStoreOptions,
  ): Promise<DatabaseSnapshotStore> {
    return new DatabaseSnapshotStore(await migratedClient(options));
  }

  async saveSuccess(s: SnapshotSuccess) {
    await this.upsert(
      s,
      { data: JSON.stringify(s.data), fetched_at: s.fetchedAt },
      ['kind', 'data', 'fetched_at', 'health', 'updated_at'],
    );
  }

  async saveFailure(s: SnapshotFailure) {
    // insert without data when new; otherwise keep data and fetched_at
    await this.upsert(s, { data: null, fetched_at: null }, [
      'health',
      'updated_at',
    ]);
  }

  /** Inserts the source's row, or updates the `merge` columns of the one there. */
  private async upsert(
    s: SnapshotFailure,
    data: Pick<Row, 'data' | 'fetched_at'>,
    merge: Array<keyof Row>,
  ) {
    await this.db<Row>(TABLE)
      .insert({
        source_id: s.sourceId,
        kind: s.kind,
        ...data,
        health: JSON.stringify(s.health),
        updated_at: Date.now(),
      })
      .onConflict('source_id')
      .merge(merge);
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

  async saveSuccess(s: SnapshotSuccess) {
    this.rows.set(s.sourceId, {
      ...s,
      data: JSON.parse(JSON.stringify(s.data)),
      updatedAt: Date.now(),
    });
  }

  async saveFailure(s: SnapshotFailure) {
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
