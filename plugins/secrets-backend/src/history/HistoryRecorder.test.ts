import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { demoEntities } from '../__fixtures__/entities';
import {
  DatabaseHistoryStore,
  type HistoryStore,
} from '../database/HistoryStore';
import { HistoryRecorder, type HistorySource } from './HistoryRecorder';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const DAY = 24 * 3600 * 1000;

function fakeService(errors: () => number) {
  let lastSuccessAt = '2026-11-30T10:00:00.000Z';
  const service: HistorySource = {
    entity: e => ({
      entityRef: stringifyEntityRef(e),
      environments: ['production'],
      externalSecrets: [],
      findings: Array.from({ length: errors() }, (_, i) => ({
        id: `f${i}`,
        type: 'sync-error',
        severity: 'error',
        message: 'not kept',
        subject: { kind: 'ExternalSecret', name: `es-${i}` },
        environment: 'production',
        proposedFix: { title: 't', actions: [] },
      })),
    }),
    sources: () => [{ lastSuccessAt }, {}],
  };
  return {
    service,
    refreshed: (at: string) => {
      lastSuccessAt = at;
    },
  };
}

describe('HistoryRecorder', () => {
  it('records what the service serves, once per refresh, and prunes by retention', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseHistoryStore.create({
      database: { getClient: async () => knex },
    });
    let errors = 1;
    let now = Date.parse('2026-11-30T10:01:00.000Z');
    const { service, refreshed } = fakeService(() => errors);
    const recorder = HistoryRecorder.create({
      store,
      service,
      catalog: catalogServiceMock({ entities: demoEntities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      retentionDays: 30,
      now: () => now,
    });
    expect(await recorder.record()).toBe('recorded');
    // no new data since: the same refresh
    expect(await recorder.record()).toBe('duplicate');
    refreshed('2026-11-30T10:05:00.000Z');
    expect(await recorder.record()).toBe('unchanged');
    errors = 2;
    refreshed('2026-12-01T10:00:00.000Z');
    expect(await recorder.record()).toBe('recorded');

    const runs = await store.runs();
    expect(runs.map(r => [r.at, r.lastSeenAt])).toEqual([
      ['2026-11-30T10:00:00.000Z', '2026-11-30T10:05:00.000Z'],
      ['2026-12-01T10:00:00.000Z', '2026-12-01T10:00:00.000Z'],
    ]);
    const rows = (await store.rows([runs[1].id])).get(runs[1].id)!;
    // one row per chart-annotated catalog entity, lower-case refs
    expect(new Set(rows.map(r => r.entityRef)).size).toBe(
      demoEntities.filter(e => e.metadata.annotations?.['ameide.io/chart'])
        .length,
    );
    expect(rows[0].findings).toEqual([
      { id: 'f0', type: 'sync-error', severity: 'error' },
      { id: 'f1', type: 'sync-error', severity: 'error' },
    ]);

    // 45 days later, with a 30-day retention: the first run goes
    errors = 3;
    now += 45 * DAY;
    refreshed(new Date(now).toISOString());
    expect(await recorder.record()).toBe('recorded');
    expect((await store.runs()).map(r => r.at.slice(0, 10))).toEqual([
      '2026-12-01',
      '2027-01-14',
    ]);
  });

  it('records at most once per interval: live batches between refreshes add no point', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseHistoryStore.create({
      database: { getClient: async () => knex },
    });
    let now = Date.parse('2026-11-30T10:00:00.000Z');
    const { service, refreshed } = fakeService(() => 1);
    const recorder = HistoryRecorder.create({
      store,
      service,
      catalog: catalogServiceMock({ entities: demoEntities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      retentionDays: 90,
      minIntervalMs: 270_000,
      now: () => now,
    });
    expect(await recorder.record()).toBe('recorded');
    now += 10_000;
    refreshed('2026-11-30T10:00:10.000Z');
    expect(await recorder.record()).toBeUndefined();
    now += 290_000;
    expect(await recorder.record()).toBe('unchanged');
  });

  it('records nothing while the catalog has no entity with secrets', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseHistoryStore.create({
      database: { getClient: async () => knex },
    });
    const recorder = HistoryRecorder.create({
      store,
      service: fakeService(() => 1).service,
      catalog: catalogServiceMock({ entities: [] }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      retentionDays: 90,
    });
    expect(await recorder.record()).toBeUndefined();
    expect(await store.runs()).toEqual([]);
  });

  it('records as soon as the catalog has loaded, whatever the interval', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseHistoryStore.create({
      database: { getClient: async () => knex },
    });
    const catalog = catalogServiceMock({ entities: demoEntities });
    const getEntities = jest
      .spyOn(catalog, 'getEntities')
      .mockResolvedValueOnce({ items: [] });
    const recorder = HistoryRecorder.create({
      store,
      service: fakeService(() => 1).service,
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      retentionDays: 90,
      minIntervalMs: 270_000,
    });
    expect(await recorder.record()).toBeUndefined();
    expect(await recorder.record()).toBe('recorded');
    expect(getEntities).toHaveBeenCalledTimes(2);
  });

  it('never fails the refresh: a store error is logged by class only', async () => {
    const logger = mockServices.logger.mock();
    const broken = {
      record: async () => {
        throw new Error('connection refused near value s3cr3t');
      },
    } as unknown as HistoryStore;
    const recorder = HistoryRecorder.create({
      store: broken,
      service: fakeService(() => 0).service,
      catalog: catalogServiceMock({ entities: demoEntities }),
      auth: mockServices.auth(),
      logger,
      retentionDays: 90,
    });
    expect(
      await recorder.record({ at: '2026-11-30T00:00:00Z' }),
    ).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not record the history: Error',
    );
  });
});
