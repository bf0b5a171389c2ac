/*
 * History benchmark: records 91 daily refreshes of 1,000 entities x 4
 * environments and times the record and the three queries the UI makes
 * (one entity over 30 days, the platform over 30 and 90 days), on SQLite
 * (a file) and on PostgreSQL when a server is given.
 *
 *   yarn workspace @ameideio/plugin-secrets-backend bench:history
 *     [--entities 1000] [--runs 91] [--pg postgresql://user@host:port]
 *
 * Without --pg it reads BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
 * (the test command's server) and skips PostgreSQL when neither is set.
 */
import type {
  FindingType,
  HistoryRow,
  HistorySnapshot,
} from '@ameideio/plugin-secrets-common';
import { historyTotals } from '@ameideio/plugin-secrets-node';
import knexFactory, { type Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DatabaseHistoryStore } from '../src/database/HistoryStore';
import { HistoryService } from '../src/history/HistoryService';

const DAY = 24 * 3600 * 1000;
const ENVS = ['local', 'dev', 'staging', 'production'];
const TYPES: Array<[FindingType, 'error' | 'warning' | 'info']> = [
  ['missing-fixture', 'error'],
  ['sync-error', 'error'],
  ['rotation-overdue', 'warning'],
  ['remote-ref-convention', 'warning'],
  ['orphan-fixture', 'info'],
];

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

const p = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

let seed = 42;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

function row(entity: number, env: string, run: number): HistoryRow {
  // a few findings per row, a tenth of the rows change each day
  const drift = Math.floor((run + entity) / 10) % 3;
  const n = (entity % 5) + drift;
  const findings = Array.from({ length: n }, (_, i) => {
    const [type, severity] = TYPES[(entity + i) % TYPES.length];
    return { id: `${entity.toString(16)}${env}${i}${drift}`, type, severity };
  });
  const bySeverity = { error: 0, warning: 0, info: 0 };
  const byType: Partial<Record<FindingType, number>> = {};
  for (const f of findings) {
    bySeverity[f.severity]++;
    byType[f.type] = (byType[f.type] ?? 0) + 1;
  }
  return {
    entityRef: `component:default/service-${String(entity).padStart(4, '0')}`,
    environment: env,
    findingsBySeverity: bySeverity,
    findingsByType: byType,
    fixtureCoverage: env === 'production' ? null : 100 - (n % 4) * 12.5,
    syncErrors: byType['sync-error'] ?? 0,
    overdueKeys: byType['rotation-overdue'] ?? 0,
    findings,
  };
}

function snapshot(entities: number, run: number, at: number): HistorySnapshot {
  const rows: HistoryRow[] = [];
  for (let e = 0; e < entities; e++)
    for (const env of ENVS) rows.push(row(e, env, run));
  return { at: new Date(at).toISOString(), rows, totals: historyTotals(rows) };
}

async function measure(
  label: string,
  knex: Knex,
  entities: number,
  runs: number,
) {
  const store = await DatabaseHistoryStore.create({
    database: { getClient: async () => knex },
  });
  const now = Date.now();
  const record: number[] = [];
  for (let r = 0; r < runs; r++) {
    const snap = snapshot(entities, r, now - (runs - 1 - r) * DAY);
    const t0 = performance.now();
    const result = await store.record(snap);
    record.push(performance.now() - t0);
    if (result !== 'recorded') throw new Error(`run ${r}: ${result}`);
  }
  const service = HistoryService.create({ store, now: () => now + 1000 });
  const time = async (n: number, fn: (i: number) => Promise<unknown>) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await fn(i);
      out.push(performance.now() - t0);
    }
    return out;
  };
  const entity30 = await time(30, () =>
    service.entity(
      `component:default/service-${String(
        Math.floor(rnd() * entities),
      ).padStart(4, '0')}`,
      { days: 30 },
    ),
  );
  const platform30 = await time(15, () =>
    service.platform({ days: 30 }, () => true),
  );
  const platform90 = await time(15, () =>
    service.platform({ days: 90 }, () => true),
  );
  const [{ n }] = await knex('secrets_history_rows').count({ n: '*' });
  const fmt = (xs: number[]) =>
    `p50 ${p(xs, 0.5).toFixed(1)} ms, p90 ${p(xs, 0.9).toFixed(1)} ms`;
  console.log(
    [
      `${label}: ${runs} runs x ${
        entities * ENVS.length
      } rows (${n} rows stored)`,
      `  record one refresh:  ${fmt(record)}`,
      `  entity, 30 days:     ${fmt(entity30)}`,
      `  platform, 30 days:   ${fmt(platform30)}`,
      `  platform, 90 days:   ${fmt(platform90)}`,
    ].join('\n'),
  );
}

export async function main(argv: string[]): Promise<number> {
  const entities = Number(arg(argv, 'entities') ?? 1000);
  const runs = Number(arg(argv, 'runs') ?? 91);
  const dir = mkdtempSync(join(tmpdir(), 'secrets-history-bench-'));
  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(dir, 'history.sqlite') },
    useNullAsDefault: true,
  });
  try {
    await measure('SQLite (file)', sqlite, entities, runs);
  } finally {
    await sqlite.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
  const pg =
    arg(argv, 'pg') ??
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!pg) {
    console.log('PostgreSQL: skipped (no --pg and no test server)');
    return 0;
  }
  const name = `secrets_history_bench_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: pg });
  await admin.raw(`CREATE DATABASE ${name}`);
  const db = knexFactory({
    client: 'pg',
    connection: `${pg.replace(/\/+$/, '')}/${name}`,
  });
  try {
    await measure('PostgreSQL', db, entities, runs);
  } finally {
    await db.destroy();
    await admin.raw(`DROP DATABASE ${name}`);
    await admin.destroy();
  }
  return 0;
}
