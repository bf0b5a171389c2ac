import type { SecretsReport } from '@ameideio/plugin-secrets-common';
import { impactResponse, parseImpactQuery } from './impact';

const report: SecretsReport = {
  generatedAt: '2026-01-01T00:00:00Z',
  environments: ['dev'],
  releases: [
    {
      name: 'orders',
      kind: 'helm',
      layer: 'service',
      environments: ['dev'],
      valueFiles: {},
      entityRef: 'component:default/orders',
    },
    {
      name: 'billing',
      kind: 'helm',
      layer: 'service',
      environments: ['dev'],
      valueFiles: {},
      entityRef: 'component:default/billing',
    },
  ],
  externalSecrets: [
    {
      kind: 'ExternalSecret',
      apiVersion: 'external-secrets.io/v1',
      name: 'db',
      namespace: 'shop',
      storeRef: { kind: 'ClusterSecretStore', name: 'vault' },
      targetSecret: 'db',
      keys: [
        {
          key: 'shop/db',
          property: 'password',
          via: 'data',
          origin: 'external',
        },
      ],
      release: 'orders',
      environment: 'dev',
      origin: 'external',
      sourceRef: { file: 'es.yaml' },
    },
  ],
  coverage: [],
  findings: [],
  readers: [
    {
      secret: 'db',
      namespace: 'shop',
      environment: 'dev',
      release: 'orders',
      workload: { kind: 'Deployment', name: 'orders' },
      how: 'envFrom',
      optional: false,
      sourceRef: { file: 'a.yaml' },
    },
    {
      secret: 'db',
      namespace: 'shop',
      environment: 'dev',
      release: 'billing',
      workload: { kind: 'Deployment', name: 'billing-worker' },
      how: 'secretKeyRef',
      optional: false,
      sourceRef: { file: 'b.yaml' },
    },
  ],
  fixtureMap: { present: false, files: [] },
  stats: { files: 0, charts: 0, durationMs: 0 },
};

describe('impact answer', () => {
  it('names what the caller may read and counts the rest', () => {
    const r = impactResponse(
      report,
      undefined,
      { vaultKey: 'shop/db' },
      new Set(['component:default/orders']),
    );
    expect(r.summary.entities).toStrictEqual(['component:default/orders']);
    expect(r.hidden).toStrictEqual({ entities: 1, nodes: 1 });
    const names = r.nodes.map(n => n.name);
    expect(names).toContain('Deployment/orders');
    expect(names).not.toContain('Deployment/billing-worker');
    expect(JSON.stringify(r)).not.toContain('billing');
  });

  it('parses one starting point and refuses the rest', () => {
    expect(
      parseImpactQuery({ vaultKey: 'shop/db', environment: 'dev' }),
    ).toStrictEqual({
      vaultKey: 'shop/db',
      environment: 'dev',
    });
    expect(() => parseImpactQuery({})).toThrow(/exactly one/);
    expect(() => parseImpactQuery({ vaultKey: ['a', 'b'] })).toThrow(
      /Invalid vaultKey/,
    );
    expect(() => parseImpactQuery({ secret: '../../etc' })).toThrow(
      /Invalid secret/,
    );
  });
});
