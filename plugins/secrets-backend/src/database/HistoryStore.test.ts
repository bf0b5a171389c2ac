import {
  historySnapshot,
  type HistoryEntityInput,
} from '@ameideio/plugin-secrets-node';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { DatabaseHistoryStore } from './HistoryStore';

// PostgreSQL runs whenever BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING points at a server
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const asService = (knex: Knex): DatabaseService => ({
  getClient: async () => knex,
});

const entity = (name: string, errors: number): HistoryEntityInput => ({
  entityRef: `component:default/${name}`,
  environments: ['dev', 'production'],
  externalSecrets: [],
  findings: Array.from({ length: errors }, (_, i) => ({
    id: `sync-error:production:${name}-${i}`,
    type: 'sync-error' as const,
    severity: 'error' as const,
    message: 'the provider said something',
    subject: { kind: 'ExternalSecret' as const, name: `${name}-${i}` },
    environment: 'production',
    proposedFix: { title: 'fix', actions: [] },
  })),
});

const snap = (at: string, orders: number, billing = 0) =>
  historySnapshot({
    at,
    entities: [entity('orders', orders), entity('billing', billing)],
  });

const DAY = 24 * 3600 * 1000;

describe('DatabaseHistoryStore', () => {
  it.each(databases.eachSupportedId())(
    'records, skips an unchanged refresh and reads back on %p',
    async id => {
      const knex = await databases.init(id);
      const store = await DatabaseHistoryStore.create({
        database: asService(knex),
      });
      expect(await store.runs()).toEqual([]);

      const first = snap('2026-11-20T10:00:00.000Z', 2, 1);
      expect(await store.record(first)).toBe('recorded');
      // the same refresh again (another replica): nothing new
      expect(await store.record(first)).toBe('duplicate');
      // a later refresh with the same rows: the run is seen again, no new rows
      expect(await store.record(snap('2026-11-20T10:05:00.000Z', 2, 1))).toBe(
        'unchanged',
      );
      expect(await store.record(snap('2026-11-21T10:00:00.000Z', 3, 0))).toBe(
        'recorded',
      );
      // an older refresh arriving late is not recorded
      expect(await store.record(snap('2026-11-19T10:00:00.000Z', 9))).toBe(
        'duplicate',
      );

      // importing older history is explicit
      expect(
        await store.record(snap('2026-11-18T10:00:00.000Z', 2, 1), {
          backfill: true,
        }),
      ).toBe('recorded');
      const runs = (await store.runs()).slice(1);
      expect(runs.map(r => [r.at, r.lastSeenAt])).toEqual([
        ['2026-11-20T10:00:00.000Z', '2026-11-20T10:05:00.000Z'],
        ['2026-11-21T10:00:00.000Z', '2026-11-21T10:00:00.000Z'],
      ]);
      expect(runs[0].totals).toStrictEqual(first.totals);
      expect(await knex('secrets_history_rows').count({ n: '*' })).toEqual([
        { n: id.startsWith('POSTGRES') ? '12' : 12 },
      ]);

      const rows = await store.rows(runs.map(r => r.id));
      expect(rows.get(runs[0].id)).toStrictEqual(first.rows);
      const orders = await store.rows([runs[1].id], {
        entityRef: 'component:default/orders',
      });
      expect(
        orders.get(runs[1].id)!.map(r => [r.environment, r.findings.length]),
      ).toEqual([
        ['dev', 0],
        ['production', 3],
      ]);

      // the window starts with the state before it
      const windowed = await store.runs({
        from: Date.parse('2026-11-21T00:00:00.000Z'),
      });
      expect(windowed.map(r => r.at)).toEqual([
        '2026-11-20T10:00:00.000Z',
        '2026-11-21T10:00:00.000Z',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'prunes by retention, keeping the state at the cutoff, on %p',
    async id => {
      const knex = await databases.init(id);
      const store = await DatabaseHistoryStore.create({
        database: asService(knex),
      });
      const start = Date.parse('2026-09-01T00:00:00.000Z');
      for (let d = 0; d < 10; d++) {
        await store.record(snap(new Date(start + d * DAY).toISOString(), d));
      }
      // keep from day 7 on, plus day 6 (the state at the cutoff)
      expect(await store.prune(start + 6.5 * DAY)).toBe(6);
      const runs = await store.runs();
      expect(runs.map(r => r.at.slice(0, 10))).toEqual([
        '2026-09-07',
        '2026-09-08',
        '2026-09-09',
        '2026-09-10',
      ]);
      const left = await knex('secrets_history_rows').distinct('run_id');
      expect(left.map(r => Number(r.run_id)).sort()).toEqual(
        runs.map(r => r.id).sort(),
      );
      expect(await store.prune(start)).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'runs its migrations next to the snapshot table on %p',
    async id => {
      const knex = await databases.init(id);
      await DatabaseHistoryStore.create({ database: asService(knex) });
      await DatabaseHistoryStore.create({ database: asService(knex) });
      expect(await knex.schema.hasTable('secrets_history_runs')).toBe(true);
      expect(await knex.schema.hasTable('secrets_source_snapshots')).toBe(true);
    },
  );
});
