/**
 * The secrets governance backend plugin.
 *
 * @packageDocumentation
 */
export { secretsPlugin as default } from './plugin';
export type { GitOpsSource } from './sources/GitOpsSource';
export { LocalDirGitOpsSource } from './sources/GitOpsSource';
export { UrlReaderGitOpsSource } from './sources/UrlReaderGitOpsSource';
export type {
  ClusterSnapshot,
  ClusterSource,
  FixtureDigests,
  LiveSource,
  SourceReadContext,
  VaultKeyMetadata,
  VaultSnapshot,
  VaultSource,
} from './sources/types';
export { SourceError } from './sources/types';
export { KubernetesClusterSource } from './sources/kubernetes/KubernetesClusterSource';
export type { KubernetesClusterDetails } from './sources/kubernetes/KubernetesClusterSource';
export { SnapshotClusterSource } from './sources/kubernetes/SnapshotClusterSource';
export { NodeVaultSource } from './sources/vault/NodeVaultSource';
export type {
  VaultAuth,
  VaultSourceOptions,
} from './sources/vault/NodeVaultSource';
export { SnapshotVaultSource } from './sources/vault/SnapshotVaultSource';
export type {
  SnapshotFailure,
  SnapshotStore,
  SnapshotSuccess,
  StoredSnapshot,
} from './database/SnapshotStore';
export type { DatabaseStoreOptions } from './database/migrate';
export { DatabaseSnapshotStore } from './database/SnapshotStore';
export type {
  HistoryRecordResult,
  HistoryRun,
  HistoryStore,
} from './database/HistoryStore';
export { DatabaseHistoryStore, historyDigest } from './database/HistoryStore';
