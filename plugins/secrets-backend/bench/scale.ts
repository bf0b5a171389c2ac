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
 * entity, and the overview; then one cluster and one Vault changed, the
 * index updated incrementally and built from scratch in the same run, and
 * the lag from a sync error in a watched cluster to its entity's answer.
 */
import { parseOverviewQuery } from '@ameideio/plugin-secrets-common';
import { createSecretsCore } from '../src/createSecretsCore';
import { InMemorySnapshotStore } from '../src/database/SnapshotStore';
import type { GitOpsSource } from '../src/sources/GitOpsSource';
import { KubernetesClusterSource } from '../src/sources/kubernetes/KubernetesClusterSource';
import { NodeVaultSource } from '../src/sources/vault/NodeVaultSource';
import {
  CLUSTERS_PER_ENV,
  ENTITIES,
  ENVS,
  ES_PER_ENTITY,
  entities,
  LATENCY_MS,
  PAGE,
  syntheticReport,
  VAULT_KEYS,
} from './scaleModel';
import { measureChanges } from './scaleChanges';
import { serveUpstreams, upstreams } from './scaleUpstreams';

const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MiB`;
const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const median = (a: number[]) =>
  [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

async function main() {
  const up = await upstreams();
  const report = syntheticReport();
  // the model's report stands for the analysis of a repository of this size
  const gitops: GitOpsSource = {
    id: 'gitops',
    read: async () => ({ files: new Map(), revision: 'scale-model' }),
  };
  const analysis = { analyze: () => ({ report, digests: new Map() }) };
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
  const store = new InMemorySnapshotStore();
  const core = createSecretsCore({
    gitops,
    analysis,
    sources: [...clusters, ...vaults],
    store,
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
    core.service.rebuild({ full: true });
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
    ...(await measureChanges({
      core,
      store,
      cluster: clusters.find(c => c.environment === 'production')!,
      vault: vaults.find(v => v.environment === 'production')!,
      entities: ents,
    })),
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
