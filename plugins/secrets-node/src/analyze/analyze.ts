import type {
  Finding,
  SecretReader,
  SecretsReport,
  Severity,
} from '@ameideio/plugin-secrets-common';
import { type FileTree, skippedFiles } from '../tree';
import { extractExternalSecret, type ExtractedES } from './extract';
import { catalogEntities, entityFor } from './entities';
import { collectStores, resolveProvider } from './providers';
import { switchedOffExternalSecrets } from './disabledSecrets';
import {
  type AnalyzeOptions,
  resolveOptions,
  type ResolvedOptions,
} from './options';
import {
  discoverReleases,
  type DiscoveryOutput,
  findCharts,
  type Release,
} from './releases';
import { appliedManifests, configMapLookup } from './applied';
import { ignoredPaths } from './applied/docs';
import { helmChartIndex, remoteHelmReleases } from './remoteReleases';
import {
  type Problem,
  releaseValues,
  renderRelease,
  RenderCache,
  type RenderedDoc,
  type ReleaseEnv,
  TemplateCache,
} from './render';
import { YamlCache } from './yamlCache';
import {
  implicitFixtureEnvironments,
  inferEnvironments,
  resolveEnvironments,
} from './environments';
import {
  type AnalysisContext,
  type Detector,
  type DetectorContext,
  detectorView,
  findingFactory,
} from './context';
import { collectCoverage } from './collect/coverage';
import { collectFixtures, collectWriters } from './collect/fixtures';
import { collectProducers } from './collect/producers';
import { collectReaders } from './collect/readers';
import { BUILTIN_DETECTORS } from './detectors';

/** A detector a platform team adds (an operator's conventions, a rule of its own). @public */
export interface DetectorRegistration {
  /** Unique name, shown when the detector fails. */
  name: string;
  /** Findings over the analysed repository; build them with `ctx.finding(...)`. */
  run(ctx: DetectorContext): Finding[];
}

/** Code that extends the engine; kept apart from the serializable options. @public */
export interface AnalyzerExtensions {
  /** Run after the built-in detectors. */
  detectors?: DetectorRegistration[];
  /**
   * Called with each non-empty fixture value of the merged fixture map as the
   * engine reads it, e.g. to hash it for placeholder detection. The engine
   * keeps no value; neither may the callback.
   */
  onFixtureValue?: (fixture: {
    environment: string;
    key: string;
    property: string;
    value: string;
  }) => void;
}

/**
 * A reusable analyser: keeps parsed files and templates between runs, so a
 * re-analysis after one changed file only re-parses that file.
 * @public
 */
export class Analyzer {
  private readonly yaml = new YamlCache();
  private readonly templates = new TemplateCache();
  private readonly renders = new RenderCache();
  constructor(
    private readonly options: AnalyzeOptions = {},
    private readonly extensions: AnalyzerExtensions = {},
  ) {}

  /** Analyses the repository; reuses what is unchanged since the previous call. */
  analyze(tree: FileTree): SecretsReport {
    return runAnalysis(
      tree,
      resolveOptions(this.options),
      this.yaml,
      this.templates,
      this.renders,
      this.extensions.detectors ?? [],
      this.extensions.onFixtureValue,
    );
  }
}

/**
 * Analyses a GitOps repository held in memory: ownership, fixture coverage
 * and guardrail findings. Pure: no I/O, and no secret value in the result.
 * @public
 */
export function analyze(
  tree: FileTree,
  options: AnalyzeOptions = {},
  extensions: AnalyzerExtensions = {},
): SecretsReport {
  return new Analyzer(options, extensions).analyze(tree);
}

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

/** Runs the detectors over the context; a finding id seen before is dropped. A detector that throws is reported, never fatal. */
function runDetectors(
  ctx: AnalysisContext,
  detectors: ReadonlyArray<{ name: string; run: Detector }>,
): Finding[] {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const d of detectors) {
    let list: Finding[];
    try {
      list = d.run(ctx);
    } catch (e) {
      list = [
        ctx.finding(
          'unevaluable-source',
          'info',
          `Not evaluated: the detector ${d.name} failed (${
            e instanceof Error ? e.name : 'error'
          }); its findings are missing.`,
          { kind: 'Detector', name: d.name },
          {
            title: 'Report the failure',
            actions: [
              'The rest of the analysis ran; tell the maintainers of this detector.',
            ],
          },
          { detail: d.name },
        ),
      ];
    }
    for (const f of list) {
      if (seen.has(f.id)) continue;
      seen.add(f.id);
      findings.push(f);
    }
  }
  return findings;
}

function runAnalysis(
  tree: FileTree,
  options: ResolvedOptions,
  yaml: YamlCache,
  templates: TemplateCache,
  renders: RenderCache,
  extra: ReadonlyArray<DetectorRegistration>,
  onFixtureValue?: AnalyzerExtensions['onFixtureValue'],
): SecretsReport {
  const started = Date.now();
  yaml.use(tree);
  const o: ResolvedOptions = {
    ...options,
    entities: [...options.entities, ...catalogEntities(tree, yaml)],
  };
  const problems: Problem[] = [];
  // files the disk reader did not read: a finding, not an empty file
  for (const f of skippedFiles(tree)) {
    problems.push({
      kind: 'yaml',
      file: f.file,
      message: `file is ${f.size} bytes, larger than the reader's limit of ${f.limit} bytes, and was not read`,
    });
  }

  // ---- charts, releases, values ----
  const charts = findCharts(tree, o, yaml);
  for (const c of charts) {
    for (const e of yaml.errors(`${c.dir}/Chart.yaml`)) {
      problems.push({
        kind: 'yaml',
        chart: c.dir,
        file: e.file,
        line: e.line,
        message: e.message,
        ...(e.code ? { code: e.code } : {}),
      });
    }
  }
  // environments: configured, else what the repository shows, else one implicit
  const layoutEnvs = inferEnvironments(tree, o);
  let envs = resolveEnvironments(o.configuredEnvironments, layoutEnvs);
  let discovery: DiscoveryOutput = { notes: [], directories: [] };
  let releases = discoverReleases(
    tree,
    charts,
    { ...o, environments: envs.known },
    yaml,
    discovery,
  );
  // names only Argo CD / Flux declarations give (an ApplicationSet element's env)
  const declared = releases
    .flatMap(r => r.environments)
    .filter(e => !envs.known.includes(e));
  if (declared.length) {
    envs = resolveEnvironments(
      o.configuredEnvironments,
      inferEnvironments(tree, o, declared),
    );
    discovery = { notes: [], directories: [] };
    releases = discoverReleases(
      tree,
      charts,
      { ...o, environments: envs.known },
      yaml,
      discovery,
    );
  }
  o.environments = envs.environments;
  o.productionEnvironments = envs.productionEnvironments;
  if (envs.fixtureEnvironments)
    o.fixtureEnvironments = envs.fixtureEnvironments;
  const known = envs.known;
  // what the repository applies (raw manifests are scoped by a path segment
  // naming any known environment), and Flux releases of charts not in it
  const applied = appliedManifests(
    tree,
    charts.map(c => c.dir),
    { ...o, environments: known },
    yaml,
    problems,
    discovery.directories,
  );
  const remote = remoteHelmReleases(
    o.discovery.includes('flux') ? applied.helmReleases : [],
    charts,
    known,
    configMapLookup(tree, yaml, ignoredPaths(o), () => applied.configMaps),
    new Set(releases.map(r => r.name)),
    problems,
    helmChartIndex(applied.helmCharts),
  );
  releases.push(...remote.releases);
  releases.sort((a, b) => a.name.localeCompare(b.name));
  const releaseEnvs: ReleaseEnv[] = [];
  // releases of environments outside this run: read only to tell whether a fixture has a consumer
  const contextEnvs: ReleaseEnv[] = [];
  for (const release of releases) {
    for (const environment of release.environments) {
      const analysed = o.environments.includes(environment);
      if (!analysed && !known.includes(environment)) continue;
      const values = releaseValues(
        release,
        environment,
        yaml,
        analysed ? problems : [],
      );
      const installed = values.installed !== false && values.enabled !== false;
      (analysed ? releaseEnvs : contextEnvs).push({
        release,
        environment,
        values,
        installed,
        namespace:
          release.namespaces[environment] ??
          (typeof values.namespace === 'string' ? values.namespace : undefined),
      });
    }
  }
  const reIndex = new Map(
    releaseEnvs.map(r => [`${r.release.name}\u0000${r.environment}`, r]),
  );
  const releaseEnv = (name: string, env: string) =>
    reIndex.get(`${name}\u0000${env}`);
  const installedIn = (name: string, env: string) =>
    Boolean(releaseEnv(name, env)?.installed);

  // ---- render ----
  const docs: RenderedDoc[] = [];
  const disabledDocs: RenderedDoc[] = [];
  for (const re of releaseEnvs) {
    const rendered = renders.render(
      re,
      tree,
      templates,
      re.installed ? problems : [],
      o.helm,
    );
    (re.installed ? docs : disabledDocs).push(...rendered);
  }
  const contextDocs: RenderedDoc[] = [];
  for (const re of contextEnvs)
    contextDocs.push(...renders.render(re, tree, templates, [], o.helm));
  for (const d of [...applied.docs, ...remote.docs]) {
    (o.environments.includes(d.environment) ? docs : contextDocs).push(d);
  }

  // ---- ExternalSecrets ----
  const all: ExtractedES[] = [];
  for (const d of docs) {
    const es = extractExternalSecret(d, o.originAnnotation);
    if (es) {
      if (!es.namespace && d.generated) {
        const re = releaseEnv(d.release, d.environment);
        es.namespace = re?.namespace;
      }
      all.push(es);
    }
  }
  const extractAll = (list: RenderedDoc[]) =>
    list
      .map(d => extractExternalSecret(d, o.originAnnotation))
      .filter((x): x is ExtractedES => Boolean(x));
  const disabledES: ExtractedES[] = extractAll(disabledDocs);

  // ---- stores and providers ----
  const stores = collectStores(
    docs,
    d => releaseEnv(d.release, d.environment)?.namespace,
  );
  for (const es of all) {
    if (es.provider) continue;
    const { provider } = resolveProvider(es, stores);
    if (provider) es.provider = provider;
  }

  // ---- fixture map and writers ----
  const fx = collectFixtures(releaseEnvs, o, yaml, onFixtureValue);
  if (!envs.fixtureEnvironments)
    o.fixtureEnvironments = implicitFixtureEnvironments(fx.fixtureMapPresent);
  const writers = collectWriters(releaseEnvs, all, o);

  // ---- coverage ----
  const consuming = all.filter(e => e.kind !== 'PushSecret');
  const coverage = collectCoverage(
    consuming,
    fx.fixtures,
    fx.fixtureMapPresent,
    writers,
  );

  // ---- producers and readers of Secrets ----
  const { producers, operatorConsumers } = collectProducers({
    o,
    consuming,
    docs,
    releaseEnvs,
    releaseEnv,
    problems,
  });
  const consumers = collectReaders({
    o,
    tree,
    docs,
    consuming,
    stores,
    releaseEnvs,
    helmReleases: applied.helmReleases,
    fluxObjects: applied.fluxObjects,
    operatorConsumers,
  });
  // ExternalSecrets a release would render were its secrets not switched off
  const switchedOff = switchedOffExternalSecrets(
    releaseEnvs,
    yaml,
    re => renderRelease(re, tree, templates, []),
    extractAll,
  );

  // ---- detectors ----
  const ctx: AnalysisContext = {
    o,
    tree,
    yaml,
    problems,
    discoveryNotes: discovery.notes,
    releaseEnvs,
    releaseEnv,
    docs,
    contextDocs,
    all,
    consuming,
    disabledES,
    switchedOff,
    extractAll,
    stores,
    fixtureMapPresent: fx.fixtureMapPresent,
    fixtureReleaseEnvs: fx.fixtureReleaseEnvs,
    fixtures: fx.fixtures,
    writers,
    coverage: coverage.items,
    producers,
    consumers,
    finding: findingFactory(o),
  };
  const view = extra.length ? detectorView(ctx, coverage.rows) : undefined;
  const findings = runDetectors(ctx, [
    ...BUILTIN_DETECTORS,
    ...extra.map(d => ({ name: d.name, run: () => d.run(view!) })),
  ]);

  /** Per-environment fields of a release, limited to the environments of this run. */
  const inRun = <T>(byEnv: Record<string, T>): Record<string, T> =>
    Object.fromEntries(
      Object.entries(byEnv).filter(([e]) => o.environments.includes(e)),
    );

  renders.sweep();
  templates.sweep();

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

export type { Release };
