#!/usr/bin/env node
/*
 * Benchmark through the real backend: the demo backend (auth, permissions,
 * catalog, Kubernetes plugin, this plugin) as its own process on loopback,
 * with a generated catalog of N entities, against simulated clusters and
 * Vaults that answer with the documented response shapes after a latency.
 *
 * Measures, in one run and at 1 and 50 connections:
 *   - the auth-only floor: GET /api/secrets/sources (authenticated, cheap)
 *   - the catalog's by-name read
 *   - GET /api/secrets/entity/...
 *   - GET /api/secrets/overview
 *   - GET /api/secrets/impact (the blast radius of one Vault key)
 *   - the Kubernetes plugin's POST /api/kubernetes/services/:name, reading
 *     ExternalSecrets as custom resources from the same clusters
 * and reports the ratios issue 13 sets as targets.
 *
 * Usage: yarn workspace @ameideio/plugin-secrets-backend bench [options]
 *   --smoke                  1 s per endpoint, 35 entities (the test command)
 *   --seconds N              per endpoint and connection count (default 8)
 *   --entities 35,1000       catalog sizes, one backend each
 *   --connections 1,50       autocannon connections
 *   --latency 20             upstream latency in ms
 *   --as service|user        a static service token (default) or a guest
 *                            user, whose requests also go through the
 *                            permission backend
 *   --compare-catalog-cache  each size twice: catalog read per request
 *                            (secrets.catalogCacheSeconds: 0), then default
 *   --catalog-cache-seconds N, --only floor,catalog,entity,overview,kubernetes,impact
 *   --cpu-prof DIR           CPU profile of the backend process
 *   --out FILE               the results as JSON
 * Exits 1 when any request failed (error, timeout or non-2xx).
 */
import autocannon from 'autocannon';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { liveSourcesConfig, startBackend } from '../lib/backend.mjs';
import { startDemoUpstreams } from '../reliability/fake-upstreams.mjs';

const root = new URL('../../', import.meta.url).pathname;
const log = (...a) => console.error('[bench]', ...a);
const sleep = ms => new Promise(r => setTimeout(r, ms));

function parseArgs(argv) {
  const opts = {
    smoke: false,
    seconds: 8,
    entities: [35, 1000],
    latencyMs: 20,
    connections: [1, 50],
    out: undefined,
    cpuProf: undefined,
    port: 7307,
    variants: [{ label: 'default' }],
    only: undefined,
    as: 'service',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--smoke') opts.smoke = true;
    else if (a === '--seconds') opts.seconds = Number(next());
    else if (a === '--entities') opts.entities = next().split(',').map(Number);
    else if (a === '--latency') opts.latencyMs = Number(next());
    else if (a === '--connections')
      opts.connections = next().split(',').map(Number);
    else if (a === '--out') opts.out = next();
    else if (a === '--cpu-prof') opts.cpuProf = next();
    else if (a === '--port') opts.port = Number(next());
    else if (a === '--only') opts.only = next().split(',');
    else if (a === '--as') opts.as = next();
    else if (a === '--catalog-cache-seconds')
      opts.variants = [
        {
          label: `catalog cache ${argv[i + 1]} s`,
          catalogCacheSeconds: Number(next()),
        },
      ];
    else if (a === '--compare-catalog-cache')
      opts.variants = [
        { label: 'catalog read per request', catalogCacheSeconds: 0 },
        { label: 'catalog read reused (default)' },
      ];
    else throw new Error(`unknown argument ${a}`);
  }
  if (opts.smoke) {
    opts.seconds = 1;
    opts.entities = [35];
  }
  return opts;
}

/** The demo's chart-owning components: name, chart, Kubernetes id. */
function demoCharts() {
  const docs = parseAllDocuments(
    readFileSync(join(root, 'examples/entities.yaml'), 'utf8'),
  ).map(d => d.toJSON());
  return docs
    .filter(d => d?.metadata?.annotations?.['ameide.io/chart'])
    .map(d => ({
      chart: d.metadata.annotations['ameide.io/chart'],
      kubernetesId:
        d.metadata.annotations['backstage.io/kubernetes-id'] ?? d.metadata.name,
    }));
}

/**
 * A catalog of `count` components, each owning one of the demo charts in
 * turn (so every entity has real ExternalSecrets, keys and live status).
 */
function writeCatalog(dir, count) {
  const charts = demoCharts();
  const docs = [];
  for (let i = 0; i < count; i++) {
    const c = charts[i % charts.length];
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `bench-${String(i).padStart(4, '0')}`,
        annotations: {
          'ameide.io/chart': c.chart,
          'backstage.io/kubernetes-id': c.kubernetesId,
        },
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'team-bench' },
    });
  }
  const file = join(dir, `catalog-${count}.yaml`);
  writeFileSync(file, docs.map(d => `---\n${JSON.stringify(d)}\n`).join(''));
  return {
    file,
    first: docs[0].metadata.name,
    kubernetesId: charts[0].kubernetesId,
  };
}

async function waitFor(what, fn, timeoutMs = 5 * 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await fn().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(1000);
  }
}

function measure({ url, method = 'GET', body, token, connections, seconds }) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        method,
        connections,
        duration: seconds,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
  });
}

function row(r) {
  return {
    reqPerSec: Math.round(r.requests.average * 10) / 10,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors + r.timeouts + r.non2xx,
  };
}

async function runScenario(opts, entityCount, variant) {
  const staticToken = 'bench-static-token-0123456789abcdef';
  let token = staticToken;
  const vaultToken = 'bench-vault-token';
  const clusterToken = 'bench-cluster-token';
  const dir = mkdtempSync(join(tmpdir(), 'secrets-bench-'));
  const catalog = writeCatalog(dir, entityCount);
  const upstreams = await startDemoUpstreams({
    vaultToken,
    clusterToken,
    latencyMs: opts.latencyMs,
    emptyListsForOtherResources: true,
  });
  const live = liveSourcesConfig({
    vaultAddress: upstreams.vault.address,
    vaultToken,
    clusterToken,
    clusters: upstreams.clusters,
    frequencySeconds: 300,
  });
  const config = {
    ...live,
    kubernetes: {
      ...live.kubernetes,
      customResources: [
        {
          group: 'external-secrets.io',
          apiVersion: 'v1',
          plural: 'externalsecrets',
        },
      ],
    },
    catalog: {
      rules: [
        { allow: ['Component', 'System', 'API', 'Resource', 'Location'] },
      ],
      locations: [{ type: 'file', target: catalog.file }],
    },
  };
  if (variant.catalogCacheSeconds !== undefined) {
    config.secrets.catalogCacheSeconds = variant.catalogCacheSeconds;
  }
  const backend = startBackend({
    name: `bench-${entityCount}`,
    port: opts.port,
    token: staticToken,
    config,
    nodeArgs: opts.cpuProf
      ? ['--cpu-prof', '--cpu-prof-dir', opts.cpuProf]
      : [],
  });
  const base = backend.baseUrl;
  const last = `bench-${String(entityCount - 1).padStart(4, '0')}`;
  const endpoints = [
    {
      name: 'auth floor: GET /api/secrets/sources',
      key: 'floor',
      path: '/api/secrets/sources',
    },
    {
      name: 'catalog by-name',
      key: 'catalog',
      path: `/api/catalog/entities/by-name/component/default/${catalog.first}`,
    },
    {
      name: 'GET /api/secrets/entity/...',
      key: 'entity',
      path: `/api/secrets/entity/component/default/${catalog.first}`,
    },
    {
      name: 'GET /api/secrets/overview',
      key: 'overview',
      path: '/api/secrets/overview',
    },
    {
      name: 'Kubernetes plugin POST /services/:name',
      key: 'kubernetes',
      path: `/api/kubernetes/services/${catalog.kubernetesId}`,
      method: 'POST',
      body: { entity: { metadata: { name: catalog.first } } },
    },
    {
      name: 'GET /api/secrets/impact?vaultKey=...',
      key: 'impact',
      path: '/api/secrets/impact?vaultKey=payments-stripe-api-key',
    },
  ];
  const results = {};
  let kubernetesProbe;
  try {
    log(
      `${entityCount} entities: starting the backend (log: ${backend.logFile})`,
    );
    await backend.ready();
    await waitFor(
      'the catalog to hold every entity',
      async () =>
        (
          await backend.api(
            `/api/catalog/entities/by-name/component/default/${last}`,
          )
        ).status === 200,
    );
    await waitFor('the first refresh', async () => {
      const r = await backend.api(
        `/api/secrets/entity/component/default/${last}`,
      );
      return r.status === 200 && (r.body?.externalSecrets?.length ?? 0) > 0;
    });
    // a signed-in user (the guest provider) goes through the permission
    // backend on every request; a service token (`--as service`) does not
    if (opts.as === 'user') {
      const res = await fetch(`${base}/api/auth/guest/refresh`, {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      const body = await res.json();
      token = body?.backstageIdentity?.token;
      if (!token) throw new Error(`guest sign-in failed: ${res.status}`);
    }
    // the Kubernetes plugin needs the entity in its request body
    const entity = (
      await backend.api(
        `/api/catalog/entities/by-name/component/default/${catalog.first}`,
      )
    ).body;
    endpoints[4].body = { entity };
    // what one Kubernetes plugin request costs upstream and returns
    const before =
      upstreams.staging.state.requests + upstreams.prod.state.requests;
    const k8s = await fetch(`${base}${endpoints[4].path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ entity }),
    }).then(r => r.json());
    kubernetesProbe = {
      upstreamCallsPerRequest:
        upstreams.staging.state.requests +
        upstreams.prod.state.requests -
        before,
      externalSecrets: (k8s.items ?? []).reduce(
        (n, c) =>
          n +
          (c.resources ?? [])
            .filter(r => r.type === 'customresources')
            .reduce((m, r) => m + (r.resources?.length ?? 0), 0),
        0,
      ),
      clusterErrors: (k8s.items ?? []).reduce(
        (n, c) => n + (c.errors?.length ?? 0),
        0,
      ),
    };
    log(`Kubernetes plugin probe: ${JSON.stringify(kubernetesProbe)}`);
    for (const connections of opts.connections) {
      for (const e of endpoints) {
        if (opts.only && !opts.only.includes(e.key)) continue;
        const r = await measure({
          url: `${base}${e.path}`,
          method: e.method,
          body: e.body,
          token,
          connections,
          seconds: opts.seconds,
        });
        results[`${e.key}@${connections}`] = {
          endpoint: e.name,
          connections,
          ...row(r),
        };
        log(
          `${entityCount} entities, ${connections} conn, ${e.name}: ${
            row(r).reqPerSec
          } req/s, p50 ${r.latency.p50} ms`,
        );
      }
    }
  } finally {
    await backend.stop();
    await upstreams.close();
  }
  const at = (k, c) => results[`${k}@${c}`];
  const hi = Math.max(...opts.connections);
  const lo = Math.min(...opts.connections);
  const ratio = (a, b) => (a && b ? Math.round((a.v / b.v) * 100) / 100 : null);
  const v = (r, f) => (r ? { v: f(r) } : undefined);
  const ratios = {
    entityThroughputPerAuthFloor: ratio(
      v(at('entity', hi), r => r.reqPerSec),
      v(at('floor', hi), r => r.reqPerSec),
    ),
    // p50 is whole milliseconds: an entity p50 under 1 ms counts as 1 ms
    kubernetesP50PerEntityP50: ratio(
      v(at('kubernetes', hi), r => r.p50Ms),
      v(at('entity', hi), r => Math.max(r.p50Ms, 1)),
    ),
    overviewP50AtOneConnectionMs: at('overview', lo)?.p50Ms ?? null,
    impactP50AtOneConnectionMs: at('impact', lo)?.p50Ms ?? null,
    errors: Object.values(results).reduce((n, r) => n + r.errors, 0),
  };
  return {
    entities: entityCount,
    caller: opts.as,
    variant: variant.label,
    kubernetesProbe,
    results,
    ratios,
  };
}

function printTable(scenarios) {
  for (const s of scenarios) {
    console.log(
      `\n${s.entities} entities${
        s.variant === 'default' ? '' : `, ${s.variant}`
      }`,
    );
    console.log(
      `${'endpoint'.padEnd(42)} ${'conn'.padStart(4)} ${'req/s'.padStart(
        9,
      )} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(
        6,
      )}`,
    );
    for (const r of Object.values(s.results)) {
      console.log(
        `${r.endpoint.padEnd(42)} ${String(r.connections).padStart(4)} ${String(
          r.reqPerSec,
        ).padStart(9)} ${String(r.p50Ms).padStart(7)} ${String(
          r.p99Ms,
        ).padStart(7)} ${String(r.errors).padStart(6)}`,
      );
    }
    const q = s.ratios;
    console.log(
      `entity req/s ÷ auth floor req/s: ${q.entityThroughputPerAuthFloor} (target ≥ 0.5)`,
    );
    console.log(
      `Kubernetes plugin p50 ÷ entity p50: ${q.kubernetesP50PerEntityP50} (target ≥ 10)`,
    );
    console.log(
      `overview p50 at one connection: ${q.overviewP50AtOneConnectionMs} ms (target < 100 ms at 1,000 entities)`,
    );
    console.log(
      `impact p50 at one connection: ${q.impactP50AtOneConnectionMs} ms (target < 50 ms at 1,000 entities)`,
    );
    console.log(`errors: ${q.errors} (target 0)`);
    if (s.kubernetesProbe) {
      const k = s.kubernetesProbe;
      console.log(
        `one Kubernetes plugin request: ${k.upstreamCallsPerRequest} upstream calls, ${k.externalSecrets} ExternalSecrets returned, ${k.clusterErrors} cluster errors`,
      );
    }
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const scenarios = [];
  for (const n of opts.entities) {
    for (const v of opts.variants) {
      scenarios.push(await runScenario(opts, n, v));
    }
  }
  printTable(scenarios);
  const report = {
    caller: opts.as,
    latencyMs: opts.latencyMs,
    secondsPerEndpoint: opts.seconds,
    connections: opts.connections,
    scenarios,
  };
  if (opts.out) writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);
  const errors = scenarios.reduce((n, s) => n + s.ratios.errors, 0);
  return errors ? 1 : 0;
}

main().then(
  code => process.exit(code),
  e => {
    console.error(e);
    process.exit(2);
  },
);
