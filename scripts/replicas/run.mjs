#!/usr/bin/env node
/*
 * Two backend replicas on one real PostgreSQL (part of the test command).
 *
 * Needs a PostgreSQL server: the test command starts one and exports
 * BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING; run by hand with
 *   eval "$(scripts/postgres.sh start)" && ./scripts/yarn.sh test:replicas
 *
 * Shows that:
 *  1. only one replica refreshes per interval: the sources see one refresh's
 *     worth of upstream calls per interval, not two;
 *  2. both replicas serve the same data, whichever of them refreshed;
 *  3. one replica watches the clusters (their API servers hold one set of
 *     watches, not two), and a sync error it sees shows on the other
 *     replica within seconds (the follower's lag is printed);
 *  4. a restart loses nothing: with Vault sealed and the clusters gone, a
 *     restarted replica serves the last good data from the database at once,
 *     marked stale.
 */
import {
  entityPaths,
  liveSourcesConfig,
  startBackend,
} from '../lib/backend.mjs';
import { startDemoUpstreams } from '../reliability/fake-upstreams.mjs';

const log = (...a) => console.log('[replicas]', ...a);
const sleep = ms => new Promise(r => setTimeout(r, ms));
const frequencySeconds = 5;
const token = 'replicas-static-token-0123456789abcdef';
const vaultToken = 'replicas-vault-token';
const clusterToken = 'replicas-cluster-token';

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}

function pgConnection() {
  const key = Object.keys(process.env).find(k =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(k),
  );
  if (!key) {
    throw new Error(
      'no PostgreSQL: set BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING (eval "$(scripts/postgres.sh start)")',
    );
  }
  const url = new URL(process.env[key]);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
  };
}

/**
 * The stable part of an entity answer: its ExternalSecrets with their keys,
 * coverage, live Vault state and cluster status (findings may add source
 * health notes during an outage, so they are left out).
 */
function essence(body) {
  return JSON.stringify(body?.externalSecrets ?? null);
}

function refreshCount(backend) {
  return backend.log().filter(l => /vault:staging (read:|.*sealed)/.test(l))
    .length;
}

async function main() {
  const upstreams = await startDemoUpstreams({ vaultToken, clusterToken });
  const { vault, staging, prod } = upstreams;
  const prefix = `replicas_${process.pid}_`;
  const config = {
    ...liveSourcesConfig({
      vaultAddress: vault.address,
      vaultToken,
      clusterToken,
      clusters: upstreams.clusters,
      frequencySeconds,
    }),
    backend: { database: { client: 'pg', prefix, connection: pgConnection() } },
  };
  const start = (name, port) => startBackend({ name, port, token, config });
  // Replicas roll out one after the other: Backstage's own plugins (catalog,
  // scaffolder) do not run their first migrations concurrently on an empty
  // database.
  let a = start('replica-a', 7201);
  let b;
  try {
    await a.ready();
    b = start('replica-b', 7202);
    await b.ready();
    log('both replicas ready; databases prefixed', prefix);

    // let the first refreshes land, then watch several intervals
    await sleep(3 * frequencySeconds * 1000);
    const vaultBefore = vault.state.requests;
    const refreshesBefore = refreshCount(a) + refreshCount(b);
    const windowSeconds = 8 * frequencySeconds;
    await sleep(windowSeconds * 1000);
    const refreshes = refreshCount(a) + refreshCount(b) - refreshesBefore;
    const intervals = windowSeconds / frequencySeconds;
    check(
      'one refresh per interval across both replicas',
      refreshes >= intervals / 2 && refreshes <= intervals + 2,
      `${refreshes} refreshes in ${intervals} intervals; a refresh per replica would be about ${
        2 * intervals
      }`,
    );
    const byA = refreshCount(a);
    const byB = refreshCount(b);
    log(
      `refreshes so far: replica-a ${byA}, replica-b ${byB}; Vault saw ${
        vault.state.requests - vaultBefore
      } requests in the window`,
    );

    const overview = await a.api('/api/secrets/overview?limit=100');
    const paths = entityPaths(overview.body);
    check(
      'the overview lists the demo entities',
      paths.length >= 10,
      `${paths.length} entities`,
    );

    // both replicas load the latest snapshots on their own schedule; allow one load period
    let same = 0;
    for (let attempt = 0; attempt < 5; attempt++) {
      same = 0;
      for (const p of paths) {
        const [ra, rb] = await Promise.all([a.api(p), b.api(p)]);
        if (
          ra.status === 200 &&
          rb.status === 200 &&
          essence(ra.body) === essence(rb.body)
        )
          same++;
      }
      if (same === paths.length) break;
      await sleep(frequencySeconds * 1000);
    }
    check(
      'both replicas serve the same data',
      same === paths.length && paths.length > 0,
      `${same}/${paths.length} entities identical`,
    );

    // one watcher across replicas; a change it sees reaches the other replica
    check(
      'one replica watches each cluster',
      staging.openWatches() === 4 && prod.openWatches() === 4,
      `open watches: staging ${staging.openWatches()}, prod-eu ${prod.openWatches()} (4 kinds each)`,
    );
    const flippedEs = staging.firstExternalSecret();
    let flippedPath;
    for (const p of paths) {
      if (
        (await a.api(p)).body?.externalSecrets?.some(e => e.name === flippedEs)
      )
        flippedPath = p;
    }
    const stateOn = async r =>
      (await r.api(flippedPath)).body?.externalSecrets?.find(
        e => e.name === flippedEs,
      )?.cells?.staging?.state;
    const changedAt = Date.now();
    staging.setSyncError(flippedEs, true);
    const shownAt = {};
    while (Date.now() - changedAt < 20_000 && Object.keys(shownAt).length < 2) {
      for (const [name, r] of [
        ['a', a],
        ['b', b],
      ]) {
        if (!shownAt[name] && (await stateOn(r)) === 'error')
          shownAt[name] = Date.now() - changedAt;
      }
      await sleep(100);
    }
    const lags = Object.values(shownAt).sort((x, y) => x - y);
    check(
      'a watched sync error shows on both replicas within 5 s',
      lags.length === 2 && lags[1] <= 5000,
      `watching replica after ${lags[0] ?? '-'} ms, the other after ${
        lags[1] ?? '-'
      } ms`,
    );
    staging.setSyncError(flippedEs, false);
    await sleep(3000);

    const before = new Map();
    for (const p of paths) before.set(p, essence((await a.api(p)).body));
    const vaultHealthBefore = (
      await a.api('/api/secrets/sources')
    ).body?.sources?.find(s => s.kind === 'vault');
    check(
      'Vault is healthy before the outage',
      vaultHealthBefore?.status === 'ok',
      vaultHealthBefore?.status,
    );

    // outage, then a restart of replica-a during it
    vault.setSealed(true);
    staging.setDown(true);
    prod.setDown(true);
    await sleep(2 * frequencySeconds * 1000);
    await a.stop();
    log('replica-a stopped during the outage; starting it again');
    a = start('replica-a', 7201);
    await a.ready();
    let kept = 0;
    for (const p of paths) {
      const r = await a.api(p);
      if (r.status === 200 && essence(r.body) === before.get(p)) kept++;
    }
    check(
      'a restarted replica serves the last good data at once',
      kept === paths.length,
      `${kept}/${paths.length} entities unchanged`,
    );
    const sources = (await a.api('/api/secrets/sources')).body?.sources ?? [];
    const v = sources.find(s => s.kind === 'vault');
    check(
      'and marks the sealed Vault stale with its error class',
      v?.status === 'stale' && v?.errorClass === 'sealed',
      `${v?.status} ${v?.errorClass ?? ''}`.trim(),
    );
    const c = sources.filter(s => s.kind === 'cluster');
    check(
      'and the unreachable clusters stale',
      c.length === 2 && c.every(s => s.status === 'stale'),
      c.map(s => `${s.id}=${s.status}`).join(', '),
    );
  } finally {
    await Promise.all([a.stop(), b?.stop()]);
    await upstreams.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch(err => {
  console.error('[replicas] FAILED:', err?.stack ?? err);
  process.exit(1);
});
