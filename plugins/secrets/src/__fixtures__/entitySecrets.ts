import type {
  EntityExternalSecret,
  EntitySecretsResponse,
  OverviewResponse,
} from '@ameideio/plugin-secrets-common';

/** Text planted where a leaking backend might put a value: it must never reach the page. */
export const LEAK_SENTINEL = 'hunter2-do-not-render';

export const ordersEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders',
    namespace: 'default',
    annotations: { 'ameide.io/chart': 'sources/charts/apps/orders' },
  },
  spec: { type: 'service', owner: 'team-commerce', lifecycle: 'production' },
};

const dbSecret: EntityExternalSecret = {
  id: 'ExternalSecret:orders:orders-db',
  name: 'orders-db',
  namespace: 'orders',
  kind: 'ExternalSecret',
  release: 'orders',
  chart: 'sources/charts/apps/orders',
  storeRef: { kind: 'ClusterSecretStore', name: 'vault' },
  targetSecret: 'orders-db-credentials',
  refreshInterval: '1h',
  origin: 'external',
  sourceRef: {
    file: 'sources/charts/apps/orders/templates/externalsecret.yaml',
    line: 3,
    url: 'https://git.example.com/gitops/blob/main/sources/charts/apps/orders/templates/externalsecret.yaml#L3',
  },
  keys: [
    {
      key: 'orders/db',
      property: 'password',
      secretKey: 'DB_PASSWORD',
      origin: 'external',
      byEnvironment: {
        dev: {
          fixture: 'present',
          vault: {
            present: true,
            placeholder: false,
            ...({ value: LEAK_SENTINEL } as object),
          },
          writers: [],
        },
        staging: {
          fixture: 'empty-override',
          vault: { present: true, placeholder: true },
          writers: [],
        },
        production: {
          fixture: 'missing',
          vault: { present: false, placeholder: null },
          writers: [],
        },
      },
    },
  ],
  cells: {
    dev: { state: 'ready', clusters: [] },
    staging: {
      state: 'error',
      reason: 'SecretSyncedError',
      message: 'could not get secret data from provider',
      clusters: [
        {
          cluster: 'staging-eu',
          environment: 'staging',
          namespace: 'orders',
          name: 'orders-db',
          ready: 'False',
          reason: 'SecretSyncedError',
          message: 'could not get secret data from provider',
          refreshTime: '2026-01-01T10:00:00.000Z',
          lastWarning: { reason: 'UpdateFailed', message: 'Vault is sealed' },
          refreshable: true,
          forceSyncCommand:
            'kubectl annotate externalsecret orders-db -n orders force-sync=$(date +%s) --overwrite',
        },
      ],
    },
    production: { state: 'missing-in-cluster', clusters: [] },
  },
};

const apiKey: EntityExternalSecret = {
  ...dbSecret,
  id: 'ExternalSecret:orders:orders-api-key',
  name: 'orders-api-key',
  targetSecret: 'orders-api-key',
  refreshInterval: undefined,
  keys: [],
  cells: {
    dev: { state: 'ready', clusters: [] },
    staging: { state: 'ready', clusters: [] },
    production: { state: 'disabled', clusters: [] },
  },
};

export const ordersResponse: EntitySecretsResponse = {
  entityRef: 'component:default/orders',
  chart: 'sources/charts/apps/orders',
  releases: ['orders'],
  environments: ['dev', 'staging', 'production'],
  summary: {
    externalSecrets: 2,
    fixtureCoverage: 66.7,
    syncErrors: 1,
    findingsBySeverity: { error: 1, warning: 1, info: 0 },
    refreshedAt: '2026-01-01T11:48:00.000Z',
  },
  externalSecrets: [dbSecret, apiKey],
  findings: [
    {
      id: 'f-missing-fixture',
      type: 'missing-fixture',
      severity: 'error',
      message: 'orders/db#password has no fixture in production',
      subject: { kind: 'VaultKey', name: 'orders/db', property: 'password' },
      release: 'orders',
      environment: 'production',
      sourceRef: { file: 'sources/values/production/fixtures.yaml', line: 12 },
      sourceUrl:
        'https://git.example.com/gitops/blob/main/sources/values/production/fixtures.yaml#L12',
      proposedFix: {
        title: 'Add the fixture line',
        actions: ['Add an entry for orders/db#password to the fixture map'],
        command: '- { key: orders/db, property: password }',
      },
    },
    {
      id: 'f-sync',
      type: 'sync-error',
      severity: 'warning',
      message: 'orders-db does not sync in staging',
      subject: {
        kind: 'ExternalSecret',
        name: 'orders-db',
        namespace: 'orders',
      },
      release: 'orders',
      environment: 'staging',
      proposedFix: {
        title: 'Force a re-sync once Vault answers',
        actions: ['Unseal Vault staging', 'Force a sync'],
        command:
          'kubectl annotate es orders-db -n orders force-sync=$(date +%s) --overwrite',
      },
    },
  ],
  stores: [
    {
      cluster: 'staging-eu',
      environment: 'staging',
      kind: 'ClusterSecretStore',
      name: 'vault',
      ready: 'False',
      reason: 'InvalidProviderConfig',
      message: 'unable to validate store',
    },
  ],
  unownedExternalSecrets: [
    {
      cluster: 'staging-eu',
      environment: 'staging',
      namespace: 'orders',
      name: 'orders-legacy',
      ready: 'True',
      targetSecret: 'orders-legacy',
    },
  ],
  sources: [
    {
      id: 'gitops',
      kind: 'gitops',
      status: 'ok',
      lastSuccessAt: '2026-01-01T11:59:00.000Z',
    },
    {
      id: 'vault:staging',
      kind: 'vault',
      environment: 'staging',
      status: 'stale',
      errorClass: 'sealed',
      statusCode: 503,
      message: 'Vault is sealed',
      lastSuccessAt: '2026-01-01T11:48:00.000Z',
    },
  ],
};

/** A chart that owns `count` ExternalSecrets across four environments. */
export function largeResponse(count: number): EntitySecretsResponse {
  const environments = ['local', 'dev', 'staging', 'production'];
  const externalSecrets: EntityExternalSecret[] = Array.from(
    { length: count },
    (_, i) => {
      const name = `svc-secret-${String(i).padStart(3, '0')}`;
      return {
        ...dbSecret,
        id: `ExternalSecret:big:${name}`,
        name,
        targetSecret: `${name}-env`,
        keys: [0, 1, 2].map(k => ({
          key: `big/${name}`,
          property: `p${k}`,
          secretKey: `P${k}`,
          origin: 'external' as const,
          byEnvironment: Object.fromEntries(
            environments.map(env => [
              env,
              {
                fixture: 'present' as const,
                vault: { present: true, placeholder: false },
                writers: [],
              },
            ]),
          ),
        })),
        cells: Object.fromEntries(
          environments.map((env, e) => [
            env,
            {
              state:
                (i + e) % 7 === 0 ? ('error' as const) : ('ready' as const),
              reason: 'SecretSyncedError',
              clusters: [],
            },
          ]),
        ),
      };
    },
  );
  return {
    ...ordersResponse,
    entityRef: 'component:default/big',
    environments,
    summary: { ...ordersResponse.summary, externalSecrets: count },
    externalSecrets,
    sources: [],
  };
}

export const overviewResponse: OverviewResponse = {
  entities: {
    items: [
      {
        entityRef: 'component:default/orders',
        owner: 'team-commerce',
        chart: 'sources/charts/apps/orders',
        externalSecrets: 2,
        fixtureCoverage: 66.7,
        syncErrors: 1,
        findingsBySeverity: { error: 1, warning: 1, info: 0 },
        findingTypes: ['missing-fixture', 'sync-error'],
        environments: ['dev', 'staging', 'production'],
      },
      {
        entityRef: 'component:default/search',
        owner: 'team-data',
        chart: 'sources/charts/apps/search',
        externalSecrets: 1,
        fixtureCoverage: null,
        syncErrors: 0,
        findingsBySeverity: { error: 0, warning: 0, info: 1 },
        findingTypes: ['remote-ref-convention'],
        environments: ['dev', 'production'],
      },
    ],
    totalCount: 2,
    offset: 0,
    limit: 500,
  },
  conflicts: [
    {
      environment: 'dev',
      namespace: 'shared',
      targetSecret: 'postgres-app',
      owners: [
        {
          release: 'orders',
          entityRef: 'component:default/orders',
          file: 'sources/charts/apps/orders/values.yaml',
          line: 20,
        },
        {
          release: 'platform-db',
          file: 'sources/charts/foundation/db/values.yaml',
          line: 8,
        },
      ],
    },
  ],
  unownedExternalSecrets: [
    {
      cluster: 'dev-eu',
      environment: 'dev',
      namespace: 'legacy',
      name: 'old-token',
      ready: 'False',
      reason: 'SecretSyncedError',
    },
  ],
  orphanFixtures: [
    {
      key: 'legacy/api',
      property: 'value',
      environment: 'dev',
      file: 'sources/values/dev/fixtures.yaml',
      line: 40,
    },
  ],
  countsByFindingType: {
    'missing-fixture': 1,
    'sync-error': 1,
    'remote-ref-convention': 1,
  },
  countsBySeverity: { error: 1, warning: 1, info: 1 },
  sources: [{ id: 'gitops', kind: 'gitops', status: 'ok' }],
  refreshedAt: '2026-01-01T11:48:00.000Z',
};
