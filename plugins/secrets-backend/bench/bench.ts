/*
 * Per-entity API latency of the secrets backend against a baseline that
 * fetches the clusters and Vault on every request (as a per-request Vault
 * plugin does). Not a jest test: `yarn bench` in this package.
 *
 * Simulated upstreams: 3 clusters (staging, prod-eu, prod-us) and 2 Vaults
 * (staging, production) on one local HTTP server with fixed latencies.
 * Catalog: 1,000 entities, each owning 2 ExternalSecrets with 2 keys.
 */
import type {
  ExternalSecretDecl,
  ReleaseInfo,
  SecretsReport,
} from '@ameideio/plugin-secrets-common';
import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import autocannon from 'autocannon';
import express from 'express';
import { fork } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { InMemorySnapshotStore } from '../src/database/SnapshotStore';
import { createRouter } from '../src/service/router';
import { createSecretsCore } from '../src/createSecretsCore';
import type { GitOpsSource } from '../src/sources/GitOpsSource';
import { KubernetesClusterSource } from '../src/sources/kubernetes/KubernetesClusterSource';
import { NodeVaultSource } from '../src/sources/vault/NodeVaultSource';

const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 1000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const K8S_LATENCY_MS = 40;
const VAULT_LATENCY_MS = 15;

const CLUSTERS = [
  { name: 'staging', environment: 'staging' },
  { name: 'prod-eu', environment: 'production' },
  { name: 'prod-us', environment: 'production' },
];
const VAULTS = ['staging', 'production'];
const ENVS = ['dev', 'staging', 'production'];

const svc = (i: number) => `svc-${String(i).padStart(4, '0')}`;
const keysOf = (i: number) => [`${svc(i)}-db-password`, `${svc(i)}-api-key`];

function syntheticReport(): SecretsReport {
  const releases: ReleaseInfo[] = [];
  const externalSecrets: ExternalSecretDecl[] = [];
  for (let i = 0; i < ENTITIES; i++) {
    const chart = `sources/charts/apps/${svc(i)}`;
    releases.push({
      name: `apps-${svc(i)}`,
      chart,
      kind: 'helm',
      layer: 'service',
      namespace: 'apps',
      environments: ENVS,
      valueFiles: {},
    });
    for (const env of ENVS) {
      keysOf(i).forEach((key, j) => {
        externalSecrets.push({
          kind: 'ExternalSecret',
          apiVersion: 'external-secrets.io/v1',
          name: `${svc(i)}-${j}`,
          namespace: 'apps',
          storeRef: { kind: 'ClusterSecretStore', name: 'vault' },
          targetSecret: `${svc(i)}-${j}`,
          refreshInterval: '1h',
          keys: [{ key, property: 'value', via: 'data', origin: 'external' }],
          release: `apps-${svc(i)}`,
          chart,
          environment: env,
          origin: 'external',
          sourceRef: {
            file: `${chart}/templates/externalsecret.yaml`,
            line: 1,
          },
        });
      });
    }
  }
  return {
    generatedAt: new Date().toISOString(),
    environments: ENVS,
    releases,
    externalSecrets,
    coverage: [],
    findings: [],
    fixtureMap: { present: false, files: [] },
    stats: { files: 0, charts: ENTITIES, durationMs: 0 },
  };
}

function entities(): Entity[] {
  return Array.from({ length: ENTITIES }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: svc(i),
      namespace: 'default',
      annotations: {
        'ameide.io/chart': `sources/charts/apps/${svc(i)}`,
        'backstage.io/kubernetes-id': svc(i),
      },
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  }));
}

/** One HTTP server simulating every cluster API server and Vault, with latency and call counters. */
async function upstreams() {
  const calls = { k8s: 0, vault: 0 };
  const esItems = (cluster: string, selector?: string) => {
    const out = [];
    for (let i = 0; i < ENTITIES; i++) {
      if (selector && selector !== `backstage.io/kubernetes-id=${svc(i)}`)
        continue;
      for (let j = 0; j < 2; j++) {
        out.push({
          metadata: {
            name: `${svc(i)}-${j}`,
            namespace: 'apps',
            labels: { 'backstage.io/kubernetes-id': svc(i) },
          },
          spec: {
            refreshInterval: '1h',
            secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
            target: { name: `${svc(i)}-${j}` },
          },
          status: {
            conditions: [
              {
                type: 'Ready',
                status:
                  i % 50 === 0 && cluster === 'prod-us' ? 'False' : 'True',
                reason: 'SecretSynced',
              },
            ],
            refreshTime: '2026-11-25T03:00:00Z',
            syncedResourceVersion: '1-a',
          },
        });
      }
    }
    return out;
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const parts = url.pathname.split('/').filter(Boolean);
    const send = (code: number, body: unknown, latency: number) =>
      setTimeout(() => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      }, latency);
    if (parts[0] === 'k8s') {
      calls.k8s++;
      const cluster = parts[1];
      const path = `/${parts.slice(2).join('/')}`;
      if (path.endsWith('/externalsecrets')) {
        const all = esItems(
          cluster,
          url.searchParams.get('labelSelector') ?? undefined,
        );
        const limit = Number(url.searchParams.get('limit') ?? all.length);
        const from = Number(url.searchParams.get('continue') ?? 0);
        const next =
          from + limit < all.length ? String(from + limit) : undefined;
        return send(
          200,
          {
            kind: 'ExternalSecretList',
            metadata: next ? { continue: next } : {},
            items: all.slice(from, from + limit),
          },
          K8S_LATENCY_MS,
        );
      }
      return send(
        200,
        { kind: 'List', metadata: {}, items: [] },
        K8S_LATENCY_MS,
      );
    }
    if (parts[0] === 'vault') {
      calls.vault++;
      const path = parts.slice(3).join('/'); // vault/<env>/v1/...
      if (path === 'sys/health')
        return send(
          200,
          { initialized: true, sealed: false, standby: false },
          VAULT_LATENCY_MS,
        );
      if (path === 'secret/metadata' && url.searchParams.has('list')) {
        return send(
          200,
          {
            data: {
              keys: Array.from({ length: ENTITIES }, (_, i) =>
                keysOf(i),
              ).flat(),
            },
          },
          VAULT_LATENCY_MS,
        );
      }
      if (path.startsWith('secret/metadata/')) {
        return send(
          200,
          {
            data: {
              current_version: 1,
              created_time: '2026-11-01T00:00:00Z',
              updated_time: '2026-11-01T00:00:00Z',
              versions: { '1': { deletion_time: '', destroyed: false } },
            },
          },
          VAULT_LATENCY_MS,
        );
      }
      if (path.startsWith('secret/subkeys/'))
        return send(
          200,
          { data: { subkeys: { value: null } } },
          VAULT_LATENCY_MS,
        );
    }
    return send(404, { errors: [] }, 1);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, base, calls };
}

const allow = {
  authorize: async (reqs: unknown[]) =>
    reqs.map(() => ({ result: 'ALLOW' as const })),
  authorizeConditional: async () => [],
};
const httpAuth = {
  credentials: async () => ({
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'user', userEntityRef: 'user:default/bench' },
  }),
  issueUserCookie: async () => ({ expiresAt: new Date() }),
};
const auditor = {
  createEvent: async () => ({ success: async () => {}, fail: async () => {} }),
};
const logger: any = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child: () => logger,
};

async function listen(app: express.Express) {
  const server = http.createServer(app);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  };
}

async function load(url: string, pathOf: (i: number) => string) {
  let i = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        setupRequest: (req: any) => ({ ...req, path: pathOf(i++ % ENTITIES) }),
      },
    ],
  });
  return {
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/**
 * Child process: the simulated upstreams, the plugin (after one refresh) and
 * the baseline, each on its own port. The load generator runs in the parent
 * so it does not share an event loop with the servers it measures.
 */
export async function serve(): Promise<number> {
  const up = await upstreams();
  const byRef = new Map(entities().map(e => [stringifyEntityRef(e), e]));
  const catalog: any = {
    getEntityByRef: async (ref: string) => byRef.get(ref),
  };
  const report = syntheticReport();
  const gitops: GitOpsSource = { id: 'gitops', read: async () => report };

  // ---- the plugin: one refresh, then requests from the index ----
  const { service, refresher } = createSecretsCore({
    gitops,
    logger,
    store: new InMemorySnapshotStore(),
    productionEnvironments: ['production'],
    sources: [
      ...CLUSTERS.map(c =>
        KubernetesClusterSource.create({
          name: c.name,
          environment: c.environment,
          url: `${up.base}/k8s/${c.name}`,
          serviceAccountToken: 't',
        }),
      ),
      ...VAULTS.map(env =>
        NodeVaultSource.create({
          environment: env,
          address: `${up.base}/vault/${env}`,
          auth: { type: 'token', token: 't' },
          concurrency: 16,
        }),
      ),
    ],
  });
  const t0 = Date.now();
  const refresh = await refresher.refresh();
  if (process.env.BENCH_MICRO) {
    const ents = [...byRef.values()];
    for (const round of [1, 2]) {
      const m0 = process.hrtime.bigint();
      let bytes = 0;
      for (const e of ents) bytes += JSON.stringify(service.entity(e)).length;
      const ms = Number(process.hrtime.bigint() - m0) / 1e6;
      process.stderr.write(
        `micro round ${round}: ${(ms / ents.length).toFixed(
          3,
        )} ms per entity, ${Math.round(bytes / ents.length)} bytes\n`,
      );
    }
  }
  const perRefresh = {
    ...up.calls,
    total: up.calls.k8s + up.calls.vault,
    refreshMs: Date.now() - t0,
    failed: refresh.failed,
  };
  up.calls.k8s = 0;
  up.calls.vault = 0;
  const app = express();
  app.use(
    await createRouter({
      service,
      httpAuth: httpAuth as any,
      permissions: allow as any,
      catalog,
      auditor: auditor as any,
      refresh: async () => {},
    }),
  );
  const plugin = await listen(app);

  // ---- baseline: clusters and Vault fetched on every request ----
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const getJson = (url: string) =>
    new Promise<any>((resolve, reject) => {
      http
        .get(url, { agent }, res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () =>
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))),
          );
        })
        .on('error', reject);
    });
  const baselineApp = express();
  baselineApp.get('/entity/:kind/:namespace/:name', async (req, res) => {
    const entity = await catalog.getEntityByRef(
      `component:default/${req.params.name}`,
    );
    const id = entity.metadata.annotations['backstage.io/kubernetes-id'];
    const i = Number(id.slice(4));
    const [clusters, vault] = await Promise.all([
      Promise.all(
        CLUSTERS.map(c =>
          getJson(
            `${up.base}/k8s/${
              c.name
            }/apis/external-secrets.io/v1/externalsecrets?labelSelector=${encodeURIComponent(
              `backstage.io/kubernetes-id=${id}`,
            )}`,
          ),
        ),
      ),
      Promise.all(
        VAULTS.flatMap(env =>
          keysOf(i).map(k =>
            getJson(`${up.base}/vault/${env}/v1/secret/metadata/${k}`),
          ),
        ),
      ),
    ]);
    res.json({
      entityRef: req.params.name,
      clusters: clusters.map(c => c.items.length),
      vault: vault.length,
    });
  });
  const baseline = await listen(baselineApp);
  process.on('message', (m: any) => {
    if (m === 'calls') {
      process.send!({ calls: { ...up.calls } });
      up.calls.k8s = 0;
      up.calls.vault = 0;
    }
  });
  process.send!({
    ready: true,
    plugin: plugin.url,
    baseline: baseline.url,
    perRefresh,
  });
  return new Promise<number>(() => {});
}

export async function main(_argv: string[]): Promise<number> {
  const child = fork(join(__dirname, 'run.js'), ['--serve'], {
    stdio: 'inherit',
  });
  // the TypeScript transform also talks over IPC ({type: 'watch'}): skip those
  const next = () =>
    new Promise<any>(resolve => {
      const on = (m: any) => {
        if (m?.type === 'watch') return;
        child.off('message', on);
        resolve(m);
      };
      child.on('message', on);
    });
  try {
    const ready = await next();
    if (!ready?.ready)
      throw new Error(`bench server did not start: ${JSON.stringify(ready)}`);
    const pluginRun = await load(
      ready.plugin,
      i => `/entity/component/default/${svc(i)}`,
    );
    child.send('calls');
    const pluginCalls = (await next()).calls;
    const baselineRun = await load(
      ready.baseline,
      i => `/entity/component/default/${svc(i)}`,
    );
    child.send('calls');
    const baselineCallsNow = (await next()).calls;
    const baselineCalls = baselineCallsNow.k8s + baselineCallsNow.vault;
    const perRefresh = ready.perRefresh;
    const perRequestBaseline =
      baselineCalls / Math.max(1, baselineRun.requests);
    // upstream calls in one refresh interval (5 min) at the plugin's measured throughput
    const window = 300;
    const baselineWindowCalls = Math.round(
      perRequestBaseline * pluginRun.rps * window,
    );
    const out = {
      setup: {
        entities: ENTITIES,
        clusters: CLUSTERS.length,
        vaults: VAULTS.length,
        connections: CONNECTIONS,
        seconds: DURATION,
        k8sLatencyMs: K8S_LATENCY_MS,
        vaultLatencyMs: VAULT_LATENCY_MS,
      },
      plugin: {
        ...pluginRun,
        upstreamCallsDuringLoad: pluginCalls.k8s + pluginCalls.vault,
        upstreamCallsPerRefresh: perRefresh,
      },
      baseline: {
        ...baselineRun,
        upstreamCallsPerRequest: Number(perRequestBaseline.toFixed(2)),
      },
      ratios: {
        p50LatencyBaselineOverPlugin: Number(
          (baselineRun.p50 / Math.max(pluginRun.p50, 1)).toFixed(1),
        ),
        p99LatencyBaselineOverPlugin: Number(
          (baselineRun.p99 / Math.max(pluginRun.p99, 1)).toFixed(1),
        ),
        upstreamCallsPer5MinBaselineOverPlugin: Number(
          (baselineWindowCalls / Math.max(1, perRefresh.total)).toFixed(1),
        ),
      },
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    const goal =
      pluginRun.p99 <= 20 &&
      out.ratios.p99LatencyBaselineOverPlugin >= 10 &&
      out.ratios.upstreamCallsPer5MinBaselineOverPlugin >= 20 &&
      pluginRun.errors === 0;
    process.stdout.write(
      `goal (p99 <= 20 ms, >= 10x lower p99, >= 20x fewer upstream calls, 0 errors): ${
        goal ? 'met' : 'NOT met'
      }\n`,
    );
    return goal ? 0 : 1;
  } finally {
    child.kill();
  }
}
