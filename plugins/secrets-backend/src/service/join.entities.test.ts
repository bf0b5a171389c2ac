import type { Entity } from '@backstage/catalog-model';
import { demoReport } from '../__fixtures__/demo';
import { demoEntities } from '../__fixtures__/entities';
import type { ClusterSnapshot } from '../sources/types';
import { coverageMap, entityResponse, indexReport } from './join';
import { overviewResponse } from './overview';
import { analyzeLive } from '@ameideio/plugin-secrets-node';

const storeOwner: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'vault-secret-store',
    annotations: {
      'ameide.io/chart': 'sources/charts/foundation/vault-secret-store',
    },
  },
  spec: {},
};

const cluster: ClusterSnapshot = {
  cluster: 'prod-eu',
  environment: 'production',
  fetchedAt: '2026-11-25T03:00:00.000Z',
  warnings: [],
  calls: 4,
  externalSecrets: [
    {
      cluster: 'prod-eu',
      environment: 'production',
      namespace: 'ameide',
      name: 'payments-db',
      ready: 'False',
      reason: 'SecretSyncedError',
      storeRef: { kind: 'ClusterSecretStore', name: 'ameide-vault' },
    },
  ],
  stores: [
    {
      cluster: 'prod-eu',
      environment: 'production',
      kind: 'ClusterSecretStore',
      name: 'ameide-vault',
      ready: 'False',
      reason: 'InvalidProviderConfig',
      message: 'unable to log in with Kubernetes auth: permission denied',
      provider: 'vault',
    },
  ],
};

describe('store health', () => {
  it('lands on the entity owning the chart that renders the store, and on its consumers', async () => {
    const report = await demoReport();
    const live = analyzeLive(
      report,
      { clusters: [cluster], vaults: [] },
      {
        fixtureEnvironments: ['local', 'dev'],
        productionEnvironments: ['production'],
      },
    );
    const ctx = {
      report,
      live,
      index: indexReport(report, live),
      coverage: coverageMap(report),
      sources: [],
      fixtureEnvironments: ['local', 'dev'],
    };
    const storeFinding = (e: Entity) =>
      entityResponse(e, ctx).findings.filter(
        f => f.subject.kind === 'SecretStore' && f.type === 'sync-error',
      );

    const owner = entityResponse(storeOwner, ctx);
    expect(owner.stores?.map(s => [s.name, s.ready])).toEqual([
      ['ameide-vault', 'False'],
    ]);
    expect(storeFinding(storeOwner)).toHaveLength(1);
    expect(storeFinding(storeOwner)[0].message).toContain(
      'ClusterSecretStore ameide-vault in cluster prod-eu is not valid',
    );
    // the consumer still sees it
    expect(storeFinding(demoEntities[0])).toHaveLength(1);
    // an entity neither rendering nor using it does not
    expect(storeFinding(demoEntities[1])).toHaveLength(0);
  });
});

describe('overview facets', () => {
  it('list the filter options of every entity, whatever the page', async () => {
    const report = await demoReport();
    const entities = demoEntities.map((e, i) => ({
      ...e,
      spec: { ...e.spec, owner: `group:default/team-${i}` },
    }));
    const body = overviewResponse(
      entities,
      { report, sources: [], fixtureEnvironments: ['local', 'dev'] },
      { offset: 0, limit: 1, owner: 'group:default/team-0' },
    );
    expect(body.entities.items).toHaveLength(1);
    expect(body.facets?.owners).toEqual(entities.map(e => e.spec.owner));
    expect(body.facets?.environments).toEqual([...report.environments].sort());
    expect(body.facets?.findingTypes).toEqual(
      [...new Set(report.findings.map(f => f.type))].sort(),
    );
  });
});
