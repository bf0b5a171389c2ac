/*
 * Pure: engine report + live snapshots -> an index the backend answers
 * from, and the findings that need live data. No I/O here: the backend's
 * sources and the CLI read the snapshots, the normalizers reduce them.
 */
import type { SecretsReport, Severity } from '@ameideio/plugin-secrets-common';
import type { LiveContext, LiveIndexOptions } from './context';
import { LIVE_DETECTORS, unownedOf } from './detectors';
import { ANY_NAMESPACE } from './detectors/unownedExternalSecret';
import { esKey, indexSnapshots, type LiveIndex } from './state';
import type { ClusterSnapshot, VaultSnapshot } from './types';

/**
 * Compares a report's declared ExternalSecrets with cluster and Vault
 * snapshots: returns the snapshots indexed for look-ups and the live
 * findings (`sync-error`, `missing-in-cluster`, `missing-in-vault`,
 * `placeholder-in-vault`, `refresh-ignored`, `unowned-externalsecret`),
 * with ids `live:<type>:...`. Without a report only the index is built.
 * @public
 */
export function analyzeLive(
  report: SecretsReport | undefined,
  snapshots: { clusters?: ClusterSnapshot[]; vaults?: VaultSnapshot[] },
  options: LiveIndexOptions,
): LiveIndex {
  const clusters = snapshots.clusters ?? [];
  const index = indexSnapshots(clusters, snapshots.vaults ?? []);
  const decls = (report?.externalSecrets ?? []).filter(
    d => d.kind === 'ExternalSecret',
  );
  const declared = new Set<string>();
  // a declaration whose namespace the engine cannot tell (the release's
  // namespace is set outside the repository) owns its name in every namespace
  for (const d of decls)
    declared.add(esKey(d.environment, d.namespace ?? ANY_NAMESPACE, d.name));
  const base: Omit<LiveContext, 'unowned'> = {
    report,
    clusters,
    decls,
    declared,
    index,
    options,
    severityFor: (env: string): Severity =>
      options.productionEnvironments.includes(env) ? 'error' : 'warning',
  };
  const ctx: LiveContext = { ...base, unowned: unownedOf(base) };
  index.unowned = ctx.unowned.map(u => u.es);
  // a finding shared by several ExternalSecrets (one Vault key, one store) is kept once
  const seen = new Set<string>();
  const perDeclaration = LIVE_DETECTORS.filter(d => d.scope === 'declaration');
  const found = [
    ...decls.flatMap(decl =>
      perDeclaration.flatMap(d => d.run({ ...ctx, decls: [decl] })),
    ),
    ...LIVE_DETECTORS.filter(d => d.scope === 'cluster').flatMap(d =>
      d.run(ctx),
    ),
  ];
  index.findings = found.filter(f =>
    seen.has(f.id) ? false : (seen.add(f.id), true),
  );
  return index;
}
