/* The last phase of an analysis: the report, in a stable order. */
import type {
  Finding,
  SecretReader,
  SecretsReport,
  Severity,
} from '@ameideio/plugin-secrets-common';
import type { FileTree } from '../../tree';
import type { collectCoverage } from '../collect/coverage';
import type { collectFixtures } from '../collect/fixtures';
import type { AnalysisContext } from '../context';
import { entityFor } from '../entities';
import type { discoverAnalysedReleases } from './releases';

/** The report's list of who reads each Secret, in a stable order. */
function secretReaders(ctx: AnalysisContext): SecretReader[] {
  const seen = new Set<string>();
  const out: SecretReader[] = [];
  for (const c of ctx.consumers) {
    const d = c.doc;
    const kind = typeof d.obj?.kind === 'string' ? d.obj.kind : undefined;
    const name = d.obj?.metadata?.name;
    const ns =
      c.namespace ??
      (c.namespaceUnknown
        ? undefined
        : ctx.releaseEnv(d.release, d.environment)?.namespace);
    const key = [
      c.secret,
      ns,
      d.environment,
      d.release,
      kind,
      name,
      c.how,
      d.file,
    ].join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    const entityRef = entityFor(ctx.o.entities, d.release, d.chart);
    out.push({
      secret: c.secret,
      ...(ns ? { namespace: ns } : {}),
      environment: d.environment,
      release: d.release,
      ...(d.chart ? { chart: d.chart } : {}),
      ...(entityRef ? { entityRef } : {}),
      ...(kind && typeof name === 'string' ? { workload: { kind, name } } : {}),
      how: c.how,
      optional: c.optional,
      sourceRef: d.line ? { file: d.file, line: d.line } : { file: d.file },
    });
  }
  return out.sort(
    (a, b) =>
      a.secret.localeCompare(b.secret) ||
      a.environment.localeCompare(b.environment) ||
      a.release.localeCompare(b.release) ||
      (a.workload?.name ?? '').localeCompare(b.workload?.name ?? ''),
  );
}

/** What the report is built from. */
export interface ReportInput {
  tree: FileTree;
  ctx: AnalysisContext;
  found: ReturnType<typeof discoverAnalysedReleases>;
  fx: ReturnType<typeof collectFixtures>;
  coverage: ReturnType<typeof collectCoverage>;
  findings: Finding[];
  started: number;
}

/** Sorts the findings and assembles the report, limited to the environments of this run. */
export function buildReport({
  tree,
  ctx,
  found,
  fx,
  coverage,
  findings,
  started,
}: ReportInput): SecretsReport {
  const { o, releaseEnvs, all, stores } = ctx;
  const { envs, releases, charts } = found;
  const installedIn = (name: string, env: string) =>
    Boolean(found.releaseEnv(name, env)?.installed);
  /** Per-environment fields of a release, limited to the environments of this run. */
  const inRun = <T>(byEnv: Record<string, T>): Record<string, T> =>
    Object.fromEntries(
      Object.entries(byEnv).filter(([e]) => o.environments.includes(e)),
    );

  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  findings.sort(
    (a, b) =>
      order[a.severity] - order[b.severity] ||
      a.type.localeCompare(b.type) ||
      (a.release ?? '').localeCompare(b.release ?? '') ||
      (a.environment ?? '').localeCompare(b.environment ?? '') ||
      a.id.localeCompare(b.id),
  );

  return {
    generatedAt: new Date().toISOString(),
    environments: o.environments,
    environmentSource: envs.source,
    fixtureEnvironments: o.fixtureEnvironments,
    productionEnvironments: o.productionEnvironments,
    releases: releases
      .filter(
        r =>
          !r.environments.length ||
          r.environments.some(e => o.environments.includes(e)),
      )
      .map(
        ({
          chartInfo: _c,
          inlineValues: _i,
          incompleteValues: _v,
          namespaces,
          sourceRef: _s,
          ...r
        }) => {
          const namespace =
            Object.values(inRun(namespaces)).find(Boolean) ??
            releaseEnvs.find(x => x.release.name === r.name)?.namespace;
          return {
            ...r,
            valueFiles: inRun(r.valueFiles),
            environments: r.environments.filter(e => installedIn(r.name, e)),
            ...(namespace ? { namespace } : {}),
          };
        },
      ),
    externalSecrets: all.map(({ conventionIssues: _c, ...es }) => es),
    stores: stores.filter(st => st.name).map(st => st.decl),
    coverage: coverage.rows,
    findings,
    readers: secretReaders(ctx),
    fixtureMap: {
      present: fx.fixtureMapPresent,
      files: [...fx.fixtureFiles].filter(Boolean).sort(),
    },
    stats: {
      files: tree.size,
      charts: charts.length,
      durationMs: Date.now() - started,
    },
  };
}
