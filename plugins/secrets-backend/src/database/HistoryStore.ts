import type {
  FindingType,
  HistoryRow,
  HistorySnapshot,
  HistoryTotals,
  Severity,
} from '@ameideio/plugin-secrets-common';
import type { Knex } from 'knex';
import { createHash } from 'node:crypto';
import { type DatabaseStoreOptions, migratedClient } from './migrate';

/** A recorded refresh without its rows. @public */
export interface HistoryRun {
  id: number;
  /** When the data was refreshed (ISO). */
  at: string;
  /** Last refresh that found the same rows (ISO). */
  lastSeenAt: string;
  totals: HistoryTotals;
}

/**
 * How a snapshot was taken: `recorded` (new rows), `unchanged` (the same
 * rows as the newest run, whose last-seen time moved on) or `duplicate`
 * (this refresh is already recorded, e.g. by another replica).
 * @public
 */
export type HistoryRecordResult = 'recorded' | 'unchanged' | 'duplicate';

/** Persistence of the history of refreshes. @public */
export interface HistoryStore {
  /**
   * Stores a snapshot, or moves the newest run's last-seen time when its
   * rows are the same. With `backfill`, a snapshot older than the newest
   * run is stored too (importing history), without that comparison.
   */
  record(
    snapshot: HistorySnapshot,
    options?: { backfill?: boolean },
  ): Promise<HistoryRecordResult>;
  /**
   * The runs from `from` (epoch ms) on, oldest first, plus the newest run
   * before `from`: the state at the start of the window.
   */
  runs(options?: { from?: number }): Promise<HistoryRun[]>;
  /** The rows of the given runs, optionally of one entity only. */
  rows(
    runIds: readonly number[],
    options?: { entityRef?: string },
  ): Promise<Map<number, HistoryRow[]>>;
  /**
   * Deletes the runs older than `before` (epoch ms), except the newest of
   * them: the state at the cutoff. Returns how many runs went.
   */
  prune(before: number): Promise<number>;
}

const RUNS = 'secrets_history_runs';
const ROWS = 'secrets_history_rows';

interface RunRow {
  id: number;
  refresh_key: string;
  recorded_at: number | string;
  last_seen_at: number | string;
  digest: string;
  totals: string;
}

interface DbRow {
  run_id: number;
  entity_ref: string;
  environment: string;
  errors: number;
  warnings: number;
  infos: number;
  sync_errors: number;
  overdue_keys: number;
  fixture_coverage: number | string | null;
  by_type: string;
  findings: string;
}

/** The digest of a snapshot's rows: equal rows, equal digest. @public */
export function historyDigest(rows: readonly HistoryRow[]): string {
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

function toDb(runId: number, r: HistoryRow): DbRow {
  return {
    run_id: runId,
    entity_ref: r.entityRef,
    environment: r.environment,
    errors: r.findingsBySeverity.error,
    warnings: r.findingsBySeverity.warning,
    infos: r.findingsBySeverity.info,
    sync_errors: r.syncErrors,
    overdue_keys: r.overdueKeys,
    fixture_coverage: r.fixtureCoverage,
    by_type: JSON.stringify(r.findingsByType),
    // the finding's id, type and severity: never its message or subject
    findings: JSON.stringify(r.findings.map(f => [f.id, f.type, f.severity])),
  };
}

function fromDb(r: DbRow): HistoryRow {
  return {
    entityRef: r.entity_ref,
    environment: r.environment,
    findingsBySeverity: {
      error: Number(r.errors),
      warning: Number(r.warnings),
      info: Number(r.infos),
    },
    findingsByType: JSON.parse(r.by_type) as Partial<
      Record<FindingType, number>
    >,
    fixtureCoverage:
      r.fixture_coverage === null ? null : Number(r.fixture_coverage),
    syncErrors: Number(r.sync_errors),
    overdueKeys: Number(r.overdue_keys),
    findings: (
      JSON.parse(r.findings) as Array<[string, FindingType, Severity]>
    ).map(([id, type, severity]) => ({ id, type, severity })),
  };
}

const iso = (ms: number | string) => new Date(Number(ms)).toISOString();

function toRun(r: RunRow): HistoryRun {
  return {
    id: Number(r.id),
    at: iso(r.recorded_at),
    lastSeenAt: iso(r.last_seen_at),
    totals: JSON.parse(r.totals),
  };
}

function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: string })?.code;
  return (
    code === '23505' || // PostgreSQL
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'ER_DUP_ENTRY' // MySQL
  );
}

/** Rows per insert: well under SQLite's limit of bound parameters. */
const CHUNK = 500;

/** {@link HistoryStore} on the plugin database (SQLite, PostgreSQL). @public */
export class DatabaseHistoryStore implements HistoryStore {
  private constructor(private readonly db: Knex) {}

  static async create(
    options: DatabaseStoreOptions,
  ): Promise<DatabaseHistoryStore> {
    const db = await migratedClient(options);
    return new DatabaseHistoryStore(db);
  }

  async record(
    snapshot: HistorySnapshot,
    options: { backfill?: boolean } = {},
  ): Promise<HistoryRecordResult> {
    const at = Date.parse(snapshot.at);
    if (Number.isNaN(at))
      throw new TypeError('History snapshot without a time');
    const key = new Date(at).toISOString();
    const digest = historyDigest(snapshot.rows);
    try {
      return await this.insert(snapshot, key, at, digest, options.backfill);
    } catch (e) {
      // another writer recorded the same refresh first
      if (isUniqueViolation(e)) return 'duplicate';
      throw e;
    }
  }

  private insert(
    snapshot: HistorySnapshot,
    key: string,
    at: number,
    digest: string,
    backfill = false,
  ): Promise<HistoryRecordResult> {
    return this.db.transaction(async trx => {
      const seen = await trx<RunRow>(RUNS)
        .where('refresh_key', key)
        .first('id');
      if (seen) return 'duplicate';
      const latest = backfill
        ? undefined
        : await trx<RunRow>(RUNS)
            .orderBy('recorded_at', 'desc')
            .first('id', 'digest', 'last_seen_at', 'recorded_at');
      if (latest && Number(latest.recorded_at) > at) return 'duplicate';
      if (latest?.digest === digest) {
        await trx<RunRow>(RUNS)
          .where('id', latest.id)
          .update({ last_seen_at: Math.max(at, Number(latest.last_seen_at)) });
        return 'unchanged';
      }
      // the unique refresh_key lets only one writer record a refresh
      const inserted = await trx<RunRow>(RUNS)
        .insert({
          refresh_key: key,
          recorded_at: at,
          last_seen_at: at,
          digest,
          totals: JSON.stringify(snapshot.totals),
        })
        .returning('id');
      const first = inserted[0] as unknown as { id: number } | number;
      const runId = typeof first === 'object' ? first.id : first;
      const rows = snapshot.rows.map(r => toDb(runId, r));
      for (let i = 0; i < rows.length; i += CHUNK) {
        await trx(ROWS).insert(rows.slice(i, i + CHUNK));
      }
      return 'recorded';
    });
  }

  async runs(options: { from?: number } = {}): Promise<HistoryRun[]> {
    const cols = ['id', 'recorded_at', 'last_seen_at', 'totals'] as const;
    if (options.from === undefined) {
      const all = await this.db<RunRow>(RUNS)
        .select(...cols)
        .orderBy('recorded_at', 'asc');
      return all.map(r => toRun(r as RunRow));
    }
    const [before, inWindow] = await Promise.all([
      this.db<RunRow>(RUNS)
        .where('recorded_at', '<', options.from)
        .orderBy('recorded_at', 'desc')
        .first(...cols),
      this.db<RunRow>(RUNS)
        .where('recorded_at', '>=', options.from)
        .select(...cols)
        .orderBy('recorded_at', 'asc'),
    ]);
    return [...(before ? [before] : []), ...inWindow].map(r =>
      toRun(r as RunRow),
    );
  }

  async rows(
    runIds: readonly number[],
    options: { entityRef?: string } = {},
  ): Promise<Map<number, HistoryRow[]>> {
    const out = new Map<number, HistoryRow[]>(runIds.map(id => [id, []]));
    if (!runIds.length) return out;
    let q = this.db<DbRow>(ROWS).whereIn('run_id', [...runIds]);
    if (options.entityRef !== undefined)
      q = q.where('entity_ref', options.entityRef);
    const rows = await q
      .select('*')
      .orderBy([
        { column: 'run_id' },
        { column: 'entity_ref' },
        { column: 'environment' },
      ]);
    for (const r of rows) out.get(Number(r.run_id))?.push(fromDb(r));
    return out;
  }

  async prune(before: number): Promise<number> {
    return this.db.transaction(async (trx): Promise<number> => {
      const keep = await trx<RunRow>(RUNS)
        .where('recorded_at', '<', before)
        .orderBy('recorded_at', 'desc')
        .first('recorded_at');
      if (!keep) return 0;
      const old = trx<RunRow>(RUNS)
        .where('recorded_at', '<', Number(keep.recorded_at))
        .select('id');
      await trx(ROWS).whereIn('run_id', old).delete();
      const n = await trx<RunRow>(RUNS)
        .where('recorded_at', '<', Number(keep.recorded_at))
        .delete();
      return Number(n);
    });
  }
}
