import type { SourceHealth } from '@ameideio/plugin-secrets-common';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { DatabaseSnapshotStore } from './SnapshotStore';

// PostgreSQL runs whenever BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING points at a server
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const asService = (knex: Knex): DatabaseService => ({
  getClient: async () => knex,
});

const ok = (id: string, at: string): SourceHealth => ({
  id,
  kind: 'vault',
  environment: 'staging',
  status: 'ok',
  lastSuccessAt: at,
  lastAttemptAt: at,
});

describe('DatabaseSnapshotStore', () => {
  it.each(databases.eachSupportedId())(
    'keeps the last good data across a failure on %p',
    async id => {
      const knex = await databases.init(id);
      const store = await DatabaseSnapshotStore.create({
        database: asService(knex),
      });
      expect(await store.loadAll()).toEqual([]);
      expect(await store.lastUpdated()).toBeUndefined();

      const data = {
        environment: 'staging',
        keys: { 'orders-db-password': { properties: ['value'] } },
      };
      await store.saveSuccess({
        sourceId: 'vault:staging',
        kind: 'vault',
        data,
        fetchedAt: '2026-11-25T03:00:00.000Z',
        health: ok('vault:staging', '2026-11-25T03:00:00.000Z'),
      });
      const failed: SourceHealth = {
        id: 'vault:staging',
        kind: 'vault',
        environment: 'staging',
        status: 'stale',
        errorClass: 'sealed',
        statusCode: 503,
        message: 'Vault staging sealed (503)',
        lastSuccessAt: '2026-11-25T03:00:00.000Z',
        lastAttemptAt: '2026-11-25T03:05:00.000Z',
      };
      await store.saveFailure({
        sourceId: 'vault:staging',
        kind: 'vault',
        health: failed,
      });
      // a source that never succeeded has health but no data
      await store.saveFailure({
        sourceId: 'cluster:prod-eu',
        kind: 'cluster',
        health: {
          id: 'cluster:prod-eu',
          kind: 'cluster',
          status: 'error',
          errorClass: 'forbidden',
          statusCode: 403,
        },
      });

      const rows = await store.loadAll();
      expect(
        rows.map(r => ({ ...r, updatedAt: typeof r.updatedAt })),
      ).toStrictEqual([
        {
          sourceId: 'cluster:prod-eu',
          kind: 'cluster',
          health: {
            id: 'cluster:prod-eu',
            kind: 'cluster',
            status: 'error',
            errorClass: 'forbidden',
            statusCode: 403,
          },
          updatedAt: 'number',
        },
        {
          sourceId: 'vault:staging',
          kind: 'vault',
          data,
          fetchedAt: '2026-11-25T03:00:00.000Z',
          health: failed,
          updatedAt: 'number',
        },
      ]);
      expect(await store.lastUpdated()).toBe(
        Math.max(...rows.map(r => r.updatedAt)),
      );

      // a later success replaces data and health
      await store.saveSuccess({
        sourceId: 'vault:staging',
        kind: 'vault',
        data: { keys: {} },
        fetchedAt: '2026-11-25T03:10:00.000Z',
        health: ok('vault:staging', '2026-11-25T03:10:00.000Z'),
      });
      const [, vault] = await store.loadAll();
      expect(vault).toMatchObject({
        data: { keys: {} },
        fetchedAt: '2026-11-25T03:10:00.000Z',
        health: { status: 'ok' },
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'runs its migrations idempotently on %p',
    async id => {
      const knex = await databases.init(id);
      await DatabaseSnapshotStore.create({ database: asService(knex) });
      await DatabaseSnapshotStore.create({ database: asService(knex) });
      expect(await knex.schema.hasTable('secrets_source_snapshots')).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'prunes the rows of sources no longer configured on %p',
    async id => {
      const knex = await databases.init(id);
      const store = await DatabaseSnapshotStore.create({
        database: asService(knex),
      });
      for (const sourceId of ['vault:staging', 'vault:old', 'cluster:gone']) {
        await store.saveFailure({
          sourceId,
          kind: 'vault',
          health: { id: sourceId, kind: 'vault', status: 'error' },
        });
      }
      expect(await store.prune(['vault:staging', 'gitops'])).toBe(2);
      expect((await store.loadAll()).map(r => r.sourceId)).toEqual([
        'vault:staging',
      ]);
      expect(await store.prune(['vault:staging'])).toBe(0);
    },
  );
});
