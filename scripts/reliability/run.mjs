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
 * starts the backend against them with the default 5-minute refresh
 * (RELIABILITY_REFRESH_SECONDS), so what follows a change within seconds is
 * the cluster watch and the Vault health probe, and drives the per-entity,
 * overview and sources routes with 200 connections. Meanwhile Vault flips
 * between sealed and unsealed every 40 s (RELIABILITY_FLIP_SECONDS), one
 * ExternalSecret of the first cluster flips in and out of SecretSyncedError
 * with it, and the second cluster drops out for the second half of the
 * run. It reports the status code mix, latency percentiles, the backend's
 * resident memory over time, and how long the health marks and the sync
 * error took to show (p50/max). Exit code 1 on any 5xx, on a change not
 * shown in time, or on memory growth beyond 1.5x.
 */
import autocannon from 'autocannon';
import {
  entityPaths,
  groupRssMiB,
  liveSourcesConfig,
  startBackend,
} from '../lib/backend.mjs';
import { startDemoUpstreams } from './fake-upstreams.mjs';

const seconds = Number(process.env.RELIABILITY_SECONDS ?? 600);
const connections = Number(process.env.RELIABILITY_CONNECTIONS ?? 200);
const port = Number(process.env.RELIABILITY_PORT ?? 7107);
// Vault changes state every flipSeconds; the health marks are read half-way
// through each state, several refresh periods (5 s) after the change.
const flipSeconds = Number(process.env.RELIABILITY_FLIP_SECONDS ?? 40);
const refreshSeconds = Number(process.env.RELIABILITY_REFRESH_SECONDS ?? 300);
const loadToken = 'reliability-run-static-token-0123456789';
const vaultToken = 'reliability-vault-token';
const clusterToken = 'reliability-cluster-token';
const log = (...a) => console.log('[reliability]', ...a);
const sleep = ms => new Promise(r => setTimeout(r, ms));

async function main() {
  const upstreams = await startDemoUpstreams({ vaultToken, clusterToken });
  const { vault, staging: clusterA, prod: clusterB } = upstreams;
  log(
    `fake Vault ${vault.address}, clusters ${clusterA.url} and ${clusterB.url}`,
  );

  const backend = startBackend({
    name: 'reliability',
    port,
    token: loadToken,
    config: liveSourcesConfig({
      vaultAddress: vault.address,
      vaultToken,
      clusterToken,
      clusters: upstreams.clusters,
      frequencySeconds: refreshSeconds,
    }),
  });
  const get = backend.api;

  let failed = false;
  try {
    await backend.ready();
    // wait for a first refresh of every source
    for (let i = 0; i < 60; i++) {
      const s = await get('/api/secrets/sources').catch(() => undefined);
      const sources = s?.body?.sources ?? s?.body ?? [];
      if (
        Array.isArray(sources) &&
        sources.some(x => x.kind === 'vault' && x.status === 'ok')
      )
        break;
      await sleep(1000);
    }
    // and for the catalog to list the demo entities
    let paths = [];
    for (let i = 0; i < 120 && paths.length === 0; i++) {
      paths = entityPaths(
        (await get('/api/secrets/overview?limit=50').catch(() => undefined))
          ?.body,
      );
      if (!paths.length) await sleep(1000);
    }
    if (!paths.length) throw new Error('the overview listed no entity');
    // the entity whose ExternalSecret the run puts into SecretSyncedError
    const flippedEs = clusterA.firstExternalSecret();
    let flippedPath;
    for (const p of paths) {
      const body = (await get(p).catch(() => undefined))?.body;
      if (body?.externalSecrets?.some(e => e.name === flippedEs)) {
        flippedPath = p;
        break;
      }
    }
    if (!flippedPath)
      throw new Error(`no entity shows the ExternalSecret ${flippedEs}`);
    const syncState = async () =>
      (
        await get(flippedPath).catch(() => undefined)
      )?.body?.externalSecrets?.find(e => e.name === flippedEs)?.cells?.staging
        ?.state;
    log(
      `loading ${paths.length} entity routes + overview + sources with ${connections} connections for ${seconds}s; refresh every ${refreshSeconds}s, watch and probe on`,
    );

    const memory = [{ t: 0, rss: groupRssMiB(backend.pid) }];
    const health = [];
    const started = Date.now();
    let sealed = false;
    // After each change, poll the health marks until they show it; the lag
    // is how long the portal said something that was no longer true.
    const marks = async () => {
      const body = (await get('/api/secrets/sources').catch(() => undefined))
        ?.body;
      const sources = Array.isArray(body?.sources) ? body.sources : [];
      return {
        vault: sources.find(x => x.kind === 'vault'),
        prodEu: sources.find(x => x.id?.includes('prod-eu')),
      };
    };
    const degraded = m => m?.status === 'stale' || m?.status === 'error';
    const follow = async (t, sealedNow, deadline) => {
      const changedAt = Date.now();
      for (;;) {
        const m = await marks();
        const vaultOk = sealedNow
          ? degraded(m.vault) && m.vault.errorClass === 'sealed'
          : m.vault?.status === 'ok';
        const clusterOk = clusterB.state.down
          ? degraded(m.prodEu)
          : m.prodEu?.status === 'ok';
        if (vaultOk && clusterOk) {
          health.push({
            t,
            sealed: sealedNow,
            prodEuDown: clusterB.state.down,
            lagSeconds: Math.round((Date.now() - changedAt) / 100) / 10,
            vault: m.vault?.status,
            prodEu: m.prodEu?.status,
          });
          return;
        }
        if (Date.now() > deadline) {
          health.push({
            t,
            sealed: sealedNow,
            prodEuDown: clusterB.state.down,
            lagSeconds: null,
            vault: m.vault?.status,
            prodEu: m.prodEu?.status,
          });
          return;
        }
        await sleep(250);
      }
    };
    const syncLags = [];
    const followSync = async (failing, deadline) => {
      const changedAt = Date.now();
      for (;;) {
        const state = await syncState();
        if (failing ? state === 'error' : state === 'ready') {
          syncLags.push(Math.round((Date.now() - changedAt) / 100) / 10);
          return;
        }
        if (Date.now() > deadline) {
          syncLags.push(null);
          return;
        }
        await sleep(250);
      }
    };
    const flipper = setInterval(() => {
      sealed = !sealed;
      vault.setSealed(sealed);
      clusterA.setSyncError(flippedEs, sealed);
      void followSync(sealed, Date.now() + (flipSeconds - 1) * 1000);
      const t = Math.round((Date.now() - started) / 1000);
      if (t >= seconds / 2 && !clusterB.state.down) {
        clusterB.setDown(true);
        log(`t=${t}s cluster prod-eu dropped out`);
      }
      void follow(t, sealed, Date.now() + (flipSeconds - 1) * 1000);
    }, flipSeconds * 1000);
    const sampler = setInterval(() => {
      memory.push({
        t: Math.round((Date.now() - started) / 1000),
        rss: groupRssMiB(backend.pid),
      });
    }, 10_000);

    const statusCounts = {};
    const result = await autocannon({
      url: backend.baseUrl,
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
    await sleep(flipSeconds * 1000); // let the last change be followed
    memory.push({
      t: Math.round((Date.now() - started) / 1000),
      rss: groupRssMiB(backend.pid),
    });

    const fiveXx = Object.entries(statusCounts)
      .filter(([s]) => Number(s) >= 500)
      .reduce((a, [, n]) => a + n, 0);
    // steady state: compare the last quarter with the second quarter
    const q = Math.max(1, Math.floor(memory.length / 4));
    const avg = a => a.reduce((s, m) => s + m.rss, 0) / Math.max(1, a.length);
    const early = avg(memory.slice(q, 2 * q));
    const late = avg(memory.slice(-q));
    const lags = health
      .map(h => h.lagSeconds)
      .filter(l => l !== null)
      .sort((x, y) => x - y);
    const marksFollow =
      health.length > 0 && health.every(h => h.lagSeconds !== null);
    const shownSync = syncLags.filter(l => l !== null).sort((x, y) => x - y);
    const syncFollows =
      syncLags.length > 0 && shownSync.length === syncLags.length;

    const report = {
      seconds,
      connections,
      requests: result.requests.total,
      throughputPerSec: result.requests.average,
      latencyMs: {
        p50: result.latency.p50,
        p99: result.latency.p99,
        max: result.latency.max,
      },
      statusCounts,
      errors: result.errors,
      timeouts: result.timeouts,
      fiveXx,
      memoryMiB: {
        first: memory[0].rss,
        earlySteady: Math.round(early),
        lateSteady: Math.round(late),
        ratio: +(late / early).toFixed(2),
      },
      healthMarks: {
        changes: health.length,
        followed: lags.length,
        lagSecondsMedian: lags[Math.floor(lags.length / 2)],
        lagSecondsMax: lags[lags.length - 1],
        detail: health,
      },
      syncErrorShown: {
        changes: syncLags.length,
        followed: shownSync.length,
        lagSecondsMedian: shownSync[Math.floor(shownSync.length / 2)],
        lagSecondsMax: shownSync[shownSync.length - 1],
      },
      upstreamRequests: {
        vault: vault.state.requests,
        staging: clusterA.state.requests,
        prodEu: clusterB.state.requests,
      },
    };
    console.log(JSON.stringify(report, null, 2));
    if (fiveXx > 0) {
      failed = true;
      log(`FAILED: ${fiveXx} responses were 5xx`);
    }
    if (!marksFollow) {
      failed = true;
      log(
        `FAILED: the health marks did not follow ${
          health.length - lags.length
        } of ${health.length} changes within ${flipSeconds - 1}s`,
      );
    }
    if (!syncFollows) {
      failed = true;
      log(
        `FAILED: the sync error did not show for ${
          syncLags.length - shownSync.length
        } of ${syncLags.length} changes within ${flipSeconds - 1}s`,
      );
    }
    if (late / early > 1.5) {
      failed = true;
      log('FAILED: memory grew more than 1.5x in steady state');
    }
    if (!failed)
      log(
        'passed: zero 5xx, stale data served with the right health marks, memory flat',
      );
  } finally {
    await backend.stop();
    await upstreams.close();
  }
  process.exit(failed ? 1 : 0);
}

main().catch(err => {
  console.error('[reliability] FAILED:', err?.stack ?? err);
  process.exit(1);
});
