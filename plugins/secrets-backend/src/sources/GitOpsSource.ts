import {
  type GitOpsSource,
  type GitOpsTree,
  readFileTree,
  type ReadFileTreeOptions,
} from '@ameideio/plugin-secrets-node';

export type { GitOpsSource } from '@ameideio/plugin-secrets-node';

/**
 * A GitOps repository in a local directory (the embedded default reads the
 * demo repository). It only reads the files; the refresh analyses them.
 * @public
 */
export class LocalDirGitOpsSource implements GitOpsSource {
  readonly id = 'gitops';

  /**
   * @param dir - the repository's directory
   * @param treeOptions - how files are read (`secrets.engine.tree`)
   */
  constructor(
    private readonly dir: string,
    private readonly treeOptions: ReadFileTreeOptions = {},
  ) {}

  async read(): Promise<GitOpsTree> {
    return { files: await readFileTree(this.dir, this.treeOptions) };
  }
}
