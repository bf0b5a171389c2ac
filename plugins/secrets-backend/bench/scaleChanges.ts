/*
 * The scale benchmark's changes of one source, measured in the same run:
 * the serving index brought up to date after one cluster or one Vault
 * snapshot changed (incremental) against a build from scratch (full), the
 * overview answered right after, and the lag from a sync error appearing in
 * a watched cluster to the Secrets tab's answer showing it.
 */
import { parseOverviewQuery } from '@ameideio/plugin-secrets-common';
import type { Entity } from '@backstage/catalog-model';
import type { SecretsCore } from '../src/createSecretsCore';
import type { SnapshotStore } from '../src/database/SnapshotStore';
import { LiveWatcher } from '../src/scheduler/LiveWatcher';
import type {
  ClusterSnapshot,
  ClusterSource,
  LiveSource,
  VaultSnapshot,
} from '../src/sources/types';
import { keyOf, svc } from './scaleModel';

const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
const median = (a: number[]) => sorted(a)[Math.floor(a.length / 2)];
const f0 = (n: number) => n.toFixed(0);

async function current<T>(store: SnapshotStore, id: string): Promise<T> {
  const row = (await store.loadAll()).find(r => r.sourceId === id);
  if (!row?.data) throw new Error(`no data for ${id}`);
  return row.data as T;
}

/** The cluster snapshot with one ExternalSecret of `entity` failing (a new token each time). */
function withSyncError(c: ClusterSnapshot, entity: number, token: string) {
  const name = `${svc(entity)}-0`;
  return {
    ...c,
    fetchedAt: new Date().toISOString(),
    externalSecrets: c.externalSecrets.map(es =>
      es.name === name
        ? {
            ...es,
            ready: 'False' as const,
            reason: 'SecretSyncedError',
            lastWarning: {
              reason: 'UpdateFailed',
              message: `permission denied (${token})`,
            },
          }
        : es,
    ),
  };
}

/** The Vault snapshot with one key of `entity` written again. */
function withNewVersion(v: VaultSnapshot, entity: number): VaultSnapshot {
  const key = keyOf(entity, 0);
  const meta = v.keys[key];
  return {
    ...v,
    fetchedAt: new Date().toISOString(),
    keys: {
      ...v.keys,
      [key]: {
        ...meta,
        currentVersion: (meta?.currentVersion ?? 0) + 1,
        updatedTime: new Date().toISOString(),
      },
    },
  };
}

interface Setup {
  core: SecretsCore;
  store: SnapshotStore;
  cluster: LiveSource;
  vault: LiveSource;
  entities: Entity[];
}

/** One change of a source, then the index brought up to date both ways. */
async function changeTimings(
  s: Setup,
  change: (i: number) => Promise<void>,
  rounds: number,
) {
  const query = parseOverviewQuery({ limit: '50' });
  const out = { inc: [] as number[], full: [] as number[] };
  const overview = { inc: [] as number[], full: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    for (const mode of ['inc', 'full'] as const) {
      await change(2 * i + (mode === 'inc' ? 0 : 1));
      // the overview answered once before, so its cached answers are warm
      s.core.service.overview(s.entities, query);
      let t = process.hrtime.bigint();
      s.core.service.rebuild({ full: mode === 'full' });
      out[mode].push(ms(t));
      t = process.hrtime.bigint();
      s.core.service.overview(s.entities, query);
      overview[mode].push(ms(t));
    }
  }
  return { out, overview };
}

function line(
  what: string,
  { out, overview }: Awaited<ReturnType<typeof changeTimings>>,
) {
  const inc = median(out.inc);
  const full = median(out.full);
  return `${what}: index update median ${f0(inc)} ms (max ${f0(
    Math.max(...out.inc),
  )}) incremental vs ${f0(full)} ms (max ${f0(Math.max(...out.full))}) full, ${(
    full / inc
  ).toFixed(1)}x; overview right after ${f0(median(overview.inc))} ms vs ${f0(
    median(overview.full),
  )} ms`;
}

/** Lag from a watched cluster reporting a sync error to the entity's answer showing it. */
async function syncErrorLag(s: Setup, full: boolean, rounds: number) {
  const service = s.core.service;
  const rebuild = service.rebuild.bind(service);
  service.rebuild = () => rebuild({ full });
  let emit: ((d: ClusterSnapshot) => void) | undefined;
  const watched: ClusterSource = {
    id: s.cluster.id,
    kind: 'cluster',
    environment: s.cluster.environment,
    origin: s.cluster.origin,
    read: () => Promise.reject(new Error('not read in this run')),
    watch: ({ signal, onSnapshot }) => {
      emit = onSnapshot;
      return new Promise(done => signal.addEventListener('abort', done));
    },
  } as ClusterSource;
  const logger: any = {
    info: () => undefined,
    warn: () => undefined,
    child: () => logger,
  };
  const stop = new AbortController();
  const running = new LiveWatcher(s.core.refresher, [watched], logger).run(
    stop.signal,
  );
  const lags: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const entity = 100 + i;
    const token = `${full ? 'full' : 'inc'}-${i}`;
    const base = await current<ClusterSnapshot>(s.store, s.cluster.id);
    const snapshot = withSyncError(base, entity, token);
    const t = process.hrtime.bigint();
    emit!(snapshot);
    while (!service.entityJson(s.entities[entity]).includes(token))
      await new Promise(r => setTimeout(r, 5));
    lags.push(ms(t));
  }
  stop.abort();
  await running;
  service.rebuild = rebuild;
  return lags;
}

export async function measureChanges(s: Setup): Promise<string[]> {
  const rounds = 5;
  const cluster = await changeTimings(
    s,
    async i => {
      const c = await current<ClusterSnapshot>(s.store, s.cluster.id);
      await s.core.refresher.applySnapshot(
        s.cluster,
        withSyncError(c, 10 + i, `round-${i}`),
      );
    },
    rounds,
  );
  const vault = await changeTimings(
    s,
    async i => {
      const v = await current<VaultSnapshot>(s.store, s.vault.id);
      await s.core.refresher.applySnapshot(s.vault, withNewVersion(v, 10 + i));
    },
    rounds,
  );
  s.core.service.rebuild({ full: true });
  const inc = await syncErrorLag(s, false, 8);
  const full = await syncErrorLag(s, true, 4);
  const lag = (a: number[]) =>
    `p50 ${f0(median(a))} ms, max ${f0(Math.max(...a))} ms`;
  return [
    line('one cluster changed (a sync error)', cluster),
    line('one Vault changed (a key written)', vault),
    `sync error in a watched cluster to the entity answer: incremental ${lag(
      inc,
    )} (${inc.length} events); full ${lag(full)} (${full.length} events)`,
  ];
}
