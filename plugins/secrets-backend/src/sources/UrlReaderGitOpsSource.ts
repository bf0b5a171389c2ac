import {
  DEFAULT_TREE_EXTENSIONS,
  type GitOpsTree,
  type ReadFileTreeOptions,
} from '@ameideio/plugin-secrets-node';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { GitOpsSource } from './GitOpsSource';
import { SourceError } from './types';

const MAX_FILE = 5 * 1024 * 1024;
const MAX_FILES = 50_000;

/**
 * A GitOps repository read through Backstage's `UrlReader` (`readTree`):
 * any integration (GitHub, GitLab, Bitbucket, Azure, Gerrit, ...). The tree
 * is downloaded again only when its ETag changes; otherwise the last tree
 * is returned, with the ETag as its revision, so it is not analysed again.
 * The source only reads; the refresh analyses.
 * @public
 */
export class UrlReaderGitOpsSource implements GitOpsSource {
  readonly id = 'gitops';
  private last?: GitOpsTree & { revision: string };

  private constructor(
    private readonly reader: UrlReaderService,
    private readonly url: string,
    private readonly treeOptions: ReadFileTreeOptions,
  ) {}

  static create(options: {
    reader: UrlReaderService;
    url: string;
    /** Which files are read (`extensions`, `maxFileSize`, `maxFiles`), as for `readFileTree`. */
    tree?: ReadFileTreeOptions;
  }) {
    return new UrlReaderGitOpsSource(
      options.reader,
      options.url,
      options.tree ?? {},
    );
  }

  async read(ctx: { signal?: AbortSignal } = {}): Promise<GitOpsTree> {
    const extensions = this.treeOptions.extensions ?? DEFAULT_TREE_EXTENSIONS;
    const maxFile = this.treeOptions.maxFileSize ?? MAX_FILE;
    const maxFiles = this.treeOptions.maxFiles ?? MAX_FILES;
    let response;
    try {
      response = await this.reader.readTree(this.url, {
        etag: this.last?.revision,
        signal: ctx.signal,
        filter: (path, info) =>
          extensions.some(e => path.endsWith(e)) &&
          (info?.size ?? 0) <= maxFile,
      });
    } catch (e) {
      const name = (e as Error)?.name;
      if (name === 'NotModifiedError' && this.last) return this.last;
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
    this.last = { files: tree, revision: response.etag };
    return this.last;
  }
}
