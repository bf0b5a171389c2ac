/*
 * Starts the demo backend as its own process, from source, for the
 * process-level checks (reliability run, replicas test). It runs with the
 * Backstage CLI's TypeScript transform but without the CLI's file watcher,
 * so an edit elsewhere in the repository never restarts it mid-run.
 */
import { spawn } from 'node:child_process';
import {
  createWriteStream,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopProcessGroup } from './process.mjs';

const root = new URL('../..', import.meta.url).pathname;
const sleep = ms => new Promise(r => setTimeout(r, ms));

/**
 * @param {{ name: string, port: number, config: object, token: string }} options
 *   `config` is layered over app-config.yaml; `token` is a static external
 *   access token the caller uses for its requests; `nodeArgs` go to the
 *   backend's Node process (for example `--cpu-prof`).
 */
export function startBackend({ name, port, config, token, nodeArgs = [] }) {
  const dir = mkdtempSync(join(tmpdir(), `secrets-${name}-`));
  const configFile = join(dir, 'app-config.override.yaml');
  const baseUrl = `http://127.0.0.1:${port}`;
  writeFileSync(
    configFile,
    JSON.stringify({
      ...config,
      backend: {
        baseUrl,
        listen: { port },
        auth: {
          externalAccess: [
            { type: 'static', options: { token, subject: `${name}-client` } },
          ],
        },
        ...config.backend,
      },
    }),
  );
  const transform = createRequire(import.meta.url).resolve(
    '@backstage/cli-node/config/nodeTransform.cjs',
  );
  const logFile = join(dir, 'backend.log');
  const out = createWriteStream(logFile);
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      '--enable-source-maps',
      '--require',
      transform,
      'src/index',
      '--config',
      '../../app-config.yaml',
      '--config',
      configFile,
    ],
    {
      cwd: join(root, 'packages/backend'),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        ESBK_TSCONFIG_PATH: join(root, 'tsconfig.json'),
      },
    },
  );
  child.stdout.pipe(out);
  child.stderr.pipe(out);

  const api = async path => {
    const res = await fetch(`${baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    });
    return {
      status: res.status,
      body: await res.json().catch(() => undefined),
    };
  };

  return {
    name,
    baseUrl,
    pid: child.pid,
    logFile,
    api,
    /** Lines of the backend's log (colour codes removed). */
    log: () =>
      readFileSync(logFile, 'utf8')
        .replace(/\x1b\[[0-9;]*m/g, '')
        .split('\n'),
    async ready(timeoutMs = 5 * 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (child.exitCode !== null)
          throw new Error(`backend ${name} exited; see ${logFile}`);
        const ok = await fetch(
          `${baseUrl}/.backstage/health/v1/readiness`,
        ).then(
          r => r.ok,
          () => false,
        );
        if (ok) return;
        if (Date.now() > deadline)
          throw new Error(`backend ${name} not ready in time; see ${logFile}`);
        await sleep(1000);
      }
    },
    stop: () => stopProcessGroup(child),
  };
}

/** Resident memory of a process group, in MiB. */
export function groupRssMiB(pgid) {
  let total = 0;
  for (const p of readdirSync('/proc').filter(d => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (group !== pgid) continue;
      const m = /VmRSS:\s+(\d+)/.exec(
        readFileSync(`/proc/${p}/status`, 'utf8'),
      );
      if (m) total += Number(m[1]) / 1024;
    } catch {
      /* process gone */
    }
  }
  return Math.round(total);
}

/** Kubernetes plugin and secrets config that point the backend at the loopback stand-ins. */
export function liveSourcesConfig({
  vaultAddress,
  vaultToken,
  clusters,
  clusterToken,
  frequencySeconds,
}) {
  return {
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: clusters.map(c => ({
            name: c.name,
            url: c.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: clusterToken,
          })),
        },
      ],
    },
    secrets: {
      clusters: clusters.map(c => ({
        name: c.name,
        environment: c.environment,
      })),
      vault: [
        {
          environment: 'staging',
          address: vaultAddress,
          auth: { type: 'token', token: vaultToken },
          timeout: { seconds: 2 },
        },
      ],
      snapshots: { clusters: [], vault: [] },
      // app-config.yaml sets minutes: 5; config objects merge, so zero it
      schedule: {
        frequency: { minutes: 0, seconds: frequencySeconds },
        timeout: { minutes: 0, seconds: 30 },
      },
    },
  };
}

/** The per-entity API paths of the entities an overview answer lists. */
export function entityPaths(overview) {
  return (overview?.entities?.items ?? []).map(e => {
    const [kind, rest] = e.entityRef.split(':');
    const [namespace, name] = rest.split('/');
    return `/api/secrets/entity/${kind}/${namespace}/${name}`;
  });
}
