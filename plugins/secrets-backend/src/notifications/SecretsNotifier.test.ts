import type { Finding } from '@ameideio/plugin-secrets-common';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { openNotificationStateStore } from './NotificationStateStore';
import {
  NOTIFICATIONS_OPT_OUT_ANNOTATION,
  type NotificationMessage,
  SecretsNotifier,
} from './SecretsNotifier';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const entity = (name: string, annotations: Record<string, string> = {}) =>
  ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { owner: 'team-a' },
  } as Entity);

const syncError: Finding = {
  id: 'live:sync-error:prod-eu:ameide:payments-stripe',
  type: 'sync-error',
  severity: 'error',
  message:
    'payments-stripe is not synced in prod-eu: could not get secret data from provider',
  subject: { kind: 'ExternalSecret', name: 'payments-stripe' },
  environment: 'production',
  proposedFix: { title: 'Fix the provider error', actions: [] },
};
const warning: Finding = {
  ...syncError,
  id: 'w1',
  type: 'orphan-fixture',
  severity: 'warning',
};

describe('SecretsNotifier', () => {
  const logger = mockServices.logger.mock();

  it.each(databases.eachSupportedId())(
    'sends exactly one notification per new cause across two replicas, and one when it resolves, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const database: DatabaseService = { getClient: async () => knex };
      const sent: NotificationMessage[] = [];
      const sender = {
        send: async (m: NotificationMessage) => {
          sent.push(m);
        },
      };
      // two replicas: two notifiers over the same database (migrated by the
      // first to start, as replicas roll out one after the other)
      const replica = async () =>
        new SecretsNotifier(
          await openNotificationStateStore({ database }),
          sender,
          logger,
        );
      const a = await replica();
      const b = await replica();
      const payments = entity('payments');
      const optedOut = entity('legacy', {
        [NOTIFICATIONS_OPT_OUT_ANNOTATION]: 'disabled',
      });
      let findings: Finding[] = [syncError, warning];
      const findingsOf = () => findings;

      // both replicas evaluate the same refresh at once, then again
      await Promise.all([
        a.run([payments, optedOut], findingsOf),
        b.run([payments, optedOut], findingsOf),
      ]);
      await Promise.all([
        a.run([payments], findingsOf),
        b.run([payments], findingsOf),
      ]);
      expect(sent).toStrictEqual([
        {
          recipients: {
            type: 'entity',
            entityRef: 'component:default/payments',
          },
          payload: {
            title: 'Sync error in production: payments-stripe',
            description: syncError.message,
            severity: 'critical',
            link: '/catalog/default/component/payments/secrets',
            topic: 'secrets',
            scope: `secrets:component:default/payments:${syncError.id}`,
          },
        },
      ]);

      // the cause goes: one resolution, on the same scope
      findings = [warning];
      await Promise.all([
        a.run([payments], findingsOf),
        b.run([payments], findingsOf),
      ]);
      expect(sent).toHaveLength(2);
      expect(sent[1].payload).toMatchObject({
        title: 'Resolved: Sync error in production: payments-stripe',
        severity: 'low',
        scope: `secrets:component:default/payments:${syncError.id}`,
      });

      // it comes back: notified again, once
      findings = [syncError];
      await Promise.all([
        a.run([payments], findingsOf),
        b.run([payments], findingsOf),
      ]);
      expect(sent).toHaveLength(3);
      expect(sent[2].payload.title).toBe(
        'Sync error in production: payments-stripe',
      );
    },
  );

  it('holds what it finds in quiet hours and sends it after', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await openNotificationStateStore({
      database: { getClient: async () => knex },
    });
    const sent: NotificationMessage[] = [];
    const notifier = new SecretsNotifier(
      store,
      { send: async m => void sent.push(m) },
      logger,
      { quietHours: { start: '22:00', end: '07:00' } },
    );
    const payments = entity('payments');
    await notifier.run(
      [payments],
      () => [syncError],
      new Date('2026-12-03T23:00:00Z'),
    );
    expect(sent).toEqual([]);
    await notifier.run(
      [payments],
      () => [syncError],
      new Date('2026-12-04T07:05:00Z'),
    );
    expect(sent.map(m => m.payload.title)).toEqual([
      'Sync error in production: payments-stripe',
    ]);
  });

  it('sends nothing for excluded entities, and survives a failing sender', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await openNotificationStateStore({
      database: { getClient: async () => knex },
    });
    const warn = jest.fn();
    const notifier = new SecretsNotifier(
      store,
      {
        send: async () => {
          throw new Error('notifications backend unreachable');
        },
      },
      { ...logger, warn },
      { excludeEntities: ['component:default/other'] },
    );
    const result = await notifier.run(
      [entity('payments'), entity('other')],
      () => [syncError],
    );
    expect(result.sent).toBe(1);
    expect(warn).toHaveBeenCalledWith(
      'Could not send the secrets notification for component:default/payments: Error',
    );
  });
});
