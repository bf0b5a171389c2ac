/** A fake Vault for the NodeVaultSource tests: its health, its KV v2 mount, and a source reading it. */
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  digestOf,
  NodeVaultSource,
  type VaultSourceOptions,
} from '../NodeVaultSource';

/** The mock server of the test file, reset after each test. */
export const server = setupServer();
registerMswTestHooks(server);

export const V = 'https://vault.test';
export const TOKEN = 'hvs.test-token';
export const VALUE = 'local-dev-orders-db-password';
export const REAL = 'S3cr3t-real-production-value';

export const health = (over: Record<string, unknown> = {}, code = 200) =>
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
export const vaultError = (code: number, errors: string[]) =>
  HttpResponse.json({ errors }, { status: code });
export const PERMISSION_DENIED = '1 error occurred:\n\t* permission denied\n\n';

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

export function kv(
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

export const digests = new Map([
  ['orders-db-password', new Map([['value', new Set([digestOf(VALUE)])]])],
]);
export const source = (o: Partial<VaultSourceOptions> = {}) =>
  NodeVaultSource.create({
    environment: 'staging',
    address: V,
    auth: { type: 'token', token: TOKEN },
    ...o,
  });
