import { isDeepStrictEqual } from 'node:util';
import type {
  ExternalSecretDecl,
  LiveExternalSecretStatus,
  SecretsReport,
  Severity,
} from '@ameideio/plugin-secrets-common';
import type { LiveContext, LiveIndexOptions } from '../context';
import { LIVE_DETECTORS, unownedOf } from '../detectors';
import { ANY_NAMESPACE } from '../detectors/unownedExternalSecret';
import {
  esKey,
  indexSnapshots,
  liveStatusesOf,
  vaultStateOf,
  type LiveIndex,
} from '../state';
import type { ClusterSnapshot, VaultSnapshot } from '../types';
import { analyzeLive } from '../analyzeLive';
import {
  combineLive,
  liveClusterPart,
  liveDeclarations,
  liveVaultPart,
  type LiveCombination,
} from '.';

/** The analysis in one pass over the whole context, as it was before the parts. */
function reference(
  report: SecretsReport | undefined,
  clusters: ClusterSnapshot[],
  vaults: VaultSnapshot[],
  options: LiveIndexOptions,
): LiveIndex {
  const index = indexSnapshots(clusters, vaults);
  const decls = (report?.externalSecrets ?? []).filter(
    d => d.kind === 'ExternalSecret',
  );
  const declared = new Set(
    decls.map(d => esKey(d.environment, d.namespace ?? ANY_NAMESPACE, d.name)),
  );
  const base: Omit<LiveContext, 'unowned'> = {
    ...{ report, clusters, decls, declared, index, options },
    severityFor: (env: string): Severity =>
      options.productionEnvironments.includes(env) ? 'error' : 'warning',
  };
  const ctx: LiveContext = { ...base, unowned: unownedOf(base) };
  index.unowned = ctx.unowned.map(u => u.es);
  const seen = new Set<string>();
  const found = [
    ...decls.flatMap(decl =>
      LIVE_DETECTORS.filter(d => d.scope === 'declaration').flatMap(d =>
        d.run({ ...ctx, decls: [decl] }),
      ),
    ),
    ...LIVE_DETECTORS.filter(d => d.scope === 'cluster').flatMap(d =>
      d.run(ctx),
    ),
  ];
  index.findings = found.filter(f =>
    seen.has(f.id) ? false : (seen.add(f.id), true),
  );
  return index;
}

// a small seeded generator (mulberry32) of the cases the parts must keep exact
function rng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  return { next, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof rng>;

const ENVS = ['dev', 'qa', 'production'];
const NAMES = ['api', 'db', 'queue', 'cache', 'mail'];
const SPACES = ['shop', 'ops', 'web'];
const KEYS = ['shop/api', 'shop/db', 'ops/queue', 'web/cache', 'mail'];
const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T00:00:00Z');
const iso = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString();
const OPTIONS: LiveIndexOptions = {
  fixtureEnvironments: ['dev'],
  productionEnvironments: ['production'],
  rotation: { maxAgeDays: { default: 30 } },
  externalSyncWriter: /vault-sync/,
  now: NOW,
};

function randomReport(r: Rng): SecretsReport {
  const externalSecrets: ExternalSecretDecl[] = [];
  for (let i = 0; i < 14; i++) {
    const release = r.pick(['shop', 'ops', 'web']);
    externalSecrets.push({
      kind: r.chance(0.1) ? 'PushSecret' : 'ExternalSecret',
      apiVersion: 'external-secrets.io/v1',
      name: r.pick(NAMES),
      ...(r.chance(0.8) ? { namespace: r.pick(SPACES) } : {}),
      storeRef: { kind: 'ClusterSecretStore', name: 'vault' },
      targetSecret: r.pick(NAMES),
      keys: [0, 1].slice(0, 1 + Math.floor(r.next() * 2)).map(() => ({
        key: r.pick(KEYS),
        property: r.pick(['value', 'password']),
        via: r.pick(['data', 'data', 'dataFrom.extract', 'dataFrom.find']),
        origin: r.pick(['external', 'cluster-managed', 'service-generated']),
      })),
      release,
      chart: `charts/${release}`,
      environment: r.pick(ENVS),
      origin: 'external',
      sourceRef: { file: `charts/${release}/es.yaml` },
    });
  }
  return {
    generatedAt: iso(0),
    environments: ENVS,
    releases: [],
    externalSecrets,
    coverage: KEYS.map(key => ({
      key,
      property: 'value',
      environment: r.pick(ENVS),
      fixture: r.pick(['present', 'missing', 'other-writer'] as const),
      writers: r.chance(0.5) ? ['vault-sync'] : ['seed-job'],
    })),
    readers: [],
    findings: [],
    fixtureMap: { present: true, files: [] },
    stats: { files: 0, charts: 0, durationMs: 0 },
  };
}

function randomStatus(r: Rng, cluster: string): LiveExternalSecretStatus {
  const bad = r.chance(0.3);
  return {
    cluster,
    namespace: r.pick(SPACES),
    name: r.pick(NAMES),
    ready: bad ? r.pick(['False', 'Unknown'] as const) : 'True',
    reason: bad ? 'SecretSyncedError' : 'SecretSynced',
    ...(r.chance(0.3) ? { lastWarning: { message: 'permission denied' } } : {}),
    refreshTime: iso(Math.floor(r.next() * 60)),
    refreshable: r.chance(0.7),
    storeRef: r.chance(0.8)
      ? { kind: 'ClusterSecretStore', name: 'vault' }
      : { kind: 'SecretStore', name: 'local' },
  } as LiveExternalSecretStatus;
}

function randomCluster(r: Rng, n: number): ClusterSnapshot {
  const cluster = `c${n}`;
  const environment = r.chance(0.85) ? ENVS[n % ENVS.length] : undefined;
  return {
    cluster,
    ...(environment ? { environment } : {}),
    fetchedAt: iso(0),
    externalSecrets: Array.from({ length: Math.floor(r.next() * 8) }, () =>
      randomStatus(r, cluster),
    ),
    stores: [
      {
        cluster,
        kind: 'ClusterSecretStore',
        name: 'vault',
        ready: r.chance(0.7) ? 'True' : 'False',
      },
      {
        cluster,
        kind: 'SecretStore',
        namespace: r.pick(SPACES),
        name: 'local',
        ready: 'False',
        reason: 'InvalidProviderConfig',
      },
    ].slice(0, 1 + Math.floor(r.next() * 2)) as ClusterSnapshot['stores'],
    warnings: [],
    calls: 1,
  };
}

function randomVault(r: Rng, environment: string): VaultSnapshot {
  const keys: VaultSnapshot['keys'] = {};
  for (const k of KEYS) {
    if (r.chance(0.25)) continue;
    keys[k] = {
      currentVersion: 1 + Math.floor(r.next() * 3),
      updatedTime: iso(Math.floor(r.next() * 90)),
      ...(r.chance(0.1) ? { deleted: true } : {}),
      properties: r.pick([null, ['value'], ['value'], ['password']]),
      ...(r.chance(0.3) ? { placeholder: { value: r.chance(0.5) } } : {}),
    };
  }
  return {
    environment,
    mount: 'secret',
    fetchedAt: iso(0),
    keys,
    ...(r.chance(0.1) ? { truncated: true } : {}),
    warnings: [],
    calls: 1,
  };
}

const entries = (index: LiveIndex) => ({
  ...index,
  externalSecrets: [...index.externalSecrets],
  clusterEnvironments: [...index.clusterEnvironments],
  stores: [...index.stores],
  vault: [...index.vault],
});

/** What changed between two analyses while the combination says it did not. */
function unchangedButDiffer(
  { changed, declarations, index }: LiveCombination,
  before: LiveIndex,
  after: LiveIndex,
): string[] {
  if (changed.all) return [];
  const out: string[] = [];
  declarations.decls.forEach((d, i) => {
    const state = (x: LiveIndex) => [
      liveStatusesOf(x, d.environment, d),
      d.keys.map(k => vaultStateOf(x, d.environment, k.key, k.property)),
    ];
    if (
      !changed.declarations.has(i) &&
      !isDeepStrictEqual(state(index), state(before))
    )
      out.push(`declaration ${i}`);
  });
  for (const release of ['shop', 'ops', 'web']) {
    const of = (x: LiveIndex) => x.findings.filter(f => f.release === release);
    if (
      !changed.releases.has(release) &&
      !isDeepStrictEqual(of(after), of(before))
    )
      out.push(`release ${release}`);
  }
  return out;
}

describe('the live analysis in parts', () => {
  it('combines to the analysis of the whole context, in its order', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      const report = r.chance(0.9) ? randomReport(r) : undefined;
      const clusters = Array.from(
        { length: Math.floor(r.next() * 5) },
        (_, i) => randomCluster(r, i),
      );
      const vaults = ENVS.filter(() => r.chance(0.7)).map(e =>
        randomVault(r, e),
      );
      expect(
        entries(analyzeLive(report, { clusters, vaults }, OPTIONS)),
      ).toStrictEqual(entries(reference(report, clusters, vaults, OPTIONS)));
    }
  });

  it('after each changed snapshot, combines to the analysis from scratch and names what changed', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = rng(1000 + seed);
      const report = randomReport(r);
      const declarations = liveDeclarations(report, OPTIONS);
      const clusters = [0, 1, 2, 3].map(i => randomCluster(r, i));
      const vaults = ENVS.map(e => randomVault(r, e));
      let parts = clusters.map(c => liveClusterPart(declarations, c));
      let vparts = vaults.map(v => liveVaultPart(declarations, v));
      let combined: LiveCombination = combineLive(declarations, parts, vparts);
      for (let step = 0; step < 12; step++) {
        const before = reference(report, clusters, vaults, OPTIONS);
        if (r.chance(0.6)) {
          const i = Math.floor(r.next() * clusters.length);
          const c = {
            ...clusters[i],
            externalSecrets: [...clusters[i].externalSecrets],
          };
          if (r.chance(0.7) && c.externalSecrets.length) {
            const j = Math.floor(r.next() * c.externalSecrets.length);
            c.externalSecrets[j] = {
              ...c.externalSecrets[j],
              ready: r.pick(['True', 'False']),
            };
          } else if (r.chance(0.5))
            c.externalSecrets.push(randomStatus(r, c.cluster));
          else if (r.chance(0.5)) c.externalSecrets.shift();
          else c.stores = randomCluster(r, i).stores;
          clusters[i] = c;
          const derive = r.chance(0.5);
          parts = parts.map((p, k) =>
            k === i
              ? liveClusterPart(declarations, c, derive ? p : undefined)
              : p,
          );
        } else {
          const i = Math.floor(r.next() * vaults.length);
          vaults[i] = randomVault(r, vaults[i].environment);
          vparts = vparts.map((p, k) =>
            k === i ? liveVaultPart(declarations, vaults[i]) : p,
          );
        }
        combined = combineLive(declarations, parts, vparts, combined);
        const after = reference(report, clusters, vaults, OPTIONS);
        expect(entries(combined.index)).toStrictEqual(entries(after));
        expect(unchangedButDiffer(combined, before, after)).toStrictEqual([]);
      }
    }
  });
});
