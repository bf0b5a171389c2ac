/*
 * History: what a refresh leaves behind, and how it moved. Pure functions
 * over the entity answers the backend serves and the snapshots it stored.
 * A row holds counts and finding ids, types and severities: never a value,
 * never a message.
 */
import {
  type EntitySecretsResponse,
  type FindingType,
  HISTORY_ANY_ENVIRONMENT,
  type HistoryChange,
  type HistoryFinding,
  type HistoryMover,
  type HistoryPoint,
  type HistoryRow,
  type HistorySnapshot,
  type HistoryTotals,
  type Severity,
} from '@ameideio/plugin-secrets-common';

/** The parts of an entity's answer history reads. @public */
export type HistoryEntityInput = Pick<
  EntitySecretsResponse,
  'entityRef' | 'environments' | 'externalSecrets' | 'findings'
>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Code-unit order: the same on every machine, unlike a locale's. */
function byCode(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

const zeroSeverities = (): Record<Severity, number> => ({
  error: 0,
  warning: 0,
  info: 0,
});

function coverageIn(e: HistoryEntityInput, env: string): number | null {
  let total = 0;
  let covered = 0;
  for (const es of e.externalSecrets) {
    if (es.kind === 'PushSecret') continue;
    for (const k of es.keys) {
      if (k.origin === 'cluster-managed') continue;
      const fixture = k.byEnvironment[env]?.fixture;
      if (!fixture || fixture === 'not-applicable') continue;
      total++;
      if (fixture === 'present' || fixture === 'other-writer') covered++;
    }
  }
  return total ? round1((covered / total) * 100) : null;
}

function rowOf(
  e: HistoryEntityInput,
  environment: string,
  findings: HistoryFinding[],
  overdue: Set<string>,
): HistoryRow {
  const findingsBySeverity = zeroSeverities();
  const findingsByType: Partial<Record<FindingType, number>> = {};
  for (const f of findings) {
    findingsBySeverity[f.severity]++;
    findingsByType[f.type] = (findingsByType[f.type] ?? 0) + 1;
  }
  const any = environment === HISTORY_ANY_ENVIRONMENT;
  return {
    entityRef: e.entityRef,
    environment,
    findingsBySeverity,
    findingsByType,
    fixtureCoverage: any ? null : coverageIn(e, environment),
    syncErrors: any
      ? 0
      : e.externalSecrets.filter(es => es.cells[environment]?.state === 'error')
          .length,
    overdueKeys: overdue.size,
    findings,
  };
}

/**
 * The history rows of one refresh: one per entity and environment (plus one
 * with environment `*` (`HISTORY_ANY_ENVIRONMENT`) for the findings that name
 * none), and the platform totals. Sorted, so equal states give equal rows.
 * @public
 */
export function historySnapshot(input: {
  at: string;
  entities: readonly HistoryEntityInput[];
}): HistorySnapshot {
  const rows: HistoryRow[] = [];
  for (const e of input.entities) {
    const byEnv = new Map<string, Map<string, HistoryFinding>>();
    const overdue = new Map<string, Set<string>>();
    for (const env of e.environments) byEnv.set(env, new Map());
    for (const f of e.findings) {
      const env = f.environment ?? HISTORY_ANY_ENVIRONMENT;
      let m = byEnv.get(env);
      if (!m) byEnv.set(env, (m = new Map()));
      m.set(f.id, { id: f.id, type: f.type, severity: f.severity });
      if (f.type === 'rotation-overdue') {
        let s = overdue.get(env);
        if (!s) overdue.set(env, (s = new Set()));
        s.add(f.subject.name);
      }
    }
    for (const [env, m] of byEnv) {
      const findings = [...m.values()].sort((a, b) => byCode(a.id, b.id));
      rows.push(rowOf(e, env, findings, overdue.get(env) ?? new Set()));
    }
  }
  rows.sort(
    (a, b) =>
      byCode(a.entityRef, b.entityRef) || byCode(a.environment, b.environment),
  );
  return { at: input.at, rows, totals: historyTotals(rows) };
}

/** Sums of history rows: the platform's, or one entity's. @public */
export function historyTotals(rows: readonly HistoryRow[]): HistoryTotals {
  const findingsBySeverity = zeroSeverities();
  const findingsByType: Partial<Record<FindingType, number>> = {};
  const entities = new Set<string>();
  let syncErrors = 0;
  let overdueKeys = 0;
  let coverageSum = 0;
  let coverageRows = 0;
  for (const r of rows) {
    entities.add(r.entityRef);
    for (const s of Object.keys(findingsBySeverity) as Severity[])
      findingsBySeverity[s] += r.findingsBySeverity[s] ?? 0;
    for (const [t, n] of Object.entries(r.findingsByType) as Array<
      [FindingType, number]
    >)
      findingsByType[t] = (findingsByType[t] ?? 0) + n;
    syncErrors += r.syncErrors;
    overdueKeys += r.overdueKeys;
    if (r.fixtureCoverage !== null) {
      coverageSum += r.fixtureCoverage;
      coverageRows++;
    }
  }
  return {
    entities: entities.size,
    findingsBySeverity,
    findingsByType,
    fixtureCoverage: coverageRows ? round1(coverageSum / coverageRows) : null,
    syncErrors,
    overdueKeys,
  };
}

const byAt = (a: HistorySnapshot, b: HistorySnapshot) =>
  Date.parse(a.at) - Date.parse(b.at);

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The newest snapshot taken at or before `ms`, from snapshots sorted by time. */
function stateAt(
  sorted: readonly HistorySnapshot[],
  ms: number,
): HistorySnapshot | undefined {
  let found: HistorySnapshot | undefined;
  for (const s of sorted) {
    if (Date.parse(s.at) <= ms) found = s;
    else break;
  }
  return found;
}

function pointOf(date: string, at: string, t: HistoryTotals): HistoryPoint {
  return {
    date,
    at,
    errors: t.findingsBySeverity.error,
    warnings: t.findingsBySeverity.warning,
    infos: t.findingsBySeverity.info,
    syncErrors: t.syncErrors,
    overdueKeys: t.overdueKeys,
    fixtureCoverage: t.fixtureCoverage,
  };
}

/**
 * One point per day (UTC) of the last `days` days up to `now`: the state at
 * the end of that day, carried forward from the newest refresh before it.
 * Days before the first snapshot have no point. With `entityRef`, the
 * entity's rows only; else the platform totals.
 * @public
 */
export function trendSeries(
  snapshots: readonly HistorySnapshot[],
  days: number,
  options: { now?: string | number; entityRef?: string } = {},
): HistoryPoint[] {
  const now =
    options.now === undefined ? Date.now() : new Date(options.now).getTime();
  const sorted = [...snapshots].sort(byAt);
  const today = Date.parse(`${dateOf(now)}T00:00:00.000Z`);
  const points: HistoryPoint[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const start = today - i * DAY_MS;
    const end = Math.min(start + DAY_MS - 1, now);
    const s = stateAt(sorted, end);
    if (!s) continue;
    const totals =
      options.entityRef === undefined
        ? s.totals
        : historyTotals(s.rows.filter(r => r.entityRef === options.entityRef));
    points.push(pointOf(dateOf(start), s.at, totals));
  }
  return points;
}

function findingsOf(
  s: HistorySnapshot | undefined,
  entityRef: string | undefined,
): Map<string, HistoryChange> {
  const out = new Map<string, HistoryChange>();
  for (const r of s?.rows ?? []) {
    if (entityRef !== undefined && r.entityRef !== entityRef) continue;
    for (const f of r.findings) {
      out.set(`${r.entityRef}\u0000${r.environment}\u0000${f.id}`, {
        ...f,
        entityRef: r.entityRef,
        environment: r.environment,
      });
    }
  }
  return out;
}

const byChange = (a: HistoryChange, b: HistoryChange) =>
  a.entityRef.localeCompare(b.entityRef) ||
  a.environment.localeCompare(b.environment) ||
  a.id.localeCompare(b.id);

/**
 * Findings new and resolved since `since`: the newest snapshot against the
 * state at `since` (the first snapshot when history starts later).
 * @public
 */
export function changesSince(
  snapshots: readonly HistorySnapshot[],
  since: string | number,
  options: { entityRef?: string } = {},
): {
  since: string;
  newSince: HistoryChange[];
  resolvedSince: HistoryChange[];
} {
  const sorted = [...snapshots].sort(byAt);
  const sinceMs = new Date(since).getTime();
  const current = sorted[sorted.length - 1];
  const baseline = stateAt(sorted, sinceMs) ?? sorted[0];
  const before = findingsOf(baseline, options.entityRef);
  const after = findingsOf(current, options.entityRef);
  return {
    since: new Date(sinceMs).toISOString(),
    newSince: [...after]
      .filter(([k]) => !before.has(k))
      .map(([, c]) => c)
      .sort(byChange),
    resolvedSince: [...before]
      .filter(([k]) => !after.has(k))
      .map(([, c]) => c)
      .sort(byChange),
  };
}

function errorsByEntity(s: HistorySnapshot | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of s?.rows ?? [])
    out.set(
      r.entityRef,
      (out.get(r.entityRef) ?? 0) + r.findingsBySeverity.error,
    );
  return out;
}

/**
 * The entities whose error count rose most over the window (default 7 days)
 * before the newest snapshot, most risen first; only rises.
 * @public
 */
export function historyMovers(
  snapshots: readonly HistorySnapshot[],
  window: { days?: number; limit?: number } = {},
): HistoryMover[] {
  const sorted = [...snapshots].sort(byAt);
  const current = sorted[sorted.length - 1];
  if (!current) return [];
  const from = Date.parse(current.at) - (window.days ?? 7) * DAY_MS;
  const baseline = stateAt(sorted, from) ?? sorted[0];
  const before = errorsByEntity(baseline);
  const movers: HistoryMover[] = [];
  for (const [entityRef, after] of errorsByEntity(current)) {
    const b = before.get(entityRef) ?? 0;
    if (after > b)
      movers.push({ entityRef, before: b, after, delta: after - b });
  }
  movers.sort(
    (a, b) => b.delta - a.delta || a.entityRef.localeCompare(b.entityRef),
  );
  return movers.slice(0, window.limit ?? 10);
}

/**
 * The snapshot times `changesSince` and `historyMovers` read, so a store
 * loads the rows of those refreshes only.
 * @public
 */
export function historyBaselineAt(
  times: readonly string[],
  at: string | number,
): string | undefined {
  const ms = new Date(at).getTime();
  const sorted = [...times].sort((a, b) => Date.parse(a) - Date.parse(b));
  let found: string | undefined;
  for (const t of sorted) {
    if (Date.parse(t) <= ms) found = t;
    else break;
  }
  return found ?? sorted[0];
}
