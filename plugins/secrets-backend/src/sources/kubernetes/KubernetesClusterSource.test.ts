import {
  createMockDirectory,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SourceError } from '../types';
import { KubernetesClusterSource } from './KubernetesClusterSource';

const server = setupServer();
registerMswTestHooks(server);

const A = 'https://k8s-a.test';
const ESO = '/apis/external-secrets.io/v1';

/** A Kubernetes `Status` error body, as the API server sends it. */
const status = (code: number, reason: string, message: string) =>
  HttpResponse.json(
    {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      code,
    },
    { status: code },
  );

const es = (
  name: string,
  ready: 'True' | 'False',
  reason: string,
  extra: Record<string, unknown> = {},
) => ({
  metadata: {
    name,
    namespace: 'shop',
    resourceVersion: '1',
    labels: { 'backstage.io/kubernetes-id': 'shop' },
  },
  spec: {
    refreshInterval: '1h',
    secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
    target: { name: `${name}-secret`, creationPolicy: 'Owner' },
    data: [
      {
        secretKey: 'password',
        remoteRef: { key: `${name}-password`, property: 'value' },
      },
    ],
    ...extra,
  },
  status: {
    conditions: [
      {
        type: 'Ready',
        status: ready,
        reason,
        message:
          ready === 'True'
            ? 'secret synced'
            : 'could not get secret data from provider',
        lastTransitionTime: '2026-11-25T01:00:00Z',
      },
    ],
    refreshTime: '2026-11-25T01:00:00Z',
    syncedResourceVersion: '1-abc',
  },
});

const list = (kind: string, items: unknown[], cont?: string) =>
  HttpResponse.json({
    apiVersion: 'external-secrets.io/v1',
    kind,
    metadata: { resourceVersion: '42', ...(cont ? { continue: cont } : {}) },
    items,
  });

function happyCluster(base: string, token: string, calls: string[] = []) {
  const authed = (req: Request) =>
    req.headers.get('authorization') === `Bearer ${token}`;
  return [
    http.get(`${base}${ESO}/externalsecrets`, ({ request }) => {
      calls.push(request.url);
      if (!authed(request)) return status(401, 'Unauthorized', 'Unauthorized');
      const url = new URL(request.url);
      expect(url.searchParams.get('limit')).toBe('2');
      if (url.searchParams.get('continue') === 'page-2') {
        return list('ExternalSecretList', [
          es('c-once', 'True', 'SecretSynced', {
            refreshPolicy: 'CreatedOnce',
          }),
        ]);
      }
      return list(
        'ExternalSecretList',
        [
          es('a-ok', 'True', 'SecretSynced'),
          es('b-bad', 'False', 'SecretSyncedError'),
        ],
        'page-2',
      );
    }),
    http.get(`${base}${ESO}/secretstores`, () => list('SecretStoreList', [])),
    http.get(`${base}${ESO}/clustersecretstores`, () =>
      list('ClusterSecretStoreList', [
        {
          metadata: { name: 'vault' },
          spec: {
            provider: {
              vault: {
                server: 'http://vault:8200',
                path: 'secret',
                version: 'v2',
              },
            },
          },
          status: {
            conditions: [
              {
                type: 'Ready',
                status: 'False',
                reason: 'InvalidProviderConfig',
                message: 'unable to validate store',
              },
            ],
            capabilities: 'ReadWrite',
          },
        },
      ]),
    ),
    http.get(`${base}/api/v1/events`, ({ request }) => {
      expect(new URL(request.url).searchParams.get('fieldSelector')).toBe(
        'involvedObject.kind=ExternalSecret,type=Warning,reason=UpdateFailed',
      );
      const ev = (message: string, lastTimestamp: string, count: number) => ({
        metadata: { name: `b-bad.${count}`, namespace: 'shop' },
        involvedObject: {
          kind: 'ExternalSecret',
          namespace: 'shop',
          name: 'b-bad',
          apiVersion: 'external-secrets.io/v1',
        },
        reason: 'UpdateFailed',
        type: 'Warning',
        message,
        count,
        firstTimestamp: '2026-11-25T00:00:00Z',
        lastTimestamp,
      });
      return HttpResponse.json({
        kind: 'EventList',
        apiVersion: 'v1',
        metadata: { resourceVersion: '7' },
        items: [
          ev('Code: 503. Errors: * Vault is sealed', '2026-11-25T01:00:00Z', 1),
          ev(
            'Code: 403. Errors: * permission denied',
            '2026-11-25T02:00:00Z',
            9,
          ),
        ],
      });
    }),
  ];
}

describe('KubernetesClusterSource', () => {
  const source = (token = 'token-a', timeoutMs?: number) =>
    KubernetesClusterSource.create({
      name: 'prod-eu',
      url: A,
      serviceAccountToken: token,
      environment: 'production',
      pageSize: 2,
      timeoutMs,
    });

  it('lists every kind once per refresh, follows continue tokens and attaches the newest UpdateFailed event', async () => {
    const calls: string[] = [];
    server.use(...happyCluster(A, 'token-a', calls));
    const snap = await source().read();
    expect(calls).toHaveLength(2); // two pages of ExternalSecrets
    expect(snap.calls).toBe(5);
    expect(snap.warnings).toEqual([]);
    expect(
      snap.externalSecrets.map(e => `${e.name}:${e.ready}:${e.reason}`),
    ).toEqual([
      'a-ok:True:SecretSynced',
      'b-bad:False:SecretSyncedError',
      'c-once:True:SecretSynced',
    ]);
    expect(snap.externalSecrets[1]).toStrictEqual({
      cluster: 'prod-eu',
      environment: 'production',
      namespace: 'shop',
      name: 'b-bad',
      ready: 'False',
      reason: 'SecretSyncedError',
      message: 'could not get secret data from provider',
      refreshTime: '2026-11-25T01:00:00Z',
      syncedResourceVersion: '1-abc',
      refreshInterval: '1h',
      storeRef: { kind: 'ClusterSecretStore', name: 'vault' },
      targetSecret: 'b-bad-secret',
      creationPolicy: 'Owner',
      kubernetesId: 'shop',
      labels: { 'backstage.io/kubernetes-id': 'shop' },
      refreshable: true,
      forceSyncCommand:
        'kubectl annotate externalsecret b-bad -n shop force-sync=$(date +%s) --overwrite',
      lastWarning: {
        reason: 'UpdateFailed',
        message: 'Code: 403. Errors: * permission denied',
        time: '2026-11-25T02:00:00Z',
        count: 9,
      },
    });
    // CreatedOnce after the first sync: the annotation would be ignored, so no command
    expect(snap.externalSecrets[2]).toMatchObject({ refreshable: false });
    expect(snap.externalSecrets[2].forceSyncCommand).toBeUndefined();
    expect(snap.stores).toStrictEqual([
      {
        cluster: 'prod-eu',
        environment: 'production',
        kind: 'ClusterSecretStore',
        name: 'vault',
        ready: 'False',
        reason: 'InvalidProviderConfig',
        message: 'unable to validate store',
        provider: 'vault',
      },
    ]);
    // no spec.data, no template, no Secret content in the snapshot
    expect(JSON.stringify(snap)).not.toContain('remoteRef');
  });

  it.each([
    [401, 'Unauthorized', 'unauthorized'],
    [403, 'Forbidden', 'forbidden'],
    [500, 'InternalError', 'server-error'],
  ])(
    'turns a %s Status into a classified SourceError',
    async (code, reason, cls) => {
      server.use(
        http.get(`${A}${ESO}/externalsecrets`, () =>
          status(
            code,
            reason,
            `externalsecrets.external-secrets.io is ${reason}`,
          ),
        ),
      );
      const err = await source()
        .read()
        .catch(e => e);
      expect(err).toBeInstanceOf(SourceError);
      expect(err).toMatchObject({
        errorClass: cls,
        statusCode: code,
        message: `Cluster prod-eu: ExternalSecrets ${cls} (${code} ${reason})`,
      });
    },
  );

  it('lists again from the start once when a continue token expired (410)', async () => {
    let expired = true;
    const seen: string[] = [];
    server.use(
      http.get(`${A}${ESO}/externalsecrets`, ({ request }) => {
        const cont = new URL(request.url).searchParams.get('continue');
        seen.push(cont ?? 'start');
        if (cont === 'stale') {
          if (expired) {
            expired = false;
            return status(
              410,
              'Expired',
              'The provided continue parameter is too old to display a consistent list result.',
            );
          }
          return list('ExternalSecretList', [
            es('b-bad', 'False', 'SecretSyncedError'),
          ]);
        }
        return list(
          'ExternalSecretList',
          [es('a-ok', 'True', 'SecretSynced')],
          'stale',
        );
      }),
      ...happyCluster(A, 'token-a').slice(1),
    );
    const snap = await source().read();
    expect(seen).toEqual(['start', 'stale', 'start', 'stale']);
    expect(snap.externalSecrets.map(e => e.name)).toEqual(['a-ok', 'b-bad']);
  });

  it('treats a wrong token as unauthorized', async () => {
    server.use(...happyCluster(A, 'token-a'));
    await expect(source('stale-token').read()).rejects.toMatchObject({
      errorClass: 'unauthorized',
      statusCode: 401,
    });
  });

  it("uses the pod's service account token when none is configured", async () => {
    const dir = createMockDirectory({ content: { token: 'in-pod-token\n' } });
    server.use(...happyCluster(A, 'in-pod-token'));
    const snap = await KubernetesClusterSource.create({
      name: 'in',
      url: A,
      pageSize: 2,
      tokenPath: dir.resolve('token'),
    }).read();
    expect(snap.externalSecrets).toHaveLength(3);
  });

  it('keeps ExternalSecrets when Events or stores are forbidden, with a warning', async () => {
    server.use(
      http.get(`${A}/api/v1/events`, () =>
        status(
          403,
          'Forbidden',
          'events is forbidden: User "system:serviceaccount:backstage:reader" cannot list resource "events"',
        ),
      ),
      http.get(`${A}${ESO}/secretstores`, () =>
        status(403, 'Forbidden', 'forbidden'),
      ),
      ...happyCluster(A, 'token-a'),
    );
    const snap = await source().read();
    expect(snap.externalSecrets).toHaveLength(3);
    expect(snap.warnings.sort()).toEqual([
      'Events: forbidden (403)',
      'SecretStores: forbidden (403)',
    ]);
    expect(snap.externalSecrets[1].lastWarning).toBeUndefined();
  });

  it('times out a hanging API server', async () => {
    server.use(
      http.get(`${A}${ESO}/externalsecrets`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    await expect(source('token-a', 100).read()).rejects.toMatchObject({
      errorClass: 'timeout',
    });
  });

  it('reports an unreachable cluster', async () => {
    server.use(
      http.get(`${A}${ESO}/externalsecrets`, () => HttpResponse.error()),
    );
    await expect(source().read()).rejects.toMatchObject({
      errorClass: 'unreachable',
      message: 'Cluster prod-eu: ExternalSecrets unreachable',
    });
  });
});
