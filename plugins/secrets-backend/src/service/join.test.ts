import type { LiveExternalSecretStatus } from '@ameideio/plugin-secrets-common';
import type { Entity } from '@backstage/catalog-model';
import { analyze } from '@ameideio/plugin-secrets-node';
import { entityResponse, ownsUnowned } from './join';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop', annotations },
  spec: {},
});
const es = (
  namespace: string,
  labels: Record<string, string>,
): LiveExternalSecretStatus => ({
  cluster: 'c',
  namespace,
  name: 'stray',
  ready: 'True',
  labels,
  ...(labels['backstage.io/kubernetes-id']
    ? { kubernetesId: labels['backstage.io/kubernetes-id'] }
    : {}),
});

describe('ownsUnowned (Kubernetes plugin annotations)', () => {
  it.each([
    [
      'kubernetes-id label',
      { 'backstage.io/kubernetes-id': 'shop' },
      es('apps', { 'backstage.io/kubernetes-id': 'shop' }),
      true,
    ],
    [
      'another id',
      { 'backstage.io/kubernetes-id': 'shop' },
      es('apps', { 'backstage.io/kubernetes-id': 'cart' }),
      false,
    ],
    [
      'label selector',
      { 'backstage.io/kubernetes-label-selector': 'app=shop,tier=api' },
      es('apps', { app: 'shop', tier: 'api' }),
      true,
    ],
    [
      'label selector over id',
      {
        'backstage.io/kubernetes-id': 'shop',
        'backstage.io/kubernetes-label-selector': 'app=shop',
      },
      es('apps', { 'backstage.io/kubernetes-id': 'shop' }),
      false,
    ],
    [
      'namespace mismatch',
      {
        'backstage.io/kubernetes-id': 'shop',
        'backstage.io/kubernetes-namespace': 'shop-prod',
      },
      es('apps', { 'backstage.io/kubernetes-id': 'shop' }),
      false,
    ],
    [
      'no annotation',
      {},
      es('apps', { 'backstage.io/kubernetes-id': 'shop' }),
      false,
    ],
  ])('%s', (_what, annotations, live, expected) => {
    expect(ownsUnowned(entity(annotations), live)).toBe(expected);
  });
});

describe('mixed-case entities', () => {
  it('get the chart findings the engine links to them', () => {
    const report = analyze(
      new Map([
        [
          'sources/charts/apps/orders/Chart.yaml',
          'apiVersion: v2\nname: orders\nversion: 0.1.0\ndescription: [unclosed\n',
        ],
        ['sources/charts/apps/orders/values.yaml', 'a: 1\n'],
        [
          'catalog/orders.yaml',
          'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: Orders-API\n  namespace: Shop\n  annotations:\n    ameide.io/chart: sources/charts/apps/orders\nspec:\n  type: service\n',
        ],
      ]),
      { environments: ['dev'] },
    );
    const chartOnly = report.findings.filter(f => f.entityRef && !f.release);
    expect(chartOnly.length).toBeGreaterThan(0);
    const orders: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'Orders-API',
        namespace: 'Shop',
        annotations: { 'ameide.io/chart': 'sources/charts/apps/orders' },
      },
      spec: {},
    };
    const body = entityResponse(orders, {
      report,
      sources: [],
      fixtureEnvironments: ['dev'],
    });
    expect(body.entityRef).toBe('component:shop/orders-api');
    expect(body.findings.map(f => f.id)).toEqual(
      expect.arrayContaining(chartOnly.map(f => f.id)),
    );
  });
});
