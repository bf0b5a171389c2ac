import {
  Analyzer,
  type AnalyzeOptions,
  readFileTree,
  type ReadFileTreeOptions,
} from '@ameideio/plugin-secrets-node';
import type { SecretsReport } from '@ameideio/plugin-secrets-common';
import type { FixtureDigests } from './types';
import { readFixtureDigests } from './vault/fixtureDigests';

/** Where the GitOps repository comes from. @public */
export interface GitOpsSource {
  /** Stable id, e.g. `gitops`. */
  readonly id: string;
  /** Reads the repository and analyses it. Throws on failure; the caller keeps the last good report. */
  read(ctx?: { signal?: AbortSignal }): Promise<SecretsReport>;
  /**
   * sha256 digests of the fixture values of the last read (for opt-in
   * placeholder detection); kept in memory only, never stored.
   */
  fixtureDigests?(report: SecretsReport): Promise<FixtureDigests>;
}

/** A GitOps repository in a local directory (the embedded default reads the demo repository). @public */
export class LocalDirGitOpsSource implements GitOpsSource {
  readonly id = 'gitops';
  private readonly analyzer: Analyzer;

  /**
   * @param dir - the repository's directory
   * @param options - the engine's options
   * @param treeOptions - how files are read (`secrets.engine.tree`)
   */
  constructor(
    private readonly dir: string,
    options: AnalyzeOptions = {},
    private readonly treeOptions: ReadFileTreeOptions = {},
  ) {
    this.analyzer = new Analyzer(options);
  }

  async read(): Promise<SecretsReport> {
    const tree = await readFileTree(this.dir, this.treeOptions);
    return this.analyzer.analyze(tree);
  }

  fixtureDigests(report: SecretsReport): Promise<FixtureDigests> {
    return readFixtureDigests(this.dir, report.fixtureMap.files);
  }
}
