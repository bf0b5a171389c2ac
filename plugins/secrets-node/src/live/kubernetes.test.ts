import {
  clusterSnapshotFromDocuments,
  isRefreshable,
  isZeroDuration,
  matchesLabelSelector,
  toExternalSecretStatus,
} from './kubernetes';

describe('refresh rules', () => {
  it.each([
    ['0s', true],
    ['0', true],
    ['0m0s', true],
    ['0h0m0s', true],
    ['1h', false],
    ['10s', false],
    ['1h0m0s', false],
    [undefined, false],
  ])('isZeroDuration(%p) is %p', (d, expected) => {
    expect(isZeroDuration(d)).toBe(expected);
  });

  it.each([
    [
      { refreshPolicy: 'CreatedOnce', refreshTime: '2026-11-25T00:00:00Z' },
      false,
    ],
    [{ refreshPolicy: 'CreatedOnce' }, true], // not synced yet: the first sync still happens
    [{ refreshInterval: '0s', refreshTime: '2026-11-25T00:00:00Z' }, false],
    [
      {
        refreshPolicy: 'Periodic',
        refreshInterval: '0s',
        refreshTime: '2026-11-25T00:00:00Z',
      },
      false,
    ],
    [
      {
        refreshPolicy: 'OnChange',
        refreshInterval: '0s',
        refreshTime: '2026-11-25T00:00:00Z',
      },
      true,
    ],
    [{ refreshInterval: '1h', refreshTime: '2026-11-25T00:00:00Z' }, true],
  ])('isRefreshable(%p) is %p', (es, expected) => {
    expect(isRefreshable(es)).toBe(expected);
  });
});

describe('toExternalSecretStatus', () => {
  it('keeps status and policies, defaults the store kind and target name, and offers no command for unsafe names', () => {
    expect(
      toExternalSecretStatus(
        {
          metadata: { name: 'Bad;name', namespace: 'ns' },
          spec: {
            secretStoreRef: { name: 'vault' },
            data: [{ secretKey: 'x', remoteRef: { key: 'k' } }],
          },
          status: {
            conditions: [
              {
                type: 'Ready',
                status: 'True',
                reason: 'SecretMissing',
                message:
                  'secret will not be created due to CreationPolicy=Merge',
              },
            ],
          },
        },
        'c1',
      ),
    ).toStrictEqual({
      cluster: 'c1',
      namespace: 'ns',
      name: 'Bad;name',
      ready: 'True',
      reason: 'SecretMissing',
      message: 'secret will not be created due to CreationPolicy=Merge',
      storeRef: { kind: 'SecretStore', name: 'vault' },
      targetSecret: 'Bad;name',
      refreshable: true,
    });
  });

  it('reads a status without conditions as Unknown', () => {
    expect(
      toExternalSecretStatus({ metadata: { name: 'a', namespace: 'b' } }, 'c')
        ?.ready,
    ).toBe('Unknown');
  });
});

describe('matchesLabelSelector', () => {
  const labels = {
    app: 'shop',
    tier: 'backend',
    'backstage.io/kubernetes-id': 'shop',
  };
  it.each([
    ['app=shop', true],
    ['app==shop,tier=backend', true],
    ['app=shop,tier!=frontend', true],
    ['app=other', false],
    ['tier', true],
    ['!tier', false],
    ['!owner', true],
    ['app in (shop)', false],
    ['', false],
  ])('%p -> %p', (selector, expected) => {
    expect(matchesLabelSelector(labels, selector)).toBe(expected);
  });
});

describe('clusterSnapshotFromDocuments', () => {
  const es = {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name: 'db', namespace: 'shop' },
    spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' } },
    status: {
      conditions: [
        { type: 'Ready', status: 'False', reason: 'SecretSyncedError' },
      ],
    },
  };

  it('reads a List and single objects, with the capture time of the List', () => {
    const snap = clusterSnapshotFromDocuments(
      [
        {
          apiVersion: 'v1',
          kind: 'List',
          metadata: {
            annotations: {
              'secrets.ameide.io/captured-at': '2026-11-25T03:30:00Z',
            },
          },
          items: [es],
        },
        {
          apiVersion: 'external-secrets.io/v1',
          kind: 'ClusterSecretStore',
          metadata: { name: 'vault' },
          spec: { provider: { vault: {} } },
          status: { conditions: [{ type: 'Ready', status: 'True' }] },
        },
      ],
      { cluster: 'prod-eu', environment: 'production' },
    );
    expect(snap.fetchedAt).toBe('2026-11-25T03:30:00Z');
    expect(snap.environment).toBe('production');
    expect(snap.externalSecrets.map(e => [e.name, e.ready])).toEqual([
      ['db', 'False'],
    ]);
    expect(snap.stores.map(s => [s.kind, s.name, s.provider])).toEqual([
      ['ClusterSecretStore', 'vault', 'vault'],
    ]);
  });

  it('names the cluster when a document is not Kubernetes', () => {
    expect(() =>
      clusterSnapshotFromDocuments([{ foo: 1 }], { cluster: 'c1' }),
    ).toThrow('Snapshot for cluster c1 is not a Kubernetes List');
  });
});
