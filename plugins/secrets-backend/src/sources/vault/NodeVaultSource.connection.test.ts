/* NodeVaultSource: Kubernetes login, namespaces, timeouts and unreachable Vaults. */
import { createMockDirectory } from '@backstage/backend-test-utils';
import { delay, http, HttpResponse } from 'msw';
import {
  V,
  health,
  vaultError,
  kv,
  source,
  server,
} from './__testUtils__/fakeVault';

describe('NodeVaultSource', () => {
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
