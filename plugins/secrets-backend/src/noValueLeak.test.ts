/*
 * Walks every API response, Tech Insights fact, search document and action output, every log line and every stored row produced
 * with live Vault (placeholder detection on) and live clusters, and asserts
 * that no fixture value and no Vault value appears anywhere.
 */
import {
  mockServices,
  registerMswTestHooks,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { demoEntities } from './__fixtures__/entities';
import { demoGitOpsDir } from './__fixtures__/demo';
import { secretsPlugin } from './plugin';
import { secretsFactRetriever } from '@ameideio/plugin-tech-insights-backend-module-secrets';
import { ConfigReader } from '@backstage/config';
import type { AddressInfo } from 'node:net';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { SecretsCollatorFactory } from '@ameideio/plugin-search-backend-module-secrets';
import {
  collatorProbe,
  FIXTURES,
  liveCluster,
  liveVault,
  REAL_VALUES,
} from './__testUtils__/liveFakes';

const server = setupServer();
registerMswTestHooks(server);
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('no secret value leaves the backend', () => {
  it('appears in no response, log line or stored row', async () => {
    expect(FIXTURES.length).toBeGreaterThan(10);
    server.use(
      ...liveVault('https://vault.prod.test'),
      ...liveCluster('https://prod.k8s.test'),
      // supertest talks to the test backend on the loopback interface
      http.all(/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//, () =>
        passthrough(),
      ),
    );
    const lines: string[] = [];
    const capture = (...args: unknown[]) => {
      lines.push(
        args
          .map(a => (typeof a === 'string' ? a : JSON.stringify(a)))
          .join(' '),
      );
    };
    const spies = (['error', 'warn', 'info', 'debug', 'log'] as const).map(m =>
      jest.spyOn(console, m).mockImplementation(capture),
    );
    const knex = await databases.init('SQLITE_3');
    const search: { factory?: SecretsCollatorFactory } = {};
    const actions = actionsRegistryServiceMock();
    const notifications: unknown[] = [];
    try {
      const { server: http_ } = await startTestBackend({
        features: [
          secretsPlugin,
          collatorProbe(search),
          createServiceFactory({
            service: actionsRegistryServiceRef,
            deps: {},
            factory: () => actions,
          }),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({
              send: async (m: unknown) => {
                notifications.push(m);
              },
            }),
          }),
          mockServices.rootLogger.factory({ level: 'debug' }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              kubernetes: {
                clusterLocatorMethods: [
                  {
                    type: 'config',
                    clusters: [
                      {
                        name: 'prod',
                        url: 'https://prod.k8s.test',
                        authProvider: 'serviceAccount',
                        serviceAccountToken: 'sa-token',
                      },
                    ],
                  },
                ],
              },
              secrets: {
                gitops: { dir: demoGitOpsDir },
                notifications: { enabled: true, minIntervalSeconds: 0 },
                clusters: [{ name: 'prod', environment: 'production' }],
                vault: [
                  {
                    environment: 'production',
                    address: 'https://vault.prod.test',
                    auth: { type: 'token', token: 'hvs.token' },
                    placeholderDetection: true,
                  },
                ],
              },
            },
          }),
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
          catalogServiceMock.factory({ entities: demoEntities }),
        ],
      });
      const bodies: string[] = [];
      for (const e of demoEntities) {
        const res = await request(http_)
          .get(`/api/secrets/entity/component/default/${e.metadata.name}`)
          .expect(200);
        bodies.push(res.text);
      }
      const keycloak = JSON.parse(
        bodies[
          demoEntities.findIndex(
            e => e.metadata.name === 'platform-keycloak-realm',
          )
        ],
      );
      // placeholder detection ran (a fixture value answered) and kept a boolean only
      expect(JSON.stringify(keycloak.externalSecrets)).toMatch(
        /"placeholder":(true|false)/,
      );
      for (const path of [
        '/overview',
        '/overview?environment=production&limit=500',
        '/overview?findingType=sync-error',
        '/sources',
        '/impact?vaultKey=keycloak-db-password',
        '/impact?secret=keycloak-db-credentials',
        '/impact?store=ameide-vault&environment=production',
        '/history/platform',
        '/history/platform?days=90&since=2026-01-01',
        ...demoEntities.map(
          e => `/history?entityRef=component:default/${e.metadata.name}`,
        ),
        '/inventory',
      ]) {
        bodies.push(
          (await request(http_).get(`/api/secrets${path}`).expect(200)).text,
        );
      }
      // the search documents, collated through the inventory route
      const documents: unknown[] = [];
      for await (const d of await search.factory!.getCollator())
        documents.push(d);
      expect(JSON.stringify(documents)).toContain('payments-stripe-api-key');
      bodies.push(JSON.stringify(documents));
      // every action's output: the status of each entity, every finding explained, impacts
      const outputs: unknown[] = [];
      for (const e of demoEntities) {
        const { output } = (await actions.invoke({
          id: 'test:get-entity-secrets-status',
          input: { entityRef: e.metadata.name },
        })) as { output: { findings: Array<{ id: string }> } };
        outputs.push(output);
        for (const f of output.findings)
          outputs.push(
            await actions.invoke({
              id: 'test:explain-finding',
              input: { findingId: f.id, entityRef: e.metadata.name },
            }),
          );
      }
      for (const input of [
        { vaultKey: 'keycloak-db-password' },
        { vaultKey: 'payments-stripe-api-key' },
        { secret: 'keycloak-db-credentials' },
        { store: 'ameide-vault', environment: 'production' },
      ])
        outputs.push(await actions.invoke({ id: 'test:secret-impact', input }));
      expect(outputs.length).toBeGreaterThan(demoEntities.length + 4);
      bodies.push(JSON.stringify(outputs));
      bodies.push(
        (await request(http_).post('/api/secrets/refresh').expect(202)).text,
      );
      bodies.push(
        (
          await request(http_)
            .get('/api/secrets/entity/component/default/missing')
            .expect(404)
        ).text,
      );
      // the Tech Insights facts, read over HTTP as the retriever does
      const { port } = http_.address() as AddressInfo;
      const facts = await secretsFactRetriever.handler({
        config: new ConfigReader({}),
        discovery: mockServices.discovery.mock({
          getBaseUrl: async () => `http://127.0.0.1:${port}/api/secrets`,
        }),
        auth: mockServices.auth(),
        urlReader: mockServices.urlReader.mock(),
        logger: mockServices.logger.mock(),
      });
      expect(facts.length).toBe(demoEntities.length);
      bodies.push(JSON.stringify(facts));
      const rows = await knex('secrets_source_snapshots').select('*');
      expect(rows.length).toBeGreaterThanOrEqual(3);
      // the owners were told of the errors the refresh found
      for (let i = 0; i < 100 && !notifications.length; i++)
        await new Promise(r => setTimeout(r, 50));
      expect(notifications.length).toBeGreaterThan(0);
      const notificationRows = await knex('secrets_notification_state').select(
        '*',
      );
      expect(notificationRows.length).toBeGreaterThan(0);
      // the refresh recorded its history
      for (let i = 0; i < 100; i++) {
        const [{ n }] = await knex('secrets_history_rows').count({ n: '*' });
        if (Number(n) > 0) break;
        await new Promise(r => setTimeout(r, 50));
      }
      const historyRows = [
        ...(await knex('secrets_history_runs').select('*')),
        ...(await knex('secrets_history_rows').select('*')),
      ];
      expect(historyRows.length).toBeGreaterThan(demoEntities.length);
      // the history holds finding ids, never a finding's message
      expect(JSON.stringify(historyRows)).not.toContain('could not get secret');

      const haystacks = {
        responses: bodies.join('\n'),
        logs: lines.join('\n'),
        database: JSON.stringify([rows, notificationRows, historyRows]),
        notifications: JSON.stringify(notifications),
      };
      expect(haystacks.logs).toContain('vault:production read');
      for (const [where, text] of Object.entries(haystacks)) {
        for (const v of [
          ...FIXTURES,
          ...REAL_VALUES,
          'hvs.token',
          'sa-token',
        ]) {
          if (text.includes(v))
            throw new Error(`a secret value leaked into the ${where}`);
        }
      }
    } finally {
      spies.forEach(s => s.mockRestore());
    }
  }, 60_000);
});
