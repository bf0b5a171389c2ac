/*
 * Lookups over the engine report and the live findings, built once per
 * refresh so a request never scans the whole report. No I/O here.
 */
import type {
  ExternalSecretDecl,
  Finding,
  KeyCoverage,
  SecretsReport,
} from '@ameideio/plugin-secrets-common';
import type { LiveIndex } from '@ameideio/plugin-secrets-node';

/** Per-release lookups over the report and the live findings, built once per refresh. */
export interface ReportIndex {
  releasesByChart: Map<string, string[]>;
  externalSecretsByRelease: Map<string, ExternalSecretDecl[]>;
  findingsByRelease: Map<string, Finding[]>;
  findingsByEntity: Map<string, Finding[]>;
  liveFindingsByRelease: Map<string, Finding[]>;
  /** Live findings without a release (stores, unowned ExternalSecrets). */
  liveOther: Finding[];
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** Groups the report's releases, ExternalSecrets and findings by release, chart and entity. */
export function indexReport(
  report: SecretsReport | undefined,
  live: LiveIndex | undefined,
): ReportIndex {
  const idx: ReportIndex = {
    releasesByChart: new Map(),
    externalSecretsByRelease: new Map(),
    findingsByRelease: new Map(),
    findingsByEntity: new Map(),
    liveFindingsByRelease: new Map(),
    liveOther: [],
  };
  for (const r of report?.releases ?? [])
    if (r.chart) push(idx.releasesByChart, r.chart, r.name);
  for (const es of report?.externalSecrets ?? [])
    push(idx.externalSecretsByRelease, es.release, es);
  for (const f of report?.findings ?? []) {
    if (f.release) push(idx.findingsByRelease, f.release, f);
    if (f.entityRef) push(idx.findingsByEntity, f.entityRef, f);
  }
  return { ...idx, ...indexLiveFindings(live) };
}

/** The live findings of an index by release (those without one apart). */
export function indexLiveFindings(
  live: LiveIndex | undefined,
): Pick<ReportIndex, 'liveFindingsByRelease' | 'liveOther'> {
  const idx: Pick<ReportIndex, 'liveFindingsByRelease' | 'liveOther'> = {
    liveFindingsByRelease: new Map(),
    liveOther: [],
  };
  for (const f of live?.findings ?? []) {
    if (f.release) push(idx.liveFindingsByRelease, f.release, f);
    else idx.liveOther.push(f);
  }
  return idx;
}

/** Builds the coverage lookup once per refresh. */
export function coverageMap(
  report: SecretsReport | undefined,
): Map<string, KeyCoverage> {
  const m = new Map<string, KeyCoverage>();
  for (const c of report?.coverage ?? [])
    m.set(`${c.key}|${c.property}|${c.environment}`, c);
  return m;
}
