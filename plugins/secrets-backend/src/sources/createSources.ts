import type { SecretsConfig } from '../config';
import { LocalDirGitOpsSource, type GitOpsSource } from './GitOpsSource';
import { KubernetesClusterSource } from './kubernetes/KubernetesClusterSource';
import { SnapshotClusterSource } from './kubernetes/SnapshotClusterSource';
import type { LiveSource } from './types';
import { NodeVaultSource } from './vault/NodeVaultSource';
import { SnapshotVaultSource } from './vault/SnapshotVaultSource';

/** The default sources for a configuration. */
export function createSources(cfg: SecretsConfig): { gitops?: GitOpsSource; sources: LiveSource[] } {
  const gitops = cfg.gitopsDir
    ? new LocalDirGitOpsSource(cfg.gitopsDir, {
        environments: cfg.environments,
        fixtureEnvironments: cfg.fixtureEnvironments,
        productionEnvironments: cfg.productionEnvironments,
        fixtureRelease: cfg.fixtureRelease,
      })
    : undefined;
  const sources: LiveSource[] = [
    ...cfg.clusters.map(c => KubernetesClusterSource.create(c)),
    ...cfg.snapshots.clusters.map(c => SnapshotClusterSource.create(c)),
    ...cfg.vaults.map(v => NodeVaultSource.create(v)),
    ...cfg.snapshots.vault.map(v => SnapshotVaultSource.create(v)),
  ];
  return { gitops, sources };
}
