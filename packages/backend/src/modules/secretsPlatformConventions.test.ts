/* The example module, loaded into the real secrets backend as a platform team would. */
import type {
  EntitySecretsResponse,
  SourceHealth,
} from '@ameideio/plugin-secrets-common';
import secretsPlugin from '@ameideio/plugin-secrets-backend';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { resolve } from 'node:path';
import request from 'supertest';
import platformConventions from './secretsPlatformConventions';

const fixtures = resolve(__dirname, '__fixtures__/platformConventions');

const orders = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders',
    namespace: 'default',
    annotations: {
      'ameide.io/chart': 'charts/orders',
      'backstage.io/kubernetes-id': 'orders',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/team-a',
  },
};

async function start(withModule: boolean, exportsDir = 'exports') {
  const { server } = await startTestBackend({
    features: [
      secretsPlugin,
      ...(withModule ? [platformConventions] : []),
      mockServices.rootConfig.factory({
        data: {
          secrets: { gitops: { dir: resolve(fixtures, 'gitops') } },
          platformConventions: {
            clusterExportsDir: resolve(fixtures, exportsDir),
          },
        },
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      catalogServiceMock.factory({ entities: [orders] }),
    ],
  });
  const entity = (
    await request(server)
      .get('/api/secrets/entity/component/default/orders')
      .expect(200)
  ).body as EntitySecretsResponse;
  const sources = (
    await request(server).get('/api/secrets/sources').expect(200)
  ).body as SourceHealth[] | { sources: SourceHealth[] };
  return {
    entity,
    sources: Array.isArray(sources) ? sources : sources.sources,
  };
}

const producerFindings = (r: EntitySecretsResponse) =>
  r.findings
    .filter(f => f.type === 'missing-producer')
    .map(f => f.subject.name)
    .sort();

describe('the platform conventions example module', () => {
  it('adds a producer rule, a house rule and a cluster source of its own to the real backend', async () => {
    const without = await start(false);
    const withIt = await start(true);

    // the operator's Database makes orders-credentials: no missing producer
    // for it any more; orders-cache still has none
    expect(producerFindings(without.entity)).toEqual([
      'orders-cache',
      'orders-credentials',
    ]);
    expect(producerFindings(withIt.entity)).toEqual(['orders-cache']);

    // the house rule: refresh at least daily
    const house = (r: EntitySecretsResponse) =>
      r.findings.filter(f =>
        f.message.includes('the platform asks for at most 24h'),
      );
    expect(house(without.entity)).toEqual([]);
    expect(house(withIt.entity).map(f => f.subject.name)).toEqual([
      'orders-api',
    ]);

    // the air-gapped cluster's export, read as a source of the module's own
    const air = withIt.sources.find(s => s.id === 'cluster:air-1');
    expect(air).toMatchObject({
      kind: 'cluster',
      status: 'ok',
      origin: 'snapshot',
    });
    expect(without.sources.some(s => s.id === 'cluster:air-1')).toBe(false);
    expect(
      withIt.entity.findings
        .filter(f => f.type === 'sync-error')
        .map(f => f.subject.name),
    ).toContain('orders-api');
    // the chart declares it: no drift
    expect(
      withIt.entity.findings.filter(f => f.type === 'unowned-externalsecret'),
    ).toEqual([]);
  });

  it("starts without the module's sources when the exports directory is missing", async () => {
    const { entity, sources } = await start(true, 'no-such-directory');
    expect(sources.map(s => s.id)).toEqual(['gitops']);
    // the module's other seams still apply
    expect(producerFindings(entity)).toEqual(['orders-cache']);
  });
});
