import type { Finding, SecretsReport } from '@ameideio/plugin-secrets-common';
import { type FileTree, skippedFiles } from '../tree';
import { catalogEntities } from './entities';
import { switchedOffExternalSecrets } from './disabledSecrets';
import {
  type AnalyzeOptions,
  resolveOptions,
  type ResolvedOptions,
} from './options';
import { type Release } from './releases';
import { type Problem, renderRelease } from './render';
import { RenderCache, TemplateCache } from './render/caches';
import { YamlCache } from './yamlCache';
import { implicitFixtureEnvironments } from './environments';
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
import { documentsAt } from './collect/documentsAt';
import { BUILTIN_DETECTORS } from './detectors';
import { renderDocuments, externalSecretsOf } from './run/documents';
import { discoverAnalysedReleases } from './run/releases';
import { buildReport } from './run/report';

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

  const found = discoverAnalysedReleases(tree, o, yaml, problems);
  const { envs, discovery, applied, releaseEnvs, releaseEnv } = found;
  const { docs, disabledDocs, contextDocs } = renderDocuments(
    tree,
    o,
    found,
    renders,
    templates,
    problems,
  );
  const docsAt = documentsAt(docs);
  const { all, extractAll, disabledES, stores } = externalSecretsOf(
    o,
    docs,
    disabledDocs,
    releaseEnv,
  );

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
    docsAt,
    releaseEnvs,
    releaseEnv,
    problems,
  });
  const consumers = collectReaders({
    o,
    tree,
    docs,
    docsAt,
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
    docsAt,
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

  renders.sweep();
  templates.sweep();
  return buildReport({ tree, ctx, found, fx, coverage, findings, started });
}

export type { Release };
