import type {
  DetectorRegistration,
  ProducerRule,
} from '@ameideio/plugin-secrets-node';
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
  deps: {
    urlReader?: UrlReaderService;
    /** What backend modules add to the analysis. */
    analysis?: { detectors: DetectorRegistration[]; producers: ProducerRule[] };
  } = {},
): { gitops?: GitOpsSource; sources: LiveSource[] } {
  // every engine option, validated at start-up (secrets.engine plus the original top-level keys)
  const extraProducers = deps.analysis?.producers ?? [];
  const analyze = extraProducers.length
    ? {
        ...cfg.engine,
        producers: [...(cfg.engine.producers ?? []), ...extraProducers],
      }
    : cfg.engine;
  const extensions = { detectors: deps.analysis?.detectors ?? [] };
  let gitops: GitOpsSource | undefined;
  if (cfg.gitopsUrl && deps.urlReader) {
    gitops = UrlReaderGitOpsSource.create({
      reader: deps.urlReader,
      url: cfg.gitopsUrl,
      analyze,
      tree: cfg.tree,
      extensions,
    });
  } else if (cfg.gitopsDir) {
    gitops = new LocalDirGitOpsSource(
      cfg.gitopsDir,
      analyze,
      cfg.tree,
      extensions,
    );
  }
  const sources: LiveSource[] = [
    ...cfg.clusters.map(c => KubernetesClusterSource.create(c)),
    ...cfg.snapshots.clusters.map(c => SnapshotClusterSource.create(c)),
    ...cfg.vaults.map(v => NodeVaultSource.create(v)),
    ...cfg.snapshots.vault.map(v => SnapshotVaultSource.create(v)),
  ];
  return { gitops, sources };
}
