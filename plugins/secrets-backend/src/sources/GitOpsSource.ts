import {
  Analyzer,
  type AnalyzerExtensions,
  type AnalyzeOptions,
  type GitOpsSource,
  readFileTree,
  type ReadFileTreeOptions,
} from '@ameideio/plugin-secrets-node';
import type { SecretsReport } from '@ameideio/plugin-secrets-common';
import type { FixtureDigests } from './types';
import { createFixtureDigestSink } from './fixtureDigestSink';

export type { GitOpsSource } from '@ameideio/plugin-secrets-node';

/** A GitOps repository in a local directory (the embedded default reads the demo repository). @public */
export class LocalDirGitOpsSource implements GitOpsSource {
  readonly id = 'gitops';
  private readonly analyzer: Analyzer;
  private readonly sink = createFixtureDigestSink();

  /**
   * @param dir - the repository's directory
   * @param options - the engine's options
   * @param treeOptions - how files are read (`secrets.engine.tree`)
   */
  constructor(
    private readonly dir: string,
    options: AnalyzeOptions = {},
    private readonly treeOptions: ReadFileTreeOptions = {},
    extensions: AnalyzerExtensions = {},
  ) {
    this.analyzer = new Analyzer(options, {
      ...extensions,
      onFixtureValue: this.sink.onFixtureValue,
    });
  }

  async read(): Promise<SecretsReport> {
    const tree = await readFileTree(this.dir, this.treeOptions);
    this.sink.reset();
    return this.analyzer.analyze(tree);
  }

  async fixtureDigests(): Promise<FixtureDigests> {
    return this.sink.digests();
  }
}
