/*
 * The scale benchmark's upstreams: every cluster API server and Vault on one
 * loopback server, run in a child process so it does not share the
 * plugin's event loop.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ENTITIES,
  ES_PER_ENTITY,
  keyOf,
  LATENCY_MS,
  PAGE,
  svc,
  VAULT_KEYS,
} from './scaleModel';

/** The n-th ExternalSecret object of a cluster, as the API returns it. */
function esObject(n: number, cluster: string) {
  const i = Math.floor(n / ES_PER_ENTITY);
  const j = n % ES_PER_ENTITY;
  const failing = n % 97 === 0;
  return {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: {
      name: `${svc(i)}-${j}`,
      namespace: 'apps',
      uid: `${cluster}-${n}`,
      resourceVersion: String(1000 + n),
      labels: { 'backstage.io/kubernetes-id': svc(i) },
    },
    spec: {
      refreshInterval: '1h',
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
      target: { name: `${svc(i)}-${j}`, creationPolicy: 'Owner' },
      data: [
        {
          secretKey: 'value',
          remoteRef: { key: keyOf(i, j), property: 'value' },
        },
      ],
    },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: failing ? 'False' : 'True',
          reason: failing ? 'SecretSyncedError' : 'SecretSynced',
          message: failing
            ? 'could not get secret data from provider'
            : 'secret synced',
          lastTransitionTime: '2026-11-30T10:00:00Z',
        },
      ],
      refreshTime: '2026-12-01T10:00:00Z',
      syncedResourceVersion: '1-abc',
    },
  };
}

/** A Vault key name: the referenced keys first, then keys nobody reads. */
function vaultKey(n: number): string {
  const referenced = ENTITIES * ES_PER_ENTITY;
  if (n < referenced)
    return keyOf(Math.floor(n / ES_PER_ENTITY), n % ES_PER_ENTITY);
  return `legacy/unused-${n}`;
}

export type Calls = Record<string, number>;

/** In the child process: serves the upstreams, reports its port, answers call counts. */
export async function serveUpstreams() {
  const calls: Calls = {};
  const count = (k: string) => {
    calls[k] = (calls[k] ?? 0) + 1;
  };
  const clusterEs = ENTITIES * ES_PER_ENTITY;
  const json = (res: http.ServerResponse, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };
  const server = http.createServer((req, res) =>
    setTimeout(() => {
      const url = new URL(req.url!, 'http://x');
      const p = url.pathname;
      let m = p.match(/^\/k8s\/([^/]+)(\/.*)$/);
      if (m) {
        const [, cluster, rest] = m;
        if (rest.endsWith('/externalsecrets')) {
          count('k8s ExternalSecret pages');
          const start = Number(url.searchParams.get('continue') ?? 0);
          const limit = Number(url.searchParams.get('limit') ?? PAGE);
          const end = Math.min(clusterEs, start + limit);
          const items = [];
          for (let n = start; n < end; n++) items.push(esObject(n, cluster));
          json(res, {
            kind: 'ExternalSecretList',
            apiVersion: 'external-secrets.io/v1',
            metadata: {
              resourceVersion: '5000',
              ...(end < clusterEs ? { continue: String(end) } : {}),
            },
            items,
          });
          return;
        }
        count('k8s other lists');
        json(res, {
          kind: 'List',
          metadata: { resourceVersion: '5000' },
          items: [],
        });
        return;
      }
      m = p.match(/^\/vault\/([^/]+)\/v1\/(.*)$/);
      if (m) {
        const rest = m[2];
        if (rest === 'sys/health') {
          count('vault health');
          json(res, { initialized: true, sealed: false, standby: false });
          return;
        }
        if (rest === 'secret/metadata/' && url.searchParams.get('list')) {
          count('vault LIST');
          const keys = [];
          const referenced = Math.min(VAULT_KEYS, ENTITIES * ES_PER_ENTITY);
          for (let n = 0; n < referenced; n++) keys.push(vaultKey(n));
          if (VAULT_KEYS > referenced) keys.push('legacy/');
          json(res, { data: { keys } });
          return;
        }
        if (
          rest === 'secret/metadata/legacy/' &&
          url.searchParams.get('list')
        ) {
          count('vault LIST');
          const keys = [];
          for (let n = ENTITIES * ES_PER_ENTITY; n < VAULT_KEYS; n++)
            keys.push(`unused-${n}`);
          json(res, { data: { keys } });
          return;
        }
        if (rest.startsWith('secret/metadata/')) {
          count('vault metadata');
          json(res, {
            data: {
              created_time: '2026-01-01T10:00:00Z',
              updated_time: '2026-10-01T10:00:00Z',
              current_version: 3,
              versions: { '3': { deletion_time: '', destroyed: false } },
            },
          });
          return;
        }
        if (rest.startsWith('secret/subkeys/')) {
          count('vault subkeys');
          json(res, {
            data: { subkeys: { value: null }, metadata: { version: 3 } },
          });
          return;
        }
      }
      res.writeHead(404).end();
    }, LATENCY_MS),
  );
  server.keepAliveTimeout = 60_000;
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  process.on('message', (m: string) => {
    if (m === 'calls') process.send!({ calls });
    if (m === 'reset') for (const k of Object.keys(calls)) delete calls[k];
  });
  process.send!({ port: (server.address() as AddressInfo).port });
}

/** Starts the upstream process; `calls()` reads its counters. */
export async function upstreams() {
  const child = fork(require.resolve('./scale.js'), [
    '--upstream',
    ...process.argv.slice(2),
  ]);
  // the TypeScript transform also talks over this channel: wait for ours
  const next = (field: string) =>
    new Promise<any>(resolve => {
      const on = (m: any) => {
        if (m && typeof m === 'object' && field in m) {
          child.off('message', on);
          resolve(m);
        }
      };
      child.on('message', on);
    });
  const { port } = await next('port');
  return {
    base: `http://127.0.0.1:${port}`,
    calls: async (): Promise<Calls> => {
      const reply = next('calls');
      child.send('calls');
      return (await reply).calls;
    },
    reset: () => child.send('reset'),
    close: () => child.kill(),
  };
}
