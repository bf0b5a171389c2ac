import {
  createMockDirectory,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SourceError } from '../types';
import {
  digestOf,
  NodeVaultSource,
  type VaultSourceOptions,
} from './NodeVaultSource';

const server = setupServer();
registerMswTestHooks(server);

const V = 'https://vault.test';
const TOKEN = 'hvs.test-token';
const VALUE = 'local-dev-orders-db-password';
const REAL = 'S3cr3t-real-production-value';

const health = (over: Record<string, unknown> = {}, code = 200) =>
  http.get(`${V}/v1/sys/health`, () =>
    HttpResponse.json(
      {
        initialized: true,
        sealed: false,
        standby: false,
        performance_standby: false,
        replication_performance_mode: 'disabled',
        replication_dr_mode: 'disabled',
        server_time_utc: 1764040000,
        version: '1.18.2',
        cluster_name: 'vault-cluster-1',
        cluster_id: 'b2a1',
        ...over,
      },
      { status: code },
    ),
  );

/** Vault error bodies: `{"errors": [...]}`. */
const vaultError = (code: number, errors: string[]) =>
  HttpResponse.json({ errors }, { status: code });
const PERMISSION_DENIED = '1 error occurred:\n\t* permission denied\n\n';

const metadata = (current: number, deleted = false) => ({
  request_id: 'r1',
  lease_id: '',
  renewable: false,
  lease_duration: 0,
  wrap_info: null,
  warnings: null,
  auth: null,
  data: {
    cas_required: false,
    created_time: '2026-06-01T10:00:00.000000Z',
    current_version: current,
    delete_version_after: '0s',
    max_versions: 0,
    oldest_version: 0,
    updated_time: '2026-11-20T08:00:00.000000Z',
    custom_metadata: null,
    versions: {
      [String(current)]: {
        created_time: '2026-11-20T08:00:00.000000Z',
        deletion_time: deleted ? '2026-11-21T08:00:00.000000Z' : '',
        destroyed: false,
      },
    },
  },
});

function kv(
  options: { value?: string; requireToken?: string; seen?: string[] } = {},
) {
  const token = options.requireToken ?? TOKEN;
  const guard = (req: Request) => {
    options.seen?.push(
      `${req.method} ${new URL(req.url).pathname}${new URL(req.url).search}`,
    );
    return req.headers.get('x-vault-token') === token
      ? undefined
      : vaultError(403, ['permission denied']);
  };
  return [
    http.get(`${V}/v1/secret/metadata/`, ({ request }) => {
      const url = new URL(request.url);
      expect(url.searchParams.get('list')).toBeTruthy();
      return (
        guard(request) ??
        HttpResponse.json({ data: { keys: ['orders-db-password', 'team/'] } })
      );
    }),
    http.get(
      `${V}/v1/secret/metadata/team/`,
      ({ request }) =>
        guard(request) ??
        HttpResponse.json({ data: { keys: ['old-key', 'deep/'] } }),
    ),
    http.get(
      `${V}/v1/secret/metadata/team/deep/`,
      ({ request }) =>
        guard(request) ?? HttpResponse.json({ data: { keys: ['k'] } }),
    ),
    http.get(
      `${V}/v1/secret/metadata/orders-db-password`,
      ({ request }) => guard(request) ?? HttpResponse.json(metadata(3)),
    ),
    http.get(
      `${V}/v1/secret/metadata/team/old-key`,
      ({ request }) => guard(request) ?? HttpResponse.json(metadata(2, true)),
    ),
    http.get(
      `${V}/v1/secret/metadata/team/deep/k`,
      ({ request }) => guard(request) ?? HttpResponse.json(metadata(1)),
    ),
    http.get(
      `${V}/v1/secret/subkeys/:path*`,
      ({ request }) =>
        guard(request) ??
        HttpResponse.json({
          data: {
            subkeys: { value: null, username: null },
            metadata: { version: 3 },
          },
        }),
    ),
    http.get(
      `${V}/v1/secret/data/orders-db-password`,
      ({ request }) =>
        guard(request) ??
        HttpResponse.json({
          data: {
            data: { value: options.value ?? VALUE, username: 'orders' },
            metadata: {
              version: 3,
              deletion_time: '',
              destroyed: false,
              created_time: '2026-11-20T08:00:00Z',
              custom_metadata: null,
            },
          },
        }),
    ),
  ];
}

const digests = new Map([
  ['orders-db-password', new Map([['value', new Set([digestOf(VALUE)])]])],
]);
const source = (o: Partial<VaultSourceOptions> = {}) =>
  NodeVaultSource.create({
    environment: 'staging',
    address: V,
    auth: { type: 'token', token: TOKEN },
    ...o,
  });

describe('NodeVaultSource', () => {
  it('lists recursively, reads metadata and subkeys, never values without opt-in', async () => {
    const seen: string[] = [];
    server.use(health(), ...kv({ seen }));
    const snap = await source().read({ fixtureDigests: digests });
    expect(snap.keys).toStrictEqual({
      'orders-db-password': {
        currentVersion: 3,
        createdTime: '2026-06-01T10:00:00.000000Z',
        updatedTime: '2026-11-20T08:00:00.000000Z',
        properties: ['username', 'value'],
      },
      'team/old-key': {
        currentVersion: 2,
        createdTime: '2026-06-01T10:00:00.000000Z',
        updatedTime: '2026-11-20T08:00:00.000000Z',
        deleted: true,
        properties: null,
      },
      'team/deep/k': {
        currentVersion: 1,
        createdTime: '2026-06-01T10:00:00.000000Z',
        updatedTime: '2026-11-20T08:00:00.000000Z',
        properties: ['username', 'value'],
      },
    });
    expect(seen.some(s => s.includes('/data/'))).toBe(false);
    expect(snap.warnings).toEqual([]);
  });

  it('reads metadata only for referenced keys, and no subkeys again while a version stays', async () => {
    const seen: string[] = [];
    server.use(health(), ...kv({ seen }));
    const vault = source();
    const referencedKeys = new Set(['orders-db-password', 'not-in-vault']);
    const first = await vault.read({ referencedKeys });
    // listed keys nobody references exist, without a metadata read
    expect(first.keys['team/deep/k']).toStrictEqual({ properties: null });
    expect(first.keys['orders-db-password'].properties).toEqual([
      'username',
      'value',
    ]);
    const reads = (prefix: string) =>
      seen.filter(x => x.startsWith(`GET /v1/secret/${prefix}`)).length;
    expect(reads('metadata/team/deep/k')).toBe(0);
    expect(reads('metadata/orders-db-password')).toBe(1);
    expect(reads('subkeys/')).toBe(1);
    // 3 LISTs + health + 1 metadata + 1 subkeys
    expect(first.calls).toBe(6);

    const second = await vault.read({ referencedKeys });
    expect(second.keys).toStrictEqual(first.keys);
    expect(reads('metadata/orders-db-password')).toBe(2);
    expect(reads('subkeys/')).toBe(1);
    expect(second.calls).toBe(5);
  });

  it('detects a placeholder by digest and keeps only a boolean', async () => {
    server.use(health(), ...kv());
    const snap = await source({ placeholderDetection: true }).read({
      fixtureDigests: digests,
    });
    expect(snap.keys['orders-db-password'].placeholder).toStrictEqual({
      value: true,
    });
    expect(JSON.stringify(snap)).not.toContain(VALUE);

    server.use(...kv({ value: REAL }));
    const real = await source({ placeholderDetection: true }).read({
      fixtureDigests: digests,
    });
    expect(real.keys['orders-db-password'].placeholder).toStrictEqual({
      value: false,
    });
    expect(JSON.stringify(real)).not.toContain(REAL);
  });

  it('bounds the recursion', async () => {
    server.use(health(), ...kv());
    const snap = await source({ maxDepth: 2 }).read();
    expect(Object.keys(snap.keys).sort()).toEqual([
      'orders-db-password',
      'team/old-key',
    ]);
    expect(snap.truncated).toBe(true);
  });

  it('reports a sealed Vault as sealed (503)', async () => {
    server.use(health({ sealed: true }, 503));
    const err = await source()
      .read()
      .catch(e => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err).toMatchObject({
      errorClass: 'sealed',
      statusCode: 503,
      message: 'Vault staging sealed (503)',
    });
  });

  it('reports an uninitialized Vault (501)', async () => {
    server.use(health({ initialized: false, sealed: true }, 501));
    await expect(source().read()).rejects.toMatchObject({
      errorClass: 'not-initialized',
      statusCode: 501,
    });
  });

  it('reads from a standby (429) and says so', async () => {
    server.use(health({ standby: true }, 429), ...kv());
    const snap = await source().read();
    expect(Object.keys(snap.keys)).toHaveLength(3);
    expect(snap.warnings).toEqual(['Vault is a standby (429)']);
  });

  it('maps a 403 on LIST to forbidden (403)', async () => {
    server.use(
      health(),
      http.get(`${V}/v1/secret/metadata/`, () =>
        vaultError(403, [PERMISSION_DENIED]),
      ),
    );
    await expect(source().read()).rejects.toMatchObject({
      errorClass: 'forbidden',
      statusCode: 403,
      message: 'Vault staging list: forbidden (403)',
    });
  });

  it('maps a sealed 503 during the listing', async () => {
    server.use(
      health(),
      http.get(`${V}/v1/secret/metadata/`, () =>
        vaultError(503, ['Vault is sealed']),
      ),
    );
    await expect(source().read()).rejects.toMatchObject({
      errorClass: 'sealed',
      statusCode: 503,
    });
  });

  it('treats an empty mount (404 with no errors) as no keys', async () => {
    server.use(
      health(),
      http.get(`${V}/v1/secret/metadata/`, () => vaultError(404, [])),
    );
    const snap = await source().read();
    expect(snap.keys).toStrictEqual({});
  });

  it('keeps metadata when subkeys are forbidden', async () => {
    server.use(
      health(),
      http.get(`${V}/v1/secret/subkeys/:path*`, () =>
        vaultError(403, [PERMISSION_DENIED]),
      ),
      ...kv(),
    );
    const snap = await source().read();
    expect(snap.keys['orders-db-password'].properties).toBeNull();
    expect(snap.warnings).toEqual(['subkeys: forbidden (403)']);
  });

  it.each([
    // a KV v2 mount of a Vault before 1.10: no such path
    [404, ['1 error occurred:\n\t* unsupported path\n\n']],
    [405, ['1 error occurred:\n\t* unsupported operation\n\n']],
    [404, []],
  ])(
    'falls back to metadata only when subkeys answers %p %j',
    async (code, errors) => {
      let subkeyCalls = 0;
      server.use(
        health(),
        http.get(`${V}/v1/secret/subkeys/:path*`, () => {
          subkeyCalls++;
          return vaultError(code, errors);
        }),
        ...kv(),
      );
      const snap = await source({ concurrency: 1 }).read();
      // unknown, not missing: every property of a present key counts as present
      expect(snap.keys['orders-db-password'].properties).toBeNull();
      expect(snap.keys['team/deep/k'].properties).toBeNull();
      expect(snap.warnings).toEqual([
        `subkeys endpoint not available (${code}): property names unknown, keys checked by metadata only`,
      ]);
      // asked once, not once per key
      expect(subkeyCalls).toBe(1);
    },
  );

  it('logs in with Kubernetes auth at the configured mount path and uses the client token', async () => {
    const dir = createMockDirectory({
      content: { token: 'eyJhbGciOiJSUzI1NiJ9.sa.jwt\n' },
    });
    let body: unknown;
    let revoked: string | null = null;
    server.use(
      health(),
      http.post(`${V}/v1/auth/k8s-staging/login`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({
          auth: {
            client_token: 'hvs.from-login',
            accessor: 'a',
            policies: ['default', 'backstage-read'],
            metadata: { role: 'backstage' },
            lease_duration: 3600,
            renewable: true,
          },
        });
      }),
      http.post(`${V}/v1/auth/token/revoke-self`, ({ request }) => {
        revoked = request.headers.get('x-vault-token');
        return new HttpResponse(null, { status: 204 });
      }),
      ...kv({ requireToken: 'hvs.from-login' }),
    );
    const snap = await source({
      auth: {
        type: 'kubernetes',
        role: 'backstage',
        mountPath: 'k8s-staging',
        jwtPath: dir.resolve('token'),
      },
    }).read();
    expect(body).toEqual({
      role: 'backstage',
      jwt: 'eyJhbGciOiJSUzI1NiJ9.sa.jwt',
    });
    expect(revoked).toBe('hvs.from-login'); // the per-refresh login token is revoked
    expect(Object.keys(snap.keys)).toHaveLength(3);
  });

  it('maps a 403 at Kubernetes login', async () => {
    const dir = createMockDirectory({ content: { token: 'jwt' } });
    server.use(
      health(),
      http.post(`${V}/v1/auth/kubernetes/login`, () =>
        vaultError(403, ['permission denied']),
      ),
    );
    await expect(
      source({
        auth: {
          type: 'kubernetes',
          role: 'backstage',
          jwtPath: dir.resolve('token'),
        },
      }).read(),
    ).rejects.toMatchObject({
      errorClass: 'forbidden',
      statusCode: 403,
      message: 'Vault staging kubernetes login: forbidden (403)',
    });
  });

  it('sends the namespace header', async () => {
    let ns: string | null = null;
    server.use(
      health(),
      http.get(`${V}/v1/secret/metadata/`, ({ request }) => {
        ns = request.headers.get('x-vault-namespace');
        return vaultError(404, []);
      }),
    );
    await source({ namespace: 'team-a' }).read();
    expect(ns).toBe('team-a');
  });

  it('times out', async () => {
    server.use(
      http.get(`${V}/v1/sys/health`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    await expect(source({ timeoutMs: 100 }).read()).rejects.toMatchObject({
      errorClass: 'timeout',
      message: 'Vault staging timed out (health)',
    });
  });

  it('reports an unreachable Vault', async () => {
    server.use(http.get(`${V}/v1/sys/health`, () => HttpResponse.error()));
    await expect(source().read()).rejects.toMatchObject({
      errorClass: 'unreachable',
    });
  });

  it('stops a hanging request when the refresh aborts', async () => {
    server.use(
      http.get(`${V}/v1/sys/health`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(
      source({ timeoutMs: 60_000 }).read({ signal: controller.signal }),
    ).rejects.toMatchObject({ errorClass: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
