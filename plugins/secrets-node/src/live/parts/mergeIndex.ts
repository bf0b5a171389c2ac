/*
 * The look-up maps of every snapshot, merged from the per-cluster parts in
 * the order `indexSnapshots` builds them: a key where its first cluster puts
 * it, its statuses in cluster order, a store set in cluster order. One
 * changed cluster whose keys stay the same updates only its keys' lists.
 */
import type { LiveExternalSecretStatus } from '@ameideio/plugin-secrets-common';
import type { LiveIndex } from '../state';
import { type LiveClusterPart, sameKeyOrder } from './clusterPart';
import type { LiveVaultPart } from './vaultPart';

/** The statuses map of every part, from scratch. */
export function mergeStatuses(
  clusters: readonly LiveClusterPart[],
): LiveIndex['externalSecrets'] {
  const out: LiveIndex['externalSecrets'] = new Map();
  for (const p of clusters) {
    for (const [k, list] of p.index.externalSecrets) {
      const have = out.get(k);
      if (have) have.push(...list);
      else out.set(k, [...list]);
    }
  }
  return out;
}

/** The environment of a part's keys (`*` for a cluster without one). */
export const keyEnvironment = (p: LiveClusterPart) =>
  p.snapshot.environment ?? '*';

/** Whether two parts hold the same keys in the same order. */
export function sameKeys(a: LiveClusterPart, b: LiveClusterPart): boolean {
  return (
    keyEnvironment(a) === keyEnvironment(b) && sameKeyOrder(a.index, b.index)
  );
}

/**
 * Replaces, in `merged`, the lists of some keys of `part` (which holds the
 * same keys as the part it replaces) by the lists of `clusters`.
 */
export function updateStatuses(
  merged: LiveIndex['externalSecrets'],
  clusters: readonly LiveClusterPart[],
  part: LiveClusterPart,
  keys: Iterable<string>,
): void {
  const env = keyEnvironment(part);
  const same = clusters.filter(p => keyEnvironment(p) === env);
  for (const k of keys) {
    const list: LiveExternalSecretStatus[] = [];
    for (const p of same) {
      const l = p.index.externalSecrets.get(k);
      if (l) list.push(...l);
    }
    merged.set(k, list);
  }
}

/** The index of the parts, around a statuses map already merged. */
export function mergedIndex(
  externalSecrets: LiveIndex['externalSecrets'],
  clusters: readonly LiveClusterPart[],
  vaults: readonly LiveVaultPart[],
): LiveIndex {
  const index: LiveIndex = {
    externalSecrets,
    clusterEnvironments: new Set(),
    stores: new Map(),
    vault: new Map(vaults.map(v => [v.snapshot.environment, v.snapshot])),
    findings: [],
    unowned: [],
  };
  for (const p of clusters) {
    for (const e of p.index.clusterEnvironments)
      index.clusterEnvironments.add(e);
    for (const [k, s] of p.index.stores) index.stores.set(k, s);
    for (const u of p.unowned) index.unowned.push(u.es);
  }
  return index;
}

/** The part of the Vault the index serves per environment (the last one). */
export function vaultPartsByEnvironment(
  vaults: readonly LiveVaultPart[],
): Map<string, LiveVaultPart> {
  return new Map(vaults.map(v => [v.snapshot.environment, v]));
}
