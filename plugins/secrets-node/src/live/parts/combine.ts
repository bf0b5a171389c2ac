/*
 * The combine step of the live analysis: the per-cluster and per-Vault
 * parts, with the declaration side, give the index and findings
 * `analyzeLive` returns. Given the previous combination over the same
 * declarations, only the environments of the parts that changed are
 * worked again, and the declarations whose served state changed are named.
 */
import type { Finding } from '@ameideio/plugin-secrets-common';
import type { LiveContext } from '../context';
import { LIVE_DETECTORS } from '../detectors';
import type { LiveIndex } from '../state';
import { keysOf, type LiveClusterPart } from './clusterPart';
import { changesOf, type LiveChanges, reworkOf } from './changes';
import { type LiveDeclarations, partContext } from './declarations';
import {
  keyEnvironment,
  mergedIndex,
  mergeStatuses,
  updateStatuses,
  vaultPartsByEnvironment,
} from './mergeIndex';
import { perDeclaration } from './perDeclaration';
import type { LiveVaultPart } from './vaultPart';

/** The live analysis combined from its parts. @public */
export interface LiveCombination {
  /** The declaration side the parts were computed with. */
  declarations: LiveDeclarations;
  /** The cluster parts, in the order of the snapshots. */
  clusters: readonly LiveClusterPart[];
  /** The Vault parts, in the order of the snapshots. */
  vaults: readonly LiveVaultPart[];
  /** What `analyzeLive` returns for the parts' snapshots. */
  index: LiveIndex;
  /** By position in the declarations: its findings, before the de-duplication. */
  perDecl: Finding[][];
  /** What changed from the previous combination. */
  changed: LiveChanges;
}

const DECL_DETECTORS = LIVE_DETECTORS.filter(d => d.scope === 'declaration');
const ENV_DETECTORS = DECL_DETECTORS.filter(d => d.reads === 'environment');

/** The findings of one declaration, in detector order. */
function declFindings(
  i: number,
  ctx: LiveContext,
  byEnv: Map<string, LiveClusterPart[]>,
  vaults: Map<string, LiveVaultPart>,
  perEnvironment: Map<number, Finding[]>[],
): Finding[] {
  const d = ctx.decls[i];
  const env = d.environment;
  const parts = (byEnv.get(env) ?? []).filter(p => p.perDecl.has(i));
  const vault = vaults.get(env)?.perDecl.get(i);
  const out: Finding[] = [];
  let keys: string[] | undefined;
  let perEnv = 0;
  let perStatus = 0;
  let perVault = 0;
  for (const det of DECL_DETECTORS) {
    if (det.reads === 'environment') {
      out.push(...(perEnvironment[perEnv++].get(i) ?? []));
    } else if (det.reads === 'cluster') {
      const j = perStatus++;
      if (!parts.length) continue;
      // the order of the index's keys, then of the clusters, as one pass over the index gives
      keys ??= keysOf(ctx.index, env, d);
      for (const key of keys)
        for (const p of parts)
          out.push(...(p.perDecl.get(i)![j].get(key) ?? []));
    } else {
      const j = perVault++;
      if (vault) out.push(...vault[j]);
    }
  }
  return out;
}

/**
 * Combines the parts of {@link analyzeLive}; with `previous` (over the same
 * declarations) it reworks only what the changed parts touch. The previous
 * combination is consumed: its index may share maps with the new one.
 * @public
 */
export function combineLive(
  declarations: LiveDeclarations,
  clusters: readonly LiveClusterPart[],
  vaults: readonly LiveVaultPart[],
  previous?: LiveCombination,
): LiveCombination {
  const prev =
    previous?.declarations === declarations &&
    previous.clusters.length === clusters.length
      ? previous
      : undefined;
  const rework = prev && reworkOf(prev, clusters, vaults);
  // the statuses map: updated in place while every changed cluster keeps its keys
  let statuses: LiveIndex['externalSecrets'] | undefined;
  if (prev && rework && !rework.remerge) {
    statuses = prev.index.externalSecrets;
    for (const [i, keys] of rework.keys)
      updateStatuses(statuses, clusters, clusters[i], keys);
  }
  const index = mergedIndex(
    statuses ?? mergeStatuses(clusters),
    clusters,
    vaults,
  );
  const byEnv = new Map<string, LiveClusterPart[]>();
  for (const p of clusters) {
    const e = keyEnvironment(p);
    byEnv.set(e, [...(byEnv.get(e) ?? []), p]);
  }
  const vaultByEnv = vaultPartsByEnvironment(vaults);
  const ctx = partContext(declarations, index);
  const perDecl = prev ? [...prev.perDecl] : [];
  const redo = [...(rework?.declarations ?? declarations.decls.keys())];
  const perEnvironment = ENV_DETECTORS.map(d => perDeclaration(ctx, d, redo));
  for (const i of redo)
    perDecl[i] = declFindings(i, ctx, byEnv, vaultByEnv, perEnvironment);
  const seen = new Set<string>();
  index.findings = [
    ...perDecl.flat(),
    ...clusters.flatMap(p => p.findings),
  ].filter(f => (seen.has(f.id) ? false : (seen.add(f.id), true)));
  return {
    declarations,
    clusters,
    vaults,
    index,
    perDecl,
    changed:
      prev && rework
        ? changesOf(prev.index, index, rework.declarations)
        : { all: true, declarations: new Set(), releases: new Set() },
  };
}
