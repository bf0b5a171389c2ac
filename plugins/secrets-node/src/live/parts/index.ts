/*
 * The live analysis in parts: the declaration side once per report, one
 * part per cluster and per Vault snapshot, and the combine step that gives
 * what `analyzeLive` returns, reworking only what changed parts touch.
 */
export { liveDeclarations } from './declarations';
export type { LiveDeclarations } from './declarations';
export { liveClusterPart } from './clusterPart';
export type { ClusterDeclFindings, LiveClusterPart } from './clusterPart';
export { liveVaultPart } from './vaultPart';
export type { LiveVaultPart } from './vaultPart';
export { combineLive } from './combine';
export type { LiveCombination } from './combine';
export type { LiveChanges } from './changes';
