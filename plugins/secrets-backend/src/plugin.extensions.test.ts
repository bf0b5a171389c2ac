/* The backend's seams, used by a backend module as a platform team would. */
import type { EntitySecretsResponse } from '@ameideio/plugin-secrets-common';
import {
  secretsAnalysisExtensionPoint,
  secretsSourcesExtensionPoint,
  type VaultSnapshot,
} from '@ameideio/plugin-secrets-node';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { demoEntities } from './__fixtures__/entities';
import { demoSecretsConfig } from './__fixtures__/demo';
import { secretsPlugin } from './plugin';

describe('secrets backend extension points', () => {
  it('a module adds a detector, a Vault source and wraps the GitOps source', async () => {
    let reads = 0;
    const module = createBackendModule({
      pluginId: 'secrets',
      moduleId: 'test-extensions',
      register(env) {
        env.registerInit({
          deps: {
            analysis: secretsAnalysisExtensionPoint,
            sources: secretsSourcesExtensionPoint,
          },
          async init({ analysis, sources }) {
            analysis.addDetector({
              name: 'house-rule',
              run: ctx =>
                ctx.externalSecrets
                  .filter(es => es.name === 'payments-stripe')
                  .slice(0, 1)
                  .map(es =>
                    ctx.finding(
                      'remote-ref-convention',
                      'info',
                      'House rule: payments secrets are reviewed quarterly.',
                      { kind: 'ExternalSecret', name: es.name },
                      { title: 'Review', actions: ['Review it.'] },
                      { release: es.release, chart: es.chart, detail: 'house' },
                    ),
                  ),
            });
            const dev: VaultSnapshot = {
              environment: 'dev',
              mount: 'secret',
              fetchedAt: new Date().toISOString(),
              keys: {},
              warnings: [],
              calls: 0,
            };
            sources.addLiveSource({
              id: 'vault:dev-extra',
              kind: 'vault',
              environment: 'dev',
              origin: 'snapshot',
              read: async () => dev,
            });
            sources.setGitOpsSource(({ getDefault }) => {
              const inner = getDefault()!;
              return {
                id: inner.id,
                read: async ctx => {
                  reads++;
                  return inner.read(ctx);
                },
              };
            });
          },
        });
      },
    });
    const { server } = await startTestBackend({
      features: [
        secretsPlugin,
        module,
        mockServices.rootConfig.factory({
          data: { secrets: demoSecretsConfig },
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        catalogServiceMock.factory({ entities: demoEntities }),
      ],
    });
    const body = (
      await request(server)
        .get('/api/secrets/entity/component/default/payments')
        .expect(200)
    ).body as EntitySecretsResponse;
    expect(reads).toBeGreaterThan(0);
    expect(body.findings.map(f => f.message)).toContain(
      'House rule: payments secrets are reviewed quarterly.',
    );
    expect(body.sources.map(s => s.id)).toContain('vault:dev-extra');
  });
});
