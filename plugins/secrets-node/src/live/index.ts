/*
 * Live analysis: cluster and Vault snapshots (types and the pure
 * normalizers of Kubernetes and Vault answers) compared with the engine's
 * report.
 */
export { analyzeLive } from './analyzeLive';
export * from './parts';
export type { LiveIndexOptions } from './context';
export { keyAgeDays, rotationLimit } from './rotation';
export type { RotationLimits, RotationPolicy } from './rotation';
export {
  esKey,
  isSynced,
  liveStatusesOf,
  storeKey,
  vaultStateOf,
} from './state';
export type { LiveIndex } from './state';
export type { ClusterSnapshot, VaultKeyMetadata, VaultSnapshot } from './types';
export {
  attachWarnings,
  clusterSnapshotFromDocuments,
  fromListItems,
  isRefreshable,
  isZeroDuration,
  matchesLabelSelector,
  toExternalSecretStatus,
  toStoreStatus,
} from './kubernetes';
export type { ClusterObjectReducer } from './kubernetes';
export {
  propertiesFromSubkeys,
  vaultKeyMetadataFromResponse,
  vaultSnapshotFromDump,
} from './vault';
