import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import { demoEntities } from '../__fixtures__/entities';
import { createRouter, OVERVIEW_ENTITY_FIELDS } from './router';
import { createSecretsCore } from '../createSecretsCore';

async function app(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
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
    authorize: async requests => requests.map(() => ({ result })),
  });
  const catalog = catalogServiceMock({ entities: demoEntities });
  const getEntities = jest.spyOn(catalog, 'getEntities');
  const getEntityByRef = jest.spyOn(catalog, 'getEntityByRef');
  const refresh = jest.fn(async () => undefined);
  const router = await createRouter({
    service: createSecretsCore({ logger: mockServices.logger.mock() }).service,
    httpAuth: mockServices.httpAuth(),
    permissions,
    catalog,
    auditor,
    refresh,
  });
  const server = express().use(router).use(mockErrorHandler());
  return { server, events, getEntities, getEntityByRef, refresh };
}

describe('secrets router', () => {
  it('checks the overview permission on /sources and audits it', async () => {
    const denied = await app(AuthorizeResult.DENY);
    await request(denied.server).get('/sources').expect(403);
    expect(denied.events).toEqual([
      { eventId: 'secrets-sources-read', outcome: 'fail' },
    ]);

    const allowed = await app(AuthorizeResult.ALLOW);
    const res = await request(allowed.server).get('/sources').expect(200);
    expect(res.body.sources.map((s: { id: string }) => s.id)).toEqual([
      'gitops',
    ]);
    expect(allowed.events).toEqual([
      { eventId: 'secrets-sources-read', outcome: 'success' },
    ]);
  });

  it("reuses a caller's catalog read of an entity, still authorizing and auditing each request", async () => {
    const { server, events, getEntityByRef } = await app(AuthorizeResult.ALLOW);
    const ref = `/entity/component/default/${demoEntities[0].metadata.name}`;
    await request(server).get(ref).expect(200);
    await request(server).get(ref).expect(200);
    expect(getEntityByRef).toHaveBeenCalledTimes(1);
    expect(events).toEqual([
      { eventId: 'secrets-entity-read', outcome: 'success' },
      { eventId: 'secrets-entity-read', outcome: 'success' },
    ]);
    // another caller gets its own catalog read
    await request(server)
      .get(ref)
      .set('authorization', mockCredentials.user.header('user:default/other'))
      .expect(200);
    expect(getEntityByRef).toHaveBeenCalledTimes(2);
  });

  it('audits a denied refresh and does not run it', async () => {
    const { server, events, refresh } = await app(AuthorizeResult.DENY);
    await request(server).post('/refresh').expect(403);
    expect(refresh).not.toHaveBeenCalled();
    expect(events).toEqual([{ eventId: 'secrets-refresh', outcome: 'fail' }]);
  });

  it('fetches only the fields the overview reads', async () => {
    const { server, getEntities } = await app(AuthorizeResult.ALLOW);
    await request(server).get('/overview').expect(200);
    expect(getEntities).toHaveBeenCalledTimes(1);
    expect(getEntities.mock.calls[0][0]).toMatchObject({
      fields: OVERVIEW_ENTITY_FIELDS,
    });
    expect(OVERVIEW_ENTITY_FIELDS).toEqual(
      expect.arrayContaining(['metadata.annotations', 'spec.owner']),
    );
  });

  it('reuses the list of chart entities of a caller across the platform-wide views, never across callers', async () => {
    const { server, getEntities } = await app(AuthorizeResult.ALLOW);
    await request(server).get('/overview').expect(200);
    await request(server).get('/overview?severity=error').expect(200);
    await request(server).get('/inventory').expect(200);
    await request(server).get('/impact?vaultKey=a').expect(200);
    expect(getEntities).toHaveBeenCalledTimes(1);
    await request(server)
      .get('/overview')
      .set(
        'authorization',
        mockCredentials.user.header('user:default/someone-else'),
      )
      .expect(200);
    expect(getEntities).toHaveBeenCalledTimes(2);
  });

  it('answers /impact under the overview permission, audited, and refuses a bad query', async () => {
    const denied = await app(AuthorizeResult.DENY);
    await request(denied.server).get('/impact?vaultKey=a').expect(403);
    expect(denied.events).toEqual([
      { eventId: 'secrets-impact-read', outcome: 'fail' },
    ]);
    const allowed = await app(AuthorizeResult.ALLOW);
    await request(allowed.server).get('/impact').expect(400);
    const res = await request(allowed.server)
      .get('/impact?vaultKey=payments-stripe-api-key')
      .expect(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        query: { vaultKey: 'payments-stripe-api-key' },
        hidden: { entities: 0, nodes: 0 },
      }),
    );
    expect(allowed.events).toEqual([
      { eventId: 'secrets-impact-read', outcome: 'success' },
    ]);
  });

  it('answers /inventory under the overview permission, audited', async () => {
    const denied = await app(AuthorizeResult.DENY);
    await request(denied.server).get('/inventory').expect(403);
    expect(denied.events).toEqual([
      { eventId: 'secrets-inventory-read', outcome: 'fail' },
    ]);
    const allowed = await app(AuthorizeResult.ALLOW);
    const res = await request(allowed.server).get('/inventory').expect(200);
    expect(res.body).toStrictEqual({ items: [], hidden: 0 });
    expect(allowed.getEntities.mock.calls[0][0]).toMatchObject({
      fields: OVERVIEW_ENTITY_FIELDS,
    });
    expect(allowed.events).toEqual([
      { eventId: 'secrets-inventory-read', outcome: 'success' },
    ]);
  });
});
