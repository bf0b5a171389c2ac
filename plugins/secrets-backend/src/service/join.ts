/*
 * Pure joins: engine report (+ live state) -> HTTP responses. No I/O here.
 */
import type {
  CellState,
  EntityExternalSecret,
  EntitySecretsResponse,
  EntitySecretsSummary,
  Finding,
  KeyCoverageRow,
  SecretsReport,
  Severity,
  SourceHealth,
  StoreDecl,
} from '@ameideio/plugin-secrets-common';
import {
  coveredProperty,
  SECRETS_CHART_ANNOTATION,
} from '@ameideio/plugin-secrets-common';
import {
  entityLinkOf,
  releasesOwnedBy,
  type EntityLink,
} from '@ameideio/plugin-secrets-node';
import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  ExternalSecretDecl,
  KeyCoverage,
  LiveExternalSecretStatus,
  LiveStoreStatus,
} from '@ameideio/plugin-secrets-common';
import { matchesLabelSelector } from '@ameideio/plugin-secrets-node';
import {
  type LiveIndex,
  isSynced,
  liveStatusesOf,
  storeKey,
  vaultStateOf,
} from '@ameideio/plugin-secrets-node';
import { indexReport, type ReportIndex } from './reportIndex';

export { coverageMap, indexReport, type ReportIndex } from './reportIndex';

export interface JoinContext {
  report?: SecretsReport;
  live?: LiveIndex;
  sources: SourceHealth[];
  sourceUrl?: string;
  refreshedAt?: string;
  fixtureEnvironments: string[];
  /** `${key}|${property}|${env}` -> coverage; built once per refresh. */
  coverage?: Map<string, KeyCoverage>;
  /** Lookups by release and chart; built once per refresh. */
  index?: ReportIndex;
}

const KUBERNETES_ID = 'backstage.io/kubernetes-id';
const KUBERNETES_NAMESPACE = 'backstage.io/kubernetes-namespace';
const KUBERNETES_LABEL_SELECTOR = 'backstage.io/kubernetes-label-selector';

/**
 * Whether an ExternalSecret no chart declares belongs to the entity, by the
 * Kubernetes plugin's annotations: the label selector if set, else the
 * `backstage.io/kubernetes-id` label; and the namespace when annotated.
 */
export function ownsUnowned(
  entity: Entity,
  es: LiveExternalSecretStatus,
): boolean {
  const a = entity.metadata.annotations ?? {};
  const namespace = a[KUBERNETES_NAMESPACE];
  if (namespace && es.namespace !== namespace) return false;
  const selector = a[KUBERNETES_LABEL_SELECTOR];
  if (selector) return matchesLabelSelector(es.labels, selector);
  const id = a[KUBERNETES_ID];
  return Boolean(id) && (es.kubernetesId ?? es.labels?.[KUBERNETES_ID]) === id;
}

/** Whether a live store is the one a release renders in that environment. */
export function rendersStore(d: StoreDecl, st: LiveStoreStatus): boolean {
  return (
    d.kind === st.kind &&
    d.name === st.name &&
    d.environment === st.environment &&
    (d.kind === 'ClusterSecretStore' || d.namespace === st.namespace)
  );
}

const emptySeverities = (): Record<Severity, number> => ({
  error: 0,
  warning: 0,
  info: 0,
});

/**
 * The releases of an entity: the engine's join ({@link releasesOwnedBy}),
 * over the entity alone or, when given, every entity (whose claims win as
 * they do in the engine).
 */
export function releasesOf(
  entity: Entity,
  report: SecretsReport | undefined,
  index?: ReportIndex,
  entities?: readonly EntityLink[],
): string[] {
  const own = entityLinkOf(entity);
  if (!own || !report) return [];
  let candidates: ReadonlyArray<{ name: string; chart?: string }>;
  if (own.releases) {
    const named = new Set(own.releases);
    candidates = report.releases.filter(r => named.has(r.name));
  } else if (index) {
    candidates = (index.releasesByChart.get(own.chart) ?? []).map(name => ({
      name,
      chart: own.chart,
    }));
  } else {
    candidates = report.releases;
  }
  return releasesOwnedBy(own, candidates, entities ?? [own]);
}

function link(sourceUrl: string | undefined, file?: string, line?: number) {
  if (!sourceUrl || !file) return undefined;
  return `${sourceUrl}/${file.split('/').map(encodeURIComponent).join('/')}${
    line ? `#L${line}` : ''
  }`;
}

function coveragePercent(
  report: SecretsReport,
  decls: ExternalSecretDecl[],
  fixtureEnvs: string[],
  coverage: Map<string, KeyCoverage> | undefined,
): number | null {
  if (!report.fixtureMap.present) return null;
  const keys = new Set<string>();
  for (const es of decls) {
    if (es.kind === 'PushSecret') continue;
    for (const k of es.keys) {
      if (k.via === 'dataFrom.find' || k.origin === 'cluster-managed') continue;
      keys.add(`${k.key}\u0000${coveredProperty(k)}`);
    }
  }
  let total = 0;
  let covered = 0;
  const count = (c: KeyCoverage | undefined) => {
    if (!c) return;
    total++;
    if (c.fixture === 'present' || c.fixture === 'other-writer') covered++;
  };
  if (coverage) {
    for (const k of keys) {
      const [key, property] = k.split('\u0000');
      for (const env of fixtureEnvs)
        count(coverage.get(`${key}|${property}|${env}`));
    }
  } else {
    for (const c of report.coverage) {
      if (
        fixtureEnvs.includes(c.environment) &&
        keys.has(`${c.key}\u0000${c.property}`)
      )
        count(c);
    }
  }
  return total ? Math.round((covered / total) * 1000) / 10 : null;
}

/** Findings counted by severity, every severity present. */
export function countSeverities(findings: Finding[]) {
  const out = emptySeverities();
  for (const f of findings) out[f.severity]++;
  return out;
}

export function entityResponse(
  entity: Entity,
  ctx: JoinContext,
): EntitySecretsResponse {
  const entityRef = stringifyEntityRef(entity);
  const report = ctx.report;
  const index = ctx.index ?? indexReport(report, ctx.live);
  const releaseNames = releasesOf(entity, report, index);
  const releaseSet = new Set(releaseNames);
  const environments = report?.environments ?? [];
  const rows = new Map<string, EntityExternalSecret>();
  const releases = (report?.releases ?? []).filter(r => releaseSet.has(r.name));
  const stores = new Map<string, LiveStoreStatus>();

  const decls = releaseNames.flatMap(
    r => index.externalSecretsByRelease.get(r) ?? [],
  );
  for (const es of decls) {
    const id = `${es.kind}:${es.namespace ?? ''}:${es.name}`;
    let row = rows.get(id);
    if (!row) {
      row = {
        id,
        name: es.name,
        namespace: es.namespace,
        kind: es.kind,
        release: es.release,
        chart: es.chart,
        storeRef: es.storeRef,
        targetSecret: es.targetSecret,
        refreshInterval: es.refreshInterval,
        origin: es.origin,
        sourceRef: {
          ...es.sourceRef,
          url: link(ctx.sourceUrl, es.sourceRef.file, es.sourceRef.line),
        },
        keys: [],
        cells: {},
      };
      rows.set(id, row);
    }
    const live = ctx.live;
    const statuses =
      live && es.kind === 'ExternalSecret'
        ? liveStatusesOf(live, es.environment, es)
        : [];
    if (statuses.length) {
      const bad = statuses.find(st => !isSynced(st));
      let state: CellState = 'ready';
      if (bad)
        state = statuses.every(st => st.ready === 'Unknown')
          ? 'unknown'
          : 'error';
      row.cells[es.environment] = {
        state,
        ...(bad?.reason ?? statuses[0].reason
          ? { reason: bad?.reason ?? statuses[0].reason }
          : {}),
        ...(bad ? { message: bad.lastWarning?.message ?? bad.message } : {}),
        clusters: statuses,
      };
      for (const st of statuses) {
        const ref = st.storeRef ?? es.storeRef;
        const store = live?.stores.get(
          storeKey(st.cluster, ref.kind, st.namespace, ref.name),
        );
        if (store)
          stores.set(
            storeKey(st.cluster, ref.kind, st.namespace, ref.name),
            store,
          );
      }
    } else if (
      live &&
      es.kind === 'ExternalSecret' &&
      live.clusterEnvironments.has(es.environment)
    ) {
      row.cells[es.environment] = { state: 'missing-in-cluster', clusters: [] };
    } else {
      row.cells[es.environment] = { state: 'unknown', clusters: [] };
    }
    for (const k of es.keys) {
      const property = coveredProperty(k);
      let krow: KeyCoverageRow | undefined = row.keys.find(
        x => x.key === k.key && x.property === property,
      );
      if (!krow) {
        krow = {
          key: k.key,
          property,
          secretKey: k.secretKey,
          origin: k.origin,
          byEnvironment: {},
        };
        row.keys.push(krow);
      }
      const cov = ctx.coverage
        ? ctx.coverage.get(`${k.key}|${property}|${es.environment}`)
        : report?.coverage.find(
            c =>
              c.key === k.key &&
              c.property === property &&
              c.environment === es.environment,
          );
      const vault = ctx.live
        ? vaultStateOf(
            ctx.live,
            es.environment,
            k.key,
            k.via === 'data' ? property : undefined,
          )
        : { present: null, placeholder: null };
      krow.byEnvironment[es.environment] = {
        fixture: cov?.fixture ?? 'not-applicable',
        vault,
        writers: cov?.writers ?? [],
      };
    }
  }
  for (const row of rows.values()) {
    for (const env of environments) {
      if (row.cells[env]) continue;
      const rel = releases.find(r => r.name === row.release);
      const state: CellState =
        rel && rel.environments.includes(env) ? 'disabled' : 'not-installed';
      row.cells[env] = { state, clusters: [] };
    }
  }

  // stores this entity's charts render: their health belongs here too, where the fix is
  for (const d of report?.stores ?? []) {
    if (!releaseSet.has(d.release)) continue;
    for (const [key, st] of ctx.live?.stores ?? []) {
      if (rendersStore(d, st)) stores.set(key, st);
    }
  }

  const unowned = (ctx.live?.unowned ?? []).filter(u => ownsUnowned(entity, u));
  const unownedIds = new Set(
    unowned.map(u => `${u.cluster}:${u.namespace}:${u.name}`),
  );
  const storeNames = new Set(
    [...stores.values()].map(st => `${st.kind}:${st.name}`),
  );
  const liveFindings = [
    ...releaseNames.flatMap(r => index.liveFindingsByRelease.get(r) ?? []),
    ...index.liveOther.filter(f => {
      if (f.type === 'unowned-externalsecret') {
        return [...unownedIds].some(id => f.id.endsWith(`:${id}`));
      }
      // store findings: when one of this entity's ExternalSecrets uses the store, or its charts render it
      return (
        f.subject.kind === 'SecretStore' &&
        [...storeNames].some(n => n.endsWith(`:${f.subject.name}`))
      );
    }),
  ];
  const staticFindings = [
    ...releaseNames.flatMap(r => index.findingsByRelease.get(r) ?? []),
    ...(index.findingsByEntity.get(entityRef) ?? []).filter(
      f => !f.release || !releaseSet.has(f.release),
    ),
  ];
  const findings = [...staticFindings, ...liveFindings].map(f => ({
    ...f,
    sourceUrl: link(ctx.sourceUrl, f.sourceRef?.file, f.sourceRef?.line),
  }));
  const externalSecrets = [...rows.values()].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  const summary: EntitySecretsSummary = {
    externalSecrets: externalSecrets.length,
    fixtureCoverage: report
      ? coveragePercent(report, decls, ctx.fixtureEnvironments, ctx.coverage)
      : null,
    syncErrors: externalSecrets.reduce(
      (n, r) =>
        n + Object.values(r.cells).filter(c => c.state === 'error').length,
      0,
    ),
    findingsBySeverity: countSeverities(findings),
    refreshedAt: ctx.refreshedAt,
  };
  return {
    entityRef,
    chart: entity.metadata.annotations?.[SECRETS_CHART_ANNOTATION],
    releases: releaseNames,
    environments,
    summary,
    externalSecrets,
    findings,
    sources: ctx.sources,
    unownedExternalSecrets: unowned,
    stores: [...stores.values()],
  };
}
