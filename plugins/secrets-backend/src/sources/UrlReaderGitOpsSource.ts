import type { SecretsReport } from '@ameideio/plugin-secrets-common';
import {
  Analyzer,
  type AnalyzerExtensions,
  type AnalyzeOptions,
  DEFAULT_TREE_EXTENSIONS,
  type ReadFileTreeOptions,
} from '@ameideio/plugin-secrets-node';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { GitOpsSource } from './GitOpsSource';
import type { FixtureDigests } from './types';
import { SourceError } from './types';
import { createFixtureDigestSink } from './fixtureDigestSink';

const MAX_FILE = 5 * 1024 * 1024;
const MAX_FILES = 50_000;

/**
 * A GitOps repository read through Backstage's `UrlReader` (`readTree`):
 * any integration (GitHub, GitLab, Bitbucket, Azure, Gerrit, ...). The tree
 * is downloaded again only when its ETag changes; otherwise the last report
 * is returned.
 * @public
 */
export class UrlReaderGitOpsSource implements GitOpsSource {
  readonly id = 'gitops';
  private readonly analyzer: Analyzer;
  private readonly sink = createFixtureDigestSink();
  private last?: {
    etag: string;
    report: SecretsReport;
    digests: FixtureDigests;
  };

  private constructor(
    private readonly reader: UrlReaderService,
    private readonly url: string,
    options: AnalyzeOptions,
    private readonly treeOptions: ReadFileTreeOptions,
    extensions: AnalyzerExtensions,
  ) {
    this.analyzer = new Analyzer(options, {
      ...extensions,
      onFixtureValue: this.sink.onFixtureValue,
    });
  }

  static create(options: {
    reader: UrlReaderService;
    url: string;
    analyze?: AnalyzeOptions;
    /** Which files are read (`extensions`, `maxFileSize`, `maxFiles`), as for `readFileTree`. */
    tree?: ReadFileTreeOptions;
    /** Detectors added by backend modules. */
    extensions?: AnalyzerExtensions;
  }) {
    return new UrlReaderGitOpsSource(
      options.reader,
      options.url,
      options.analyze ?? {},
      options.tree ?? {},
      options.extensions ?? {},
    );
  }

  async read(ctx: { signal?: AbortSignal } = {}): Promise<SecretsReport> {
    const extensions = this.treeOptions.extensions ?? DEFAULT_TREE_EXTENSIONS;
    const maxFile = this.treeOptions.maxFileSize ?? MAX_FILE;
    const maxFiles = this.treeOptions.maxFiles ?? MAX_FILES;
    let response;
    try {
      response = await this.reader.readTree(this.url, {
        etag: this.last?.etag,
        signal: ctx.signal,
        filter: (path, info) =>
          extensions.some(e => path.endsWith(e)) &&
          (info?.size ?? 0) <= maxFile,
      });
    } catch (e) {
      const name = (e as Error)?.name;
      if (name === 'NotModifiedError' && this.last) return this.last.report;
      const cls = name === 'NotFoundError' ? 'not-found' : 'unreachable';
      throw new SourceError(
        cls,
        `GitOps repository could not be read (${cls})`,
      );
    }
    const tree = new Map<string, string>();
    for (const f of await response.files()) {
      if (tree.size >= maxFiles) break;
      tree.set(
        f.path.replace(/^\/+/, ''),
        (await f.content()).toString('utf8'),
      );
    }
    // the engine hands each fixture value to the sink as it reads it
    this.sink.reset();
    const report = this.analyzer.analyze(tree);
    this.last = { etag: response.etag, report, digests: this.sink.digests() };
    return report;
  }

  async fixtureDigests(): Promise<FixtureDigests> {
    return this.last?.digests ?? new Map();
  }
}
