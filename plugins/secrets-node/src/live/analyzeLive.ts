/*
 * Pure: engine report + live snapshots -> an index the backend answers
 * from, and the findings that need live data. No I/O here: the backend's
 * sources and the CLI read the snapshots, the normalizers reduce them.
 */
import type { SecretsReport } from '@ameideio/plugin-secrets-common';
import type { LiveIndexOptions } from './context';
import {
  combineLive,
  liveClusterPart,
  liveDeclarations,
  liveVaultPart,
} from './parts';
import type { LiveIndex } from './state';
import type { ClusterSnapshot, VaultSnapshot } from './types';

/**
 * Compares a report's declared ExternalSecrets with cluster and Vault
 * snapshots: returns the snapshots indexed for look-ups and the live
 * findings (`sync-error`, `missing-in-cluster`, `missing-in-vault`,
 * `placeholder-in-vault`, `refresh-ignored`, `unowned-externalsecret`),
 * with ids `live:<type>:...`. Without a report only the index is built.
 * The combination of the parts (`liveDeclarations`, `liveClusterPart`,
 * `liveVaultPart`, `combineLive`), which a serving index updates per
 * changed snapshot.
 * @public
 */
export function analyzeLive(
  report: SecretsReport | undefined,
  snapshots: { clusters?: ClusterSnapshot[]; vaults?: VaultSnapshot[] },
  options: LiveIndexOptions,
): LiveIndex {
  const declarations = liveDeclarations(report, options);
  return combineLive(
    declarations,
    (snapshots.clusters ?? []).map(c => liveClusterPart(declarations, c)),
    (snapshots.vaults ?? []).map(v => liveVaultPart(declarations, v)),
  ).index;
}
