import type {
  LiveExternalSecretStatus,
  SecretsReport,
} from '@ameideio/plugin-secrets-common';
import { analyzeLive } from '@ameideio/plugin-secrets-node';
import type { Entity } from '@backstage/catalog-model';
import { demoReport } from '../__fixtures__/demo';
import { demoEntities } from '../__fixtures__/entities';
import { inventoryResponse } from './inventory';

const entity = (name: string, chart: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'ameide.io/chart': chart,
      'backstage.io/kubernetes-id': name,
    },
  },
  spec: { owner },
});

const orders = entity('orders', 'charts/orders', 'group:default/shop');
const billing = entity('billing', 'charts/billing', 'group:default/finance');

const report: SecretsReport = {
  generatedAt: '2026-01-01T00:00:00Z',
  environments: ['dev', 'production'],
  releases: [
    {
      name: 'orders',
      chart: 'charts/orders',
      kind: 'helm',
      layer: 'service',
      environments: ['dev', 'production'],
      valueFiles: {},
    },
    {
      name: 'billing',
      chart: 'charts/billing',
      kind: 'helm',
      layer: 'service',
      environments: ['dev'],
      valueFiles: {},
    },
  ],
  externalSecrets: ['production', 'dev'].map(environment => ({
    kind: 'ExternalSecret' as const,
    apiVersion: 'external-secrets.io/v1',
    name: 'orders-db',
    namespace: 'shop',
    storeRef: { kind: 'ClusterSecretStore' as const, name: 'vault' },
    targetSecret: 'orders-db',
    keys: [
      {
        key: 'shop/orders-db',
        property: 'password',
        via: 'data' as const,
        origin: 'external' as const,
      },
    ],
    release: 'orders',
    chart: 'charts/orders',
    environment,
    origin: 'external' as const,
    sourceRef: { file: 'charts/orders/templates/es.yaml', line: 3 },
    provider: 'vault',
  })),
  coverage: [],
  findings: [],
  readers: [
    {
      secret: 'orders-db',
      namespace: 'shop',
      environment: 'dev',
      release: 'orders',
      workload: { kind: 'Deployment', name: 'orders-api' },
      how: 'envFrom',
      optional: false,
      sourceRef: { file: 'a.yaml' },
    },
  ],
  fixtureMap: { present: false, files: [] },
  stats: { files: 0, charts: 0, durationMs: 0 },
};

const liveOnly: LiveExternalSecretStatus = {
  cluster: 'dev-1',
  environment: 'dev',
  namespace: 'finance',
  name: 'billing-hand-made',
  ready: 'True',
  storeRef: { kind: 'ClusterSecretStore', name: 'vault' },
  targetSecret: 'billing-hand-made',
  labels: { 'backstage.io/kubernetes-id': 'billing' },
  kubernetesId: 'billing',
};

const empty = {
  clusters: [],
  environments: [],
  stores: [],
  providers: [],
  externalSecrets: [],
  targetSecrets: [],
  keys: [],
  readers: [],
};

describe('inventory answer', () => {
  it('lists the ExternalSecret, its Secret and its key once across environments, with the owner', () => {
    const r = inventoryResponse(report, undefined, [orders], {
      visible: new Set(['component:default/orders']),
    });
    const owner = {
      entityRef: 'component:default/orders',
      owner: 'group:default/shop',
      release: 'orders',
      chart: 'charts/orders',
      origin: 'git',
    };
    expect(r).toStrictEqual({
      generatedAt: '2026-01-01T00:00:00Z',
      hidden: 0,
      items: [
        {
          ...empty,
          ...owner,
          id: 'ExternalSecret:shop:orders-db:orders',
          kind: 'ExternalSecret',
          name: 'orders-db',
          namespace: 'shop',
          environments: ['dev', 'production'],
          stores: ['ClusterSecretStore/vault'],
          providers: ['vault'],
          targetSecrets: ['orders-db'],
          keys: ['shop/orders-db'],
          readers: ['Deployment/orders-api'],
          sourceRef: { file: 'charts/orders/templates/es.yaml', line: 3 },
        },
        {
          ...empty,
          ...owner,
          id: 'Secret:shop:orders-db:orders',
          kind: 'Secret',
          name: 'orders-db',
          namespace: 'shop',
          environments: ['dev', 'production'],
          stores: ['ClusterSecretStore/vault'],
          providers: ['vault'],
          externalSecrets: ['orders-db'],
          keys: ['shop/orders-db'],
          readers: ['Deployment/orders-api'],
        },
        {
          ...empty,
          ...owner,
          id: 'VaultKey::shop/orders-db:orders',
          kind: 'VaultKey',
          name: 'shop/orders-db',
          environments: ['dev', 'production'],
          stores: ['ClusterSecretStore/vault'],
          providers: ['vault'],
          externalSecrets: ['orders-db'],
          targetSecrets: ['orders-db'],
          readers: ['Deployment/orders-api'],
        },
      ],
    });
  });

  it('counts the items of entities the caller cannot read and attributes live-only ExternalSecrets', () => {
    const live = analyzeLive(
      report,
      {
        clusters: [
          {
            cluster: 'dev-1',
            environment: 'dev',
            fetchedAt: '2026-01-01T00:00:00Z',
            externalSecrets: [liveOnly],
            stores: [],
            calls: 1,
            warnings: [],
          },
        ],
        vaults: [],
      },
      { fixtureEnvironments: ['dev'], productionEnvironments: ['production'] },
    );
    const all = inventoryResponse(report, live, [orders, billing], {
      visible: new Set([
        'component:default/orders',
        'component:default/billing',
      ]),
    });
    expect(all.items.find(i => i.name === 'billing-hand-made')).toStrictEqual({
      ...empty,
      id: 'ExternalSecret:finance:billing-hand-made:component:default/billing',
      kind: 'ExternalSecret',
      name: 'billing-hand-made',
      namespace: 'finance',
      entityRef: 'component:default/billing',
      owner: 'group:default/finance',
      origin: 'cluster',
      environments: ['dev'],
      clusters: ['dev-1'],
      stores: ['ClusterSecretStore/vault'],
      targetSecrets: ['billing-hand-made'],
    });
    const some = inventoryResponse(report, live, [orders], {
      visible: new Set(['component:default/orders']),
    });
    // billing is not in the caller's catalog answer: its live ExternalSecret has no known owner
    expect(some.items.map(i => i.entityRef)).toStrictEqual([
      undefined,
      'component:default/orders',
      'component:default/orders',
      'component:default/orders',
    ]);
    expect(some.hidden).toBe(0);
    const none = inventoryResponse(report, live, [orders, billing], {
      visible: new Set(['component:default/billing']),
    });
    expect(none.hidden).toBe(3);
    expect(JSON.stringify(none)).not.toContain('orders');
  });

  it('answers "which service reads payments-stripe-api-key?" on the demo repository', async () => {
    const demo = await demoReport();
    const visible = new Set(
      demoEntities.map(e => `component:default/${e.metadata.name}`),
    );
    const r = inventoryResponse(demo, undefined, demoEntities, { visible });
    const key = r.items.filter(
      i => i.kind === 'VaultKey' && i.name === 'payments-stripe-api-key',
    );
    expect(key.map(i => i.entityRef)).toStrictEqual([
      'component:default/payments',
    ]);
    expect(key[0].owner).toBe('group:default/team-commerce');
    expect(key[0].externalSecrets.length).toBeGreaterThan(0);
    expect(r.items.filter(i => i.kind === 'ExternalSecret').length).toBe(
      new Set(
        demo.externalSecrets
          .filter(e => e.kind === 'ExternalSecret')
          .map(e => `${e.namespace}/${e.name}/${e.release}`),
      ).size,
    );
  });
});
