import type {
  EntitySecretsResponse,
  OverviewResponse,
} from '@ameideio/plugin-secrets-common';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { demoEntities } from './__fixtures__/entities';
import { demoSecretsConfig } from './__fixtures__/demo';
import { secretsPlugin } from './plugin';

async function start(
  options: {
    secrets?: object;
    kubernetes?: object;
    result?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  } = {},
) {
  return startTestBackend({
    features: [
      secretsPlugin,
      mockServices.rootConfig.factory({
        data: {
          secrets: options.secrets ?? demoSecretsConfig,
          ...(options.kubernetes ? { kubernetes: options.kubernetes } : {}),
        },
      }),
      mockServices.permissions.factory({
        result: options.result ?? AuthorizeResult.ALLOW,
      }),
      catalogServiceMock.factory({ entities: demoEntities }),
    ],
  });
}

describe('secrets backend plugin (offline snapshots)', () => {
  it('joins the GitOps report with cluster and Vault snapshots per entity', async () => {
    const { server } = await start();
    const res = await request(server)
      .get('/api/secrets/entity/component/default/payments')
      .expect(200);
    const body = res.body as EntitySecretsResponse;
    expect(body.releases).toEqual(['apps-payments']);
    const stripe = body.externalSecrets.find(
      e => e.name === 'payments-stripe',
    )!;
    expect(stripe.cells.production.state).toBe('error');
    expect(stripe.cells.production.reason).toBe('SecretSyncedError');
    // the provider's real error comes from the newest UpdateFailed event
    expect(stripe.cells.production.message).toContain('permission denied');
    expect(stripe.cells.production.clusters[0].lastWarning?.count).toBe(27);
    expect(stripe.cells.production.clusters[0].forceSyncCommand).toBe(
      'kubectl annotate externalsecret payments-stripe -n ameide force-sync=$(date +%s) --overwrite',
    );
    const db = body.externalSecrets.find(e => e.name === 'payments-db')!;
    expect(db.cells.production.state).toBe('ready');
    expect(db.keys[0].byEnvironment.production.vault).toMatchObject({
      present: true,
      placeholder: false,
    });
    const syncError = body.findings.find(
      f => f.type === 'sync-error' && f.subject.name === 'payments-stripe',
    );
    expect(syncError).toMatchObject({
      severity: 'error',
      environment: 'production',
      release: 'apps-payments',
      proposedFix: { command: expect.stringContaining('force-sync') },
    });
    const vaultStaging = body.sources.find(s => s.id === 'vault:staging')!;
    expect(vaultStaging).toMatchObject({
      status: 'stale',
      errorClass: 'sealed',
      statusCode: 503,
      origin: 'snapshot',
    });
    expect(vaultStaging.detail).toBe('Vault staging sealed (503)');
    expect(typeof vaultStaging.dataAgeMs).toBe('number');
    expect(vaultStaging.message).toMatch(
      /^Vault staging sealed \(503\), data from .+ ago$/,
    );
  });

  it('reports missing-in-cluster, unowned, placeholder, store and refresh-ignored findings', async () => {
    const { server } = await start();
    const workflows = (
      await request(server)
        .get('/api/secrets/entity/component/default/workflows')
        .expect(200)
    ).body as EntitySecretsResponse;
    expect(workflows.externalSecrets[0].cells.production.state).toBe(
      'missing-in-cluster',
    );
    expect(workflows.findings.map(f => f.type)).toContain('missing-in-cluster');

    const notifications = (
      await request(server)
        .get('/api/secrets/entity/component/default/notifications')
        .expect(200)
    ).body as EntitySecretsResponse;
    expect(notifications.unownedExternalSecrets?.map(u => u.name)).toEqual([
      'notifications-smtp-legacy',
    ]);
    expect(notifications.findings.map(f => f.type)).toContain(
      'unowned-externalsecret',
    );
    expect(
      notifications.findings.some(
        f => f.type === 'sync-error' && f.subject.kind === 'SecretStore',
      ),
    ).toBe(true);

    const keycloak = (
      await request(server)
        .get('/api/secrets/entity/component/default/platform-keycloak-realm')
        .expect(200)
    ).body as EntitySecretsResponse;
    expect(
      keycloak.findings.find(f => f.type === 'placeholder-in-vault'),
    ).toMatchObject({
      severity: 'error',
      environment: 'production',
      subject: {
        kind: 'VaultKey',
        name: 'platform-app-client-secret',
        property: 'value',
      },
    });

    const checkout = (
      await request(server)
        .get('/api/secrets/entity/component/default/checkout')
        .expect(200)
    ).body as EntitySecretsResponse;
    const live = checkout.externalSecrets[0].cells.production.clusters[0];
    expect(live.refreshable).toBe(false);
    expect(live.forceSyncCommand).toBeUndefined();
    expect(
      checkout.findings.find(f => f.type === 'refresh-ignored')?.message,
    ).toContain('refreshPolicy CreatedOnce');
  });

  it('serves the overview with live findings, unowned ExternalSecrets and pagination', async () => {
    const { server } = await start();
    const res = await request(server)
      .get('/api/secrets/overview?limit=2&offset=1')
      .expect(200);
    const body = res.body as OverviewResponse;
    expect(body.entities.totalCount).toBe(demoEntities.length);
    expect(body.entities.items).toHaveLength(2);
    expect(body.entities.offset).toBe(1);
    expect(
      body.unownedExternalSecrets.map(
        u => `${u.cluster}/${u.namespace}/${u.name}`,
      ),
    ).toEqual(['prod-eu/ameide/notifications-smtp-legacy']);
    expect(body.countsByFindingType['sync-error']).toBeGreaterThanOrEqual(2);
    expect(body.countsByFindingType['missing-in-vault']).toBeGreaterThanOrEqual(
      1,
    );
    const filtered = (
      await request(server)
        .get('/api/secrets/overview?findingType=placeholder-in-vault')
        .expect(200)
    ).body as OverviewResponse;
    expect(filtered.entities.items.map(i => i.entityRef)).toEqual([
      'component:default/platform-keycloak-realm',
    ]);
    for (const bad of [
      'limit=9999',
      'offset=-1',
      'limit=abc',
      'severity=critical',
      `q=${'x'.repeat(201)}`,
      'offset=1e3',
      'owner=a&owner=b',
    ]) {
      const r = await request(server)
        .get(`/api/secrets/overview?${bad}`)
        .expect(400);
      expect(r.body.error.name).toBe('InputError');
    }
  });

  it('lists source health and accepts a refresh', async () => {
    const { server } = await start();
    const res = await request(server).get('/api/secrets/sources').expect(200);
    expect(
      res.body.sources
        .map((s: { id: string; status: string }) => `${s.id}=${s.status}`)
        .sort(),
    ).toEqual([
      'cluster:prod-eu=ok',
      'cluster:staging=ok',
      'gitops=ok',
      'vault:production=ok',
      'vault:staging=stale',
    ]);
    await request(server).post('/api/secrets/refresh').expect(202);
  });

  it('answers 403 when the permission policy denies, 401 without credentials', async () => {
    const { server } = await start({ result: AuthorizeResult.DENY });
    await request(server)
      .get('/api/secrets/entity/component/default/payments')
      .expect(403);
    await request(server).get('/api/secrets/overview').expect(403);
    await request(server).post('/api/secrets/refresh').expect(403);
    const res = await request(server)
      .get('/api/secrets/sources')
      .set('Authorization', mockCredentials.none.header())
      .expect(401);
    expect(res.body.error.name).toBe('AuthenticationError');
  });

  it('answers 404 for an unknown entity and 400 for a bad name', async () => {
    const { server } = await start();
    const missing = await request(server)
      .get('/api/secrets/entity/component/default/nope')
      .expect(404);
    expect(missing.body.error.name).toBe('NotFoundError');
    const bad = await request(server)
      .get('/api/secrets/entity/component/default/..%2Fx')
      .expect(400);
    expect(bad.body.error.name).toBe('InputError');
  });

  it.each([
    [
      'an unknown gitops dir',
      { gitops: { dir: '/does/not/exist' } },
      undefined,
      /secrets\.gitops\.dir/,
    ],
    [
      'an unknown discovery mode in secrets.engine',
      { engine: { discovery: ['argocd', 'helmfile'] } },
      undefined,
      /Invalid option at secrets\.engine\.discovery\[1\]: "discovery\[1\]" must be one of argocd, flux, layout \(got "helmfile"\)/,
    ],
    [
      'a producer name template that does not close',
      {
        engine: {
          producers: [
            { apiVersion: 'a.io/*', kind: 'A', secrets: ['{{name-x'] },
          ],
        },
      },
      undefined,
      /Invalid option at secrets\.engine\.producers\[0\]\.secrets\[0\]: .*malformed placeholder/,
    ],
    [
      'both a gitops dir and url',
      { gitops: { dir: '.', url: 'https://github.com/a/b' } },
      undefined,
      /either dir or url/,
    ],
    [
      'a missing snapshot file',
      {
        snapshots: { vault: [{ environment: 'staging', file: '/nope.yaml' }] },
      },
      undefined,
      /secrets\.snapshots\.vault\[0\]\.file/,
    ],
    [
      'a bad environment name',
      {
        vault: [
          { environment: 'Prod!', address: 'https://v', auth: { token: 't' } },
        ],
      },
      undefined,
      /Invalid environment "Prod!"/,
    ],
    [
      'token auth without a token',
      {
        vault: [
          {
            environment: 'prod',
            address: 'https://v',
            auth: { type: 'token' },
          },
        ],
      },
      undefined,
      /needs auth\.token/,
    ],
    [
      'a cluster the Kubernetes config does not know',
      { clusters: [{ name: 'ghost', environment: 'prod' }] },
      undefined,
      /cluster "ghost"/,
    ],
    [
      'an unsupported cluster auth provider',
      { clusters: [{ name: 'c1', environment: 'prod' }] },
      {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              { name: 'c1', url: 'https://k8s', authProvider: 'oidc' },
            ],
          },
        ],
      },
      /authProvider oidc/,
    ],
  ])('refuses to start with %s', async (_what, secrets, kubernetes, error) => {
    await expect(start({ secrets, kubernetes })).rejects.toThrow(error);
  });
});
