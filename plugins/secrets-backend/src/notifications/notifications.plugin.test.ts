import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { demoEntities } from '../__fixtures__/entities';
import { demoSecretsConfig } from '../__fixtures__/demo';
import { secretsPlugin } from '../plugin';
import { readNotificationsConfig } from './notificationsConfig';
import { ConfigReader } from '@backstage/config';

describe('notifications through the backend', () => {
  it("tells the demo's owners of their sync errors, once, with a link to the tab", async () => {
    const sent: NotificationSendOptions[] = [];
    await startTestBackend({
      features: [
        secretsPlugin,
        mockServices.rootConfig.factory({
          data: {
            secrets: {
              ...demoSecretsConfig,
              notifications: { enabled: true, minIntervalSeconds: 0 },
            },
          },
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        catalogServiceMock.factory({ entities: demoEntities }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({
            send: async (m: NotificationSendOptions) => {
              sent.push(m);
            },
          }),
        }),
      ],
    });
    // the first refresh ran at start-up; the evaluation follows it
    for (let i = 0; i < 100 && !sent.length; i++)
      await new Promise(r => setTimeout(r, 50));
    const stripe = sent.find(
      m => m.payload.title === 'Sync error in production: payments-stripe',
    );
    expect(stripe).toMatchObject({
      recipients: { type: 'entity', entityRef: 'component:default/payments' },
      payload: {
        severity: 'critical',
        link: '/catalog/default/component/payments/secrets',
        topic: 'secrets',
      },
    });
    const titles = sent.map(
      m =>
        `${m.recipients.type === 'entity' ? m.recipients.entityRef : ''} ${
          m.payload.title
        }`,
    );
    expect(new Set(titles).size).toBe(titles.length);
  });
});

describe('readNotificationsConfig', () => {
  it('is off by default', () => {
    expect(readNotificationsConfig(new ConfigReader({}))).toStrictEqual({
      enabled: false,
      excludeEntities: [],
      minIntervalSeconds: 30,
    });
  });

  it('rejects bad quiet hours with their key', () => {
    const read = (quietHours: object) =>
      readNotificationsConfig(
        new ConfigReader({ secrets: { notifications: { quietHours } } }),
      );
    expect(() => read({ start: '25:00', end: '07:00' })).toThrow(
      'Invalid secrets.notifications.quietHours.start: expected HH:MM',
    );
    expect(() =>
      read({ start: '22:00', end: '07:00', timeZone: 'Mars/Olympus' }),
    ).toThrow(
      'Invalid secrets.notifications.quietHours.timeZone: Mars/Olympus is not an IANA time zone',
    );
    expect(read({ start: '22:00', end: '07:00' }).quietHours).toStrictEqual({
      start: '22:00',
      end: '07:00',
      timeZone: 'UTC',
    });
  });
});
