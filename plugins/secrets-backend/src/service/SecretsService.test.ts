import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { demoEntities } from '../__fixtures__/entities';
import { demoGitOpsDir } from '../__fixtures__/demo';
import { InMemorySnapshotStore } from '../database/SnapshotStore';
import { LocalDirGitOpsSource } from '../sources/GitOpsSource';
import { KubernetesClusterSource } from '../sources/kubernetes/KubernetesClusterSource';
import {
  SourceError,
  type VaultSnapshot,
  type VaultSource,
} from '../sources/types';
import { createSecretsCore } from '../createSecretsCore';

const server = setupServer();
registerMswTestHooks(server);

const ESO = '/apis/external-secrets.io/v1';
const payments = demoEntities[0];

function readyES(name: string) {
  return {
    metadata: { name, namespace: 'ameide' },
    spec: {
      refreshInterval: '1h',
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'ameide-vault' },
      target: { name },
    },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'SecretSynced',
          message: 'secret synced',
        },
      ],
      refreshTime: '2026-11-25T03:00:00Z',
      syncedResourceVersion: '1-x',
    },
  };
}

function cluster(base: string, items: unknown[]) {
  const empty = () =>
    HttpResponse.json({ kind: 'List', metadata: {}, items: [] });
  return [
    http.get(`${base}${ESO}/externalsecrets`, () =>
      HttpResponse.json({ kind: 'ExternalSecretList', metadata: {}, items }),
    ),
    http.get(`${base}${ESO}/secretstores`, empty),
    http.get(`${base}${ESO}/clustersecretstores`, empty),
    http.get(`${base}/api/v1/events`, empty),
  ];
}

/** A Vault source whose next answer the test decides. */
class ScriptedVault implements VaultSource {
  readonly kind = 'vault' as const;
  readonly origin = 'live' as const;
  readonly id = 'vault:production';
  readonly environment = 'production';
  next: () => Promise<VaultSnapshot> = async () => ({
    environment: 'production',
    mount: 'secret',
    fetchedAt: new Date().toISOString(),
    warnings: [],
    calls: 3,
    keys: {
      'payments-db-password': { properties: ['value'], currentVersion: 1 },
    },
  });
  read() {
    return this.next();
  }
}

describe('SecretsService', () => {
  const logger = mockServices.logger.mock();

  function create(
    store = new InMemorySnapshotStore(),
    vault = new ScriptedVault(),
  ) {
    return createSecretsCore({
      gitops: new LocalDirGitOpsSource(demoGitOpsDir),
      sources: [
        KubernetesClusterSource.create({
          name: 'prod-eu',
          url: 'https://prod-eu.k8s.test',
          serviceAccountToken: 't',
          environment: 'production',
        }),
        KubernetesClusterSource.create({
          name: 'prod-us',
          url: 'https://prod-us.k8s.test',
          serviceAccountToken: 't',
          environment: 'production',
        }),
        vault,
      ],
      store,
      logger,
    });
  }

  it('empties only the panel of a cluster that is down', async () => {
    server.use(
      ...cluster('https://prod-eu.k8s.test', [
        readyES('payments-db'),
        readyES('payments-stripe'),
      ]),
      http.get('https://prod-us.k8s.test/*', () =>
        HttpResponse.json(
          {
            kind: 'Status',
            apiVersion: 'v1',
            status: 'Failure',
            reason: 'InternalError',
            code: 500,
            message: 'etcdserver: request timed out',
          },
          { status: 500 },
        ),
      ),
    );
    const { service, refresher } = create();
    const summary = await refresher.refresh();
    expect(summary.failed).toEqual(['cluster:prod-us']);
    expect(summary.calls).toBe(4 + 3);
    const health = Object.fromEntries(service.sources().map(s => [s.id, s]));
    expect(health['cluster:prod-eu'].status).toBe('ok');
    expect(health['cluster:prod-us']).toMatchObject({
      status: 'error',
      errorClass: 'server-error',
      statusCode: 500,
      message:
        'Cluster prod-us: ExternalSecrets server-error (500 InternalError)',
    });
    const body = service.entity(payments);
    const db = body.externalSecrets.find(e => e.name === 'payments-db')!;
    expect(db.cells.production.state).toBe('ready');
    expect(db.cells.production.clusters.map(c => c.cluster)).toEqual([
      'prod-eu',
    ]);
    expect(db.keys[0].byEnvironment.production.vault.present).toBe(true);
    // the stripe key is not in this Vault
    expect(
      body.findings.find(f => f.type === 'missing-in-vault')?.subject,
    ).toStrictEqual({
      kind: 'VaultKey',
      name: 'payments-stripe-api-key',
      property: 'value',
    });
  });

  it('keeps the last good data of a failing source, marked stale with its error', async () => {
    server.use(
      ...cluster('https://prod-eu.k8s.test', [readyES('payments-db')]),
      ...cluster('https://prod-us.k8s.test', []),
    );
    const vault = new ScriptedVault();
    const { service, refresher } = create(new InMemorySnapshotStore(), vault);
    await refresher.refresh();
    vault.next = async () => {
      throw new SourceError('sealed', 'Vault production sealed (503)', 503);
    };
    await refresher.refresh();
    const v = service.sources().find(s => s.id === 'vault:production')!;
    expect(v).toMatchObject({
      status: 'stale',
      errorClass: 'sealed',
      statusCode: 503,
    });
    // structured: plain text, the age as numbers
    expect(v.detail).toBe('Vault production sealed (503)');
    expect(v.dataAgeMs).toBeGreaterThanOrEqual(0);
    expect(v.dataAgeMs).toBeLessThan(60_000);
    expect(Date.parse(v.checkedAt!) - Date.parse(v.lastSuccessAt!)).toBe(
      v.dataAgeMs,
    );
    // the deprecated text field keeps its old form for one release
    expect(v.message).toBe(
      'Vault production sealed (503), data from less than a minute ago',
    );
    const db = service
      .entity(payments)
      .externalSecrets.find(e => e.name === 'payments-db')!;
    expect(db.keys[0].byEnvironment.production.vault.present).toBe(true);
  });

  it('lets another instance serve the stored snapshots without reading any source', async () => {
    server.use(
      ...cluster('https://prod-eu.k8s.test', [readyES('payments-db')]),
      ...cluster('https://prod-us.k8s.test', []),
    );
    const store = new InMemorySnapshotStore();
    const { service: runner, refresher } = create(store);
    await refresher.refresh();

    // another replica: the same configuration, it never reads a source
    const { service: reader } = create(store);
    expect(await reader.loadFromStore()).toBe(true);
    expect(await reader.loadFromStore()).toBe(false); // unchanged
    // source health is stamped when asked (checkedAt, data age): two calls
    // may fall in different milliseconds, so compare without the clock
    const unclocked = (x: unknown) =>
      JSON.parse(typeof x === 'string' ? x : JSON.stringify(x), (k, v) =>
        ['checkedAt', 'dataAgeMs', 'dataAgeSeconds'].includes(k)
          ? undefined
          : v,
      );
    expect(unclocked(reader.entity(payments))).toEqual(
      unclocked(runner.entity(payments)),
    );
    // the pre-serialized body is the same answer
    expect(unclocked(runner.entityJson(payments))).toEqual(
      unclocked(runner.entity(payments)),
    );
  });

  it('answers before any source was read', () => {
    const { service } = create();
    const body = service.entity(payments);
    expect(body.externalSecrets).toEqual([]);
    expect(service.sources().every(s => s.status === 'stale')).toBe(true);
  });
});
