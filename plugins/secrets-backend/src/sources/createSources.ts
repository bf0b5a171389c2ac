import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { SecretsConfig } from '../config';
import { UrlReaderGitOpsSource } from './UrlReaderGitOpsSource';
import { LocalDirGitOpsSource, type GitOpsSource } from './GitOpsSource';
import { KubernetesClusterSource } from './kubernetes/KubernetesClusterSource';
import { SnapshotClusterSource } from './kubernetes/SnapshotClusterSource';
import type { LiveSource } from './types';
import { NodeVaultSource } from './vault/NodeVaultSource';
import { SnapshotVaultSource } from './vault/SnapshotVaultSource';

/** The default sources for a configuration. */
export function createSources(
  cfg: SecretsConfig,
  deps: { urlReader?: UrlReaderService } = {},
): { gitops?: GitOpsSource; sources: LiveSource[] } {
  let gitops: GitOpsSource | undefined;
  if (cfg.gitopsUrl && deps.urlReader) {
    gitops = UrlReaderGitOpsSource.create({
      reader: deps.urlReader,
      url: cfg.gitopsUrl,
      tree: cfg.tree,
    });
  } else if (cfg.gitopsDir) {
    gitops = new LocalDirGitOpsSource(cfg.gitopsDir, cfg.tree);
  }
  const sources: LiveSource[] = [
    ...cfg.clusters.map(c => KubernetesClusterSource.create(c)),
    ...cfg.snapshots.clusters.map(c => SnapshotClusterSource.create(c)),
    ...cfg.vaults.map(v => NodeVaultSource.create(v)),
    ...cfg.snapshots.vault.map(v => SnapshotVaultSource.create(v)),
  ];
  return { gitops, sources };
}
