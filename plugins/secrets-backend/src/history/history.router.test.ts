import {
  historySnapshot,
  type HistoryEntityInput,
} from '@ameideio/plugin-secrets-node';
import {
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import { demoEntities } from '../__fixtures__/entities';
import { DatabaseHistoryStore } from '../database/HistoryStore';
import { createRouter } from '../service/router';
import { createSecretsCore } from '../createSecretsCore';
import { HistoryService } from './HistoryService';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const visible = `component:default/${demoEntities[0].metadata.name}`;
const hidden = 'component:default/not-in-the-callers-catalog';

const entity = (entityRef: string, errors: number): HistoryEntityInput => ({
  entityRef,
  environments: ['production'],
  externalSecrets: [],
  findings: Array.from({ length: errors }, (_, i) => ({
    id: `sync-error:production:${i}`,
    type: 'sync-error' as const,
    severity: 'error' as const,
    message: 'm',
    subject: { kind: 'ExternalSecret' as const, name: `es-${i}` },
    environment: 'production',
    proposedFix: { title: 'fix', actions: [] },
  })),
});

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const DAY = 24 * 3600 * 1000;

async function app(
  decide: (permission: string) => AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseHistoryStore.create({
    database: { getClient: async () => knex },
  });
  // 20 days: both entities get worse in the last week
  for (let d = 20; d >= 0; d--) {
    const n = d > 5 ? 1 : 4;
    await store.record(
      historySnapshot({
        at: new Date(NOW - d * DAY).toISOString(),
        entities: [entity(visible, n), entity(hidden, n + 1)],
      }),
    );
  }
  const events: Array<{ eventId: string; outcome: string }> = [];
  const auditor = mockServices.auditor.mock({
    createEvent: async ({ eventId }) => ({
      success: async () => {
        events.push({ eventId, outcome: 'success' });
      },
      fail: async () => {
        events.push({ eventId, outcome: 'fail' });
      },
    }),
  });
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({ result: decide(r.permission.name) })),
  });
  const router = await createRouter({
    service: createSecretsCore({ logger: mockServices.logger.mock() }).service,
    httpAuth: mockServices.httpAuth(),
    permissions,
    catalog: catalogServiceMock({ entities: demoEntities }),
    auditor,
    refresh: async () => undefined,
    history: HistoryService.create({ store, now: () => NOW }),
  });
  return { server: express().use(router).use(mockErrorHandler()), events };
}

describe('history routes', () => {
  it("answers an entity's trend and changes under the entity permission", async () => {
    const { server, events } = await app(() => AuthorizeResult.ALLOW);
    const res = await request(server)
      .get(`/history?entityRef=${visible}&days=7`)
      .expect(200);
    expect(res.body.entityRef).toBe(visible);
    expect(res.body.points).toHaveLength(7);
    expect(res.body.points.map((p: { errors: number }) => p.errors)).toEqual([
      1, 4, 4, 4, 4, 4, 4,
    ]);
    expect(res.body.since).toBe(new Date(NOW - 7 * DAY).toISOString());
    expect(res.body.newSince.map((c: { id: string }) => c.id)).toEqual([
      'sync-error:production:1',
      'sync-error:production:2',
      'sync-error:production:3',
    ]);
    expect(res.body.resolvedSince).toEqual([]);
    expect(events).toEqual([
      { eventId: 'secrets-history-read', outcome: 'success' },
    ]);
  });

  it('counts, never names, the entities the caller may not read on /history/platform', async () => {
    const { server } = await app(() => AuthorizeResult.ALLOW);
    const res = await request(server)
      .get('/history/platform?days=30')
      .expect(200);
    // the totals include both entities; history starts 20 days ago
    expect(res.body.points).toHaveLength(21);
    expect(res.body.points[20]).toMatchObject({ errors: 9, syncErrors: 0 });
    expect(res.body.movers).toStrictEqual([
      { entityRef: visible, before: 1, after: 4, delta: 3 },
    ]);
    expect(res.body.hidden).toStrictEqual({
      newSince: 3,
      resolvedSince: 0,
      movers: 1,
    });
    expect(JSON.stringify(res.body)).not.toContain(hidden);
  });

  it('refuses a caller without the permission, audited', async () => {
    const { server, events } = await app(() => AuthorizeResult.DENY);
    await request(server).get(`/history?entityRef=${visible}`).expect(403);
    await request(server).get('/history/platform').expect(403);
    expect(events).toEqual([
      { eventId: 'secrets-history-read', outcome: 'fail' },
      { eventId: 'secrets-history-platform-read', outcome: 'fail' },
    ]);
  });

  it.each([
    ['/history', 'Missing entityRef'],
    ['/history?entityRef=a:b:c:d', 'Invalid entityRef "a:b:c:d"'],
    [`/history?entityRef=${visible}&days=0`, 'Invalid days 0: 1 to 366'],
    [`/history?entityRef=${visible}&since=soon`, 'Invalid since "soon"'],
    ['/history/platform?days=abc', 'Invalid days "abc"'],
  ])('answers 400 to %s', async (path, message) => {
    const { server, events } = await app(() => AuthorizeResult.ALLOW);
    const res = await request(server).get(path).expect(400);
    expect(res.body.error).toMatchObject({ name: 'InputError', message });
    // refused before any read: nothing to audit
    expect(events).toEqual([]);
  });
});
