import {
  Analyzer,
  type AnalyzerExtensions,
  type AnalyzeOptions,
  type DetectorRegistration,
  type GitOpsTree,
  type ProducerRule,
} from '@ameideio/plugin-secrets-node';
import type { SecretsReport } from '@ameideio/plugin-secrets-common';
import type { FixtureDigests } from '../sources/types';
import { createFixtureDigestSink } from './fixtureDigestSink';

/** A report and the fixture digests of the same analysis. */
export interface AnalysedTree {
  report: SecretsReport;
  /** sha256 digests of the fixture values; kept in memory only, never stored. */
  digests: FixtureDigests;
}

/** Turns what the GitOps source read into a report: the refresh's analysis step. */
export interface GitOpsAnalysis {
  analyze(tree: GitOpsTree): AnalysedTree;
}

/**
 * The engine's analysis of the GitOps tree. One {@link Analyzer} lives as
 * long as the backend, so a refresh re-analyses only what changed; a tree
 * of the revision analysed last is not analysed again. Fixture digests come
 * from the engine's own pass over the merged fixture map: each value is
 * hashed as the engine hands it over, never kept.
 */
export class EngineGitOpsAnalysis implements GitOpsAnalysis {
  private readonly analyzer: Analyzer;
  private readonly sink = createFixtureDigestSink();
  private last?: { revision: string } & AnalysedTree;

  constructor(
    options: AnalyzeOptions = {},
    extensions: AnalyzerExtensions = {},
  ) {
    this.analyzer = new Analyzer(options, {
      ...extensions,
      onFixtureValue: this.sink.onFixtureValue,
    });
  }

  analyze(tree: GitOpsTree): AnalysedTree {
    if (tree.revision !== undefined && this.last?.revision === tree.revision)
      return { report: this.last.report, digests: this.last.digests };
    this.sink.reset();
    const report = this.analyzer.analyze(tree.files);
    const digests = this.sink.digests();
    this.last =
      tree.revision === undefined
        ? undefined
        : { revision: tree.revision, report, digests };
    return { report, digests };
  }
}

/**
 * The analysis a configuration asks for: every engine option (validated at
 * start-up), with the producer rules and detectors backend modules added.
 */
export function gitOpsAnalysisFor(
  engine: AnalyzeOptions,
  added: {
    detectors?: DetectorRegistration[];
    producers?: ProducerRule[];
  } = {},
): EngineGitOpsAnalysis {
  const producers = added.producers ?? [];
  const options = producers.length
    ? { ...engine, producers: [...(engine.producers ?? []), ...producers] }
    : engine;
  return new EngineGitOpsAnalysis(options, {
    detectors: added.detectors ?? [],
  });
}

/**
 * Every Vault key an ExternalSecret of the report references; undefined
 * when one matches keys by pattern (`dataFrom.find`), so all are read.
 */
export function referencedKeys(
  report: SecretsReport,
): ReadonlySet<string> | undefined {
  const keys = new Set<string>();
  for (const es of report.externalSecrets) {
    for (const ref of es.keys) {
      if (ref.via === 'dataFrom.find') return undefined;
      keys.add(ref.key);
    }
  }
  return keys;
}
