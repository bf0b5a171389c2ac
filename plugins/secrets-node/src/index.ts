/**
 * The secrets governance engine: reads a GitOps repository (charts, values,
 * Argo CD / Flux declarations, raw manifests) and computes ownership, Vault
 * fixture coverage and guardrail findings. Pure functions over a file tree;
 * the disk reader and the CLI are thin adapters.
 *
 * @packageDocumentation
 */
export {
  analyze,
  Analyzer,
  validateAnalyzeOptions,
  parseEngineOptions,
  describeEngineOptionProblems,
  ENGINE_OPTION_KEYS,
  DEFAULT_PRODUCERS,
  externalSyncWriterOf,
} from './analyze';
export { normalizeKey } from './analyze/extract';
export {
  entityFor,
  entityLinkOf,
  normalizeEntityRef,
  releasesOwnedBy,
} from './analyze/entities';
export type { EntityLike, EntityLink } from './analyze/entities';
export type {
  AnalyzeOptions,
  AnalyzerExtensions,
  DetectorContext,
  DetectorRegistration,
  FindingBuilder,
  EngineConfig,
  EngineOptionProblem,
  ParsedEngineOptions,
  ProducerRule,
  SecretTemplate,
  WriterSelector,
} from './analyze';
export { DEFAULT_TREE_EXTENSIONS, readFileTree } from './tree';
export type {
  DiskFileTree,
  FileTree,
  ReadFileTreeOptions,
  SkippedFile,
} from './tree';
export { parseYaml, toData, defaultYamlLimits } from './yaml';
export type { ParsedYaml, YamlLimits, YamlProblem } from './yaml';
export { toSarif, formatText } from './cli/format';
export { processIO, runCli, runCliProcess } from './cli/main';
export type { CliIO } from './cli/main';
export * from './scaffold';
export { computeImpact } from './impact';
export { inQuietHours, minutesOf, notificationCauses } from './notify';
export type {
  NotificationCause,
  NotificationCauseOptions,
  QuietHours,
} from './notify';
export {
  analyzeLive,
  attachWarnings,
  clusterSnapshotFromDocuments,
  combineLive,
  esKey,
  fromListItems,
  isRefreshable,
  isSynced,
  isZeroDuration,
  keyAgeDays,
  liveClusterPart,
  liveDeclarations,
  liveStatusesOf,
  liveVaultPart,
  matchesLabelSelector,
  propertiesFromSubkeys,
  storeKey,
  toExternalSecretStatus,
  toStoreStatus,
  vaultKeyMetadataFromResponse,
  vaultSnapshotFromDump,
  rotationLimit,
  vaultStateOf,
} from './live';
export type {
  ClusterDeclFindings,
  ClusterObjectReducer,
  ClusterSnapshot,
  LiveChanges,
  LiveClusterPart,
  LiveCombination,
  LiveDeclarations,
  LiveIndex,
  LiveIndexOptions,
  LiveVaultPart,
  RotationLimits,
  RotationPolicy,
  VaultKeyMetadata,
  VaultSnapshot,
} from './live';
export {
  secretsAnalysisExtensionPoint,
  secretsSourcesExtensionPoint,
} from './extensions';
export type {
  ClusterSource,
  FixtureDigests,
  GitOpsSource,
  GitOpsTree,
  GitOpsSourceFactory,
  LiveSource,
  SecretsAnalysisExtensionPoint,
  SecretsSourcesExtensionPoint,
  SourceReadContext,
  SourceWatchContext,
  VaultSource,
} from './extensions';
export * from './history';
