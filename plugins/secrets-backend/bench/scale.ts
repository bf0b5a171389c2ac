/*
 * The backend's refresh at platform scale, simulated (not a jest test):
 *
 *   yarn workspace @ameideio/plugin-secrets-backend bench:scale [--scale 1]
 *
 * Default size: 50 clusters x 20,000 ExternalSecrets (10 clusters in each
 * of 5 environments), 5 Vaults x 50,000 keys, 5,000 catalog entities with
 * 4 ExternalSecrets each per environment. `--scale 0.1` divides every count
 * by ten for a quick run.
 *
 * The clusters and Vaults are one loopback server in a child process (so it
 * does not share the plugin's event loop), answering with the documented
 * shapes (paginated ExternalSecret LISTs, KV v2 LIST, metadata and
 * subkeys) after a latency. The run makes three refreshes through the
 * plugin's own refresher and service, and reports per refresh: duration,
 * upstream calls by kind (as a function of the referenced keys), peak RSS
 * and heap; then the serving index build time, the entity answers of every
 * entity, and the overview.
 */
import type {
  ExternalSecretDecl,
  ReleaseInfo,
  SecretsReport,
} from '@ameideio/plugin-secrets-common';
import { parseOverviewQuery } from '@ameideio/plugin-secrets-common';
import type { Entity } from '@backstage/catalog-model';
import { fork } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSecretsCore } from '../src/createSecretsCore';
import { InMemorySnapshotStore } from '../src/database/SnapshotStore';
import type { GitOpsSource } from '../src/sources/GitOpsSource';
import { KubernetesClusterSource } from '../src/sources/kubernetes/KubernetesClusterSource';
import { NodeVaultSource } from '../src/sources/vault/NodeVaultSource';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const SCALE = arg('scale', 1);
const ENVS = ['dev', 'qa', 'staging', 'preprod', 'production'];
const CLUSTERS_PER_ENV = Math.max(1, Math.round(10 * Math.min(1, SCALE * 2)));
const ENTITIES = Math.round(5000 * SCALE);
const ES_PER_ENTITY = 4;
const VAULT_KEYS = Math.round(50_000 * SCALE);
const LATENCY_MS = arg('latency', 20);
const PAGE = 500;

const svc = (i: number) => `svc-${String(i).padStart(5, '0')}`;
const keyOf = (i: number, j: number) => `${svc(i)}-key-${j}`;

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
      for (let j = 0; j < ES_PER_ENTITY; j++) {
        externalSecrets.push({
          kind: 'ExternalSecret',
          apiVersion: 'external-secrets.io/v1',
          name: `${svc(i)}-${j}`,
          namespace: 'apps',
          storeRef: { kind: 'ClusterSecretStore', name: 'vault' },
          targetSecret: `${svc(i)}-${j}`,
          refreshInterval: '1h',
          keys: [
            {
              key: keyOf(i, j),
              property: 'value',
              via: 'data',
              origin: 'external',
            },
          ],
          release: `apps-${svc(i)}`,
          chart,
          environment: env,
          origin: 'external',
          sourceRef: { file: `${chart}/templates/externalsecret.yaml` },
        });
      }
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

type Calls = Record<string, number>;

/** In the child process: serves the upstreams, reports its port, answers call counts. */
async function serveUpstreams() {
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
async function upstreams() {
  const child = fork(__filename.replace(/\.ts$/, '.js'), [
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

const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MiB`;
const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const median = (a: number[]) =>
  [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

async function main() {
  const up = await upstreams();
  const report = syntheticReport();
  const gitops: GitOpsSource = { id: 'gitops', read: async () => report };
  const clusters = ENVS.flatMap(env =>
    Array.from({ length: CLUSTERS_PER_ENV }, (_, c) =>
      KubernetesClusterSource.create({
        name: `${env}-${c}`,
        environment: env,
        url: `${up.base}/k8s/${env}-${c}`,
        serviceAccountToken: 't',
        pageSize: PAGE,
        timeoutMs: 60_000,
      }),
    ),
  );
  const vaults = ENVS.map(env =>
    NodeVaultSource.create({
      environment: env,
      address: `${up.base}/vault/${env}`,
      auth: { type: 'token', token: 't' },
      concurrency: 16,
      maxKeys: VAULT_KEYS + 10,
      timeoutMs: 60_000,
    }),
  );
  const logger: any = {
    info: () => undefined,
    warn: (m: string) => process.stderr.write(`warn: ${m}\n`),
    error: (m: string) => process.stderr.write(`error: ${m}\n`),
    debug: () => undefined,
    child: () => logger,
  };
  const core = createSecretsCore({
    gitops,
    sources: [...clusters, ...vaults],
    store: new InMemorySnapshotStore(),
    logger,
    productionEnvironments: ['production'],
  });
  const out: string[] = [
    `simulated: ${clusters.length} clusters x ${
      ENTITIES * ES_PER_ENTITY
    } ExternalSecrets, ${vaults.length} Vaults x ${VAULT_KEYS} keys (${
      ENTITIES * ES_PER_ENTITY
    } referenced), ${ENTITIES} entities; upstream latency ${LATENCY_MS} ms`,
  ];
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  for (const round of [1, 2, 3]) {
    up.reset();
    peak = process.memoryUsage().rss;
    const t = process.hrtime.bigint();
    const summary = await core.refresher.refresh();
    const took = ms(t);
    global.gc?.();
    const after = process.memoryUsage();
    out.push(
      `refresh ${round}: ${(took / 1000).toFixed(1)} s, ${
        summary.failed.length
      } failed, calls ${JSON.stringify(await up.calls())} (total ${
        summary.calls
      }), peak RSS ${mb(peak)}, after: RSS ${mb(after.rss)}, heap ${mb(
        after.heapUsed,
      )}`,
    );
  }
  clearInterval(sampler);
  const builds: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = process.hrtime.bigint();
    core.service.rebuild();
    builds.push(ms(t));
  }
  out.push(`serving index build: median ${median(builds).toFixed(0)} ms`);
  const ents = entities();
  const perEntity: number[] = [];
  for (const e of ents) {
    const t = process.hrtime.bigint();
    core.service.entityJson(e);
    perEntity.push(ms(t));
  }
  const again: number[] = [];
  for (const e of ents.slice(0, 500)) {
    const t = process.hrtime.bigint();
    core.service.entityJson(e);
    again.push(ms(t));
  }
  out.push(
    `entity answers: first per refresh p50 ${median(perEntity).toFixed(
      2,
    )} ms (all ${ENTITIES}: ${perEntity
      .reduce((a, b) => a + b, 0)
      .toFixed(0)} ms); cached p50 ${median(again).toFixed(3)} ms`,
  );
  const overview: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    core.service.overview(ents, parseOverviewQuery({ limit: '50' }));
    overview.push(ms(t));
  }
  out.push(
    `overview of ${ENTITIES} entities: median ${median(overview).toFixed(
      0,
    )} ms`,
  );
  out.push(
    `calls per refresh: clusters ${clusters.length} x (ceil(${
      ENTITIES * ES_PER_ENTITY
    } / ${PAGE}) pages + 3 lists); Vault ${
      vaults.length
    } x (health + LIST pages + referenced keys x (metadata + subkeys only when the version moved))`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
  up.close();
  process.exit(0);
}

(process.argv.includes('--upstream') ? serveUpstreams() : main()).catch(e => {
  process.stderr.write(`bench failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});
