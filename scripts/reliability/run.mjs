#!/usr/bin/env node
/*
 * Reliability run (not a unit test): the real backend under sustained load
 * while its upstreams fail.
 *
 *   ./scripts/yarn.sh reliability            # 10 minutes, 200 connections
 *   RELIABILITY_SECONDS=60 ./scripts/yarn.sh reliability
 *
 * It starts two loopback Kubernetes API servers and one loopback Vault
 * (scripts/reliability/fake-upstreams.mjs, fed with the demo snapshots),
 * starts the backend against them with a 5-second refresh, and drives the
 * per-entity, overview and sources routes with 200 connections. Meanwhile
 * Vault flips between sealed and unsealed every 20 s and the second cluster
 * drops out for the second half of the run. It reports the status code mix,
 * latency percentiles, the backend's resident memory over time, and whether
 * the health marks followed the failures. Exit code 1 on any 5xx, on a
 * health mark that did not follow, or on memory growth beyond 1.5x.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startFakeCluster, startFakeVault } from './fake-upstreams.mjs';

const root = new URL('../..', import.meta.url).pathname;
const seconds = Number(process.env.RELIABILITY_SECONDS ?? 600);
const connections = Number(process.env.RELIABILITY_CONNECTIONS ?? 200);
const port = Number(process.env.RELIABILITY_PORT ?? 7107);
const backendUrl = `http://127.0.0.1:${port}`;
const loadToken = 'reliability-run-static-token-0123456789';
const vaultToken = 'reliability-vault-token';
const clusterToken = 'reliability-cluster-token';
const log = (...a) => console.log('[reliability]', ...a);
const sleep = ms => new Promise(r => setTimeout(r, ms));

function rssMiB(pid) {
  // the backend runs as a child of the CLI: sum the process group
  let total = 0;
  for (const p of readdirSync('/proc').filter(d => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const pgid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgid !== pid) continue;
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) total += Number(m[1]) / 1024;
    } catch {
      /* process gone */
    }
  }
  return Math.round(total);
}

async function get(path) {
  const res = await fetch(`${backendUrl}${path}`, {
    headers: { authorization: `Bearer ${loadToken}` },
    signal: AbortSignal.timeout(5000),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

async function main() {
  const vault = await startFakeVault({
    dumpFile: join(root, 'examples/snapshots/vault-staging.yaml'),
    token: vaultToken,
  });
  const clusterA = await startFakeCluster({
    listFile: join(root, 'examples/snapshots/cluster-staging.yaml'),
    token: clusterToken,
  });
  const clusterB = await startFakeCluster({
    listFile: join(root, 'examples/snapshots/cluster-prod-eu.yaml'),
    token: clusterToken,
  });
  log(`fake Vault ${vault.address}, clusters ${clusterA.url} and ${clusterB.url}`);

  const dir = mkdtempSync(join(tmpdir(), 'secrets-reliability-'));
  const configFile = join(dir, 'app-config.reliability.yaml');
  writeFileSync(
    configFile,
    JSON.stringify({
      backend: {
        baseUrl: backendUrl,
        listen: { port },
        auth: {
          externalAccess: [
            { type: 'static', options: { token: loadToken, subject: 'reliability-run' } },
          ],
        },
      },
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              { name: 'staging', url: clusterA.url, authProvider: 'serviceAccount', serviceAccountToken: clusterToken },
              { name: 'prod-eu', url: clusterB.url, authProvider: 'serviceAccount', serviceAccountToken: clusterToken },
            ],
          },
        ],
      },
      secrets: {
        clusters: [
          { name: 'staging', environment: 'staging' },
          { name: 'prod-eu', environment: 'production' },
        ],
        vault: [
          {
            environment: 'staging',
            address: vault.address,
            auth: { type: 'token', token: vaultToken },
            timeout: { seconds: 2 },
          },
        ],
        snapshots: { clusters: [], vault: [] },
        // app-config.yaml sets minutes: 5; config objects merge, so zero it
        schedule: { frequency: { minutes: 0, seconds: 5 }, timeout: { minutes: 0, seconds: 30 } },
      },
    }),
  );

  const backendLog = join(dir, 'backend.log');
  const out = createWriteStream(backendLog);
  // The backend runs from source with the CLI's transform, but without the
  // CLI's file watcher: a restart mid-run would be counted as an outage.
  const transform = createRequire(import.meta.url).resolve('@backstage/cli-node/config/nodeTransform.cjs');
  const backend = spawn(
    process.execPath,
    ['--enable-source-maps', '--require', transform, 'src/index', '--config', '../../app-config.yaml', '--config', configFile],
    {
      cwd: join(root, 'packages/backend'),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'development', ESBK_TSCONFIG_PATH: join(root, 'tsconfig.json') },
    },
  );
  backend.stdout.pipe(out);
  backend.stderr.pipe(out);
  const stop = () => {
    try {
      process.kill(-backend.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  };
  process.on('exit', stop);

  let failed = false;
  try {
    const deadline = Date.now() + 5 * 60_000;
    for (;;) {
      if (backend.exitCode !== null) throw new Error(`backend exited; see ${backendLog}`);
      const ok = await fetch(`${backendUrl}/.backstage/health/v1/readiness`).then(r => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`backend not ready in 5 min; see ${backendLog}`);
      await sleep(2000);
    }
    // wait for a first refresh of every source
    for (let i = 0; i < 60; i++) {
      const s = await get('/api/secrets/sources').catch(() => undefined);
      const sources = s?.body?.sources ?? s?.body ?? [];
      if (Array.isArray(sources) && sources.some(x => x.kind === 'vault' && x.status === 'ok')) break;
      await sleep(1000);
    }
    const overview = await get('/api/secrets/overview?limit=50');
    const refs = (overview.body?.entities?.items ?? []).map(e => e.entityRef).filter(Boolean);
    const paths = refs.length
      ? refs.map(r => {
          const [kind, rest] = r.split(':');
          const [ns, name] = rest.split('/');
          return `/api/secrets/entity/${kind}/${ns}/${name}`;
        })
      : ['/api/secrets/entity/component/default/orders'];
    log(`loading ${paths.length} entity routes + overview + sources with ${connections} connections for ${seconds}s`);

    const memory = [{ t: 0, rss: rssMiB(backend.pid) }];
    const health = [];
    const started = Date.now();
    let sealed = false;
    const flipper = setInterval(async () => {
      sealed = !sealed;
      vault.setSealed(sealed);
      const t = Math.round((Date.now() - started) / 1000);
      if (t >= seconds / 2 && !clusterB.state.down) {
        clusterB.setDown(true);
        log(`t=${t}s cluster prod-eu dropped out`);
      }
      // after two refresh periods, the marks must show it
      setTimeout(async () => {
        const s = await get('/api/secrets/sources').catch(() => undefined);
        const sources = s?.body?.sources ?? s?.body ?? [];
        const v = Array.isArray(sources) ? sources.find(x => x.kind === 'vault') : undefined;
        const c = Array.isArray(sources) ? sources.find(x => x.id?.includes('prod-eu')) : undefined;
        health.push({ t, sealed, vault: v?.status, vaultClass: v?.errorClass, prodEu: c?.status, prodEuDown: clusterB.state.down });
      }, 12_000);
    }, 20_000);
    const sampler = setInterval(() => {
      memory.push({ t: Math.round((Date.now() - started) / 1000), rss: rssMiB(backend.pid) });
    }, 10_000);

    const statusCounts = {};
    const result = await autocannon({
      url: backendUrl,
      connections,
      duration: seconds,
      headers: { authorization: `Bearer ${loadToken}` },
      requests: [
        {
          setupRequest: (req, ctx) => {
            ctx.i = (ctx.i ?? Math.floor(Math.random() * 1000)) + 1;
            const n = ctx.i % (paths.length + 2);
            let path = paths[n % paths.length];
            if (n === paths.length) path = '/api/secrets/overview?limit=25';
            if (n === paths.length + 1) path = '/api/secrets/sources';
            return { ...req, path };
          },
          onResponse: status => {
            statusCounts[status] = (statusCounts[status] ?? 0) + 1;
          },
        },
      ],
    });
    clearInterval(flipper);
    clearInterval(sampler);
    await sleep(13_000);
    memory.push({ t: Math.round((Date.now() - started) / 1000), rss: rssMiB(backend.pid) });

    const fiveXx = Object.entries(statusCounts)
      .filter(([s]) => Number(s) >= 500)
      .reduce((a, [, n]) => a + n, 0);
    // steady state: compare the last quarter with the second quarter
    const q = Math.max(1, Math.floor(memory.length / 4));
    const avg = a => a.reduce((s, m) => s + m.rss, 0) / Math.max(1, a.length);
    const early = avg(memory.slice(q, 2 * q));
    const late = avg(memory.slice(-q));
    const sealedMarks = health.filter(h => h.sealed);
    const marksFollow =
      sealedMarks.length > 0 &&
      sealedMarks.every(h => h.vault === 'stale' || h.vault === 'error') &&
      health.filter(h => h.prodEuDown).every(h => h.prodEu === 'stale' || h.prodEu === 'error');

    const report = {
      seconds,
      connections,
      requests: result.requests.total,
      throughputPerSec: result.requests.average,
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      statusCounts,
      errors: result.errors,
      timeouts: result.timeouts,
      fiveXx,
      memoryMiB: { first: memory[0].rss, earlySteady: Math.round(early), lateSteady: Math.round(late), ratio: +(late / early).toFixed(2) },
      healthMarks: health,
      upstreamRequests: { vault: vault.state.requests, staging: clusterA.state.requests, prodEu: clusterB.state.requests },
    };
    console.log(JSON.stringify(report, null, 2));
    if (fiveXx > 0) {
      failed = true;
      log(`FAILED: ${fiveXx} responses were 5xx`);
    }
    if (!marksFollow) {
      failed = true;
      log('FAILED: the health marks did not follow the failures');
    }
    if (late / early > 1.5) {
      failed = true;
      log('FAILED: memory grew more than 1.5x in steady state');
    }
    if (!failed) log('passed: zero 5xx, stale data served with the right health marks, memory flat');
  } finally {
    stop();
    await Promise.all([vault.close(), clusterA.close(), clusterB.close()]);
  }
  process.exit(failed ? 1 : 0);
}

main().catch(err => {
  console.error('[reliability] FAILED:', err?.stack ?? err);
  process.exit(1);
});
