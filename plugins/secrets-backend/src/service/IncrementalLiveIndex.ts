/*
 * The serving index's live side, kept up to date per changed snapshot: a
 * cluster or Vault snapshot whose content changed gets its part of the
 * live analysis worked again and combined with the others' (unchanged
 * parts are kept), and the releases whose answers may differ are named,
 * so response caches drop only those. A new engine report (or new options)
 * builds everything again.
 */
import { isDeepStrictEqual } from 'node:util';
import type {
  KeyCoverage,
  SecretsReport,
} from '@ameideio/plugin-secrets-common';
import {
  combineLive,
  type LiveClusterPart,
  type LiveCombination,
  type LiveDeclarations,
  type LiveIndex,
  type LiveIndexOptions,
  type LiveVaultPart,
  liveClusterPart,
  liveDeclarations,
  liveVaultPart,
} from '@ameideio/plugin-secrets-node';
import type { ClusterSnapshot, VaultSnapshot } from '../sources/types';
import {
  coverageMap,
  indexLiveFindings,
  indexReport,
  type ReportIndex,
} from './reportIndex';

/** One live source's data, in the order of the source states. */
export type LiveSnapshotOf =
  | { id: string; kind: 'cluster'; data: ClusterSnapshot }
  | { id: string; kind: 'vault'; data: VaultSnapshot };

/** The serving index's joins over the report and the live analysis. */
export interface ServingJoins {
  live: LiveIndex;
  index: ReportIndex;
  coverage: Map<string, KeyCoverage>;
  /** Releases whose answers may have changed, or every answer. */
  affected: Set<string> | 'all';
}

/**
 * Key ages (rotation) are measured when a Vault part is made: a part kept
 * longer than this is made again, so an age crossing its limit shows late
 * by at most this much.
 */
const AGE_TTL_MS = 10 * 60_000;

/** Same data apart from when it was read and how many calls that took. */
function sameContent<T extends { fetchedAt: string; calls: number }>(
  a: T,
  b: T,
): boolean {
  return (
    a === b ||
    isDeepStrictEqual(
      { ...a, fetchedAt: '', calls: 0 },
      { ...b, fetchedAt: '', calls: 0 },
    )
  );
}

export class IncrementalLiveIndex {
  private report?: SecretsReport;
  private options?: LiveIndexOptions;
  private declarations?: LiveDeclarations;
  private base?: { index: ReportIndex; coverage: Map<string, KeyCoverage> };
  private clusters = new Map<string, LiveClusterPart>();
  private vaults = new Map<string, LiveVaultPart>();
  private vaultsMadeAt = new Map<string, number>();
  private combination?: LiveCombination;

  /**
   * The joins for the current report and snapshots; `full` builds every
   * part again, as does a report or options other than the last ones.
   */
  update(
    report: SecretsReport | undefined,
    snapshots: readonly LiveSnapshotOf[],
    options: LiveIndexOptions,
    full = false,
  ): ServingJoins {
    const fresh =
      full ||
      !this.declarations ||
      // a report read again (from the store) with the same content keeps the parts
      (report !== this.report && !isDeepStrictEqual(report, this.report)) ||
      !isDeepStrictEqual(options, this.options);
    if (fresh) {
      this.report = report;
      this.options = options;
      this.declarations = liveDeclarations(report, options);
      this.base = {
        index: indexReport(report, undefined),
        coverage: coverageMap(report),
      };
      this.clusters.clear();
      this.vaults.clear();
      this.vaultsMadeAt.clear();
      this.combination = undefined;
    }
    const declarations = this.declarations!;
    const clusters = new Map<string, LiveClusterPart>();
    const vaults = new Map<string, LiveVaultPart>();
    /** PushSecrets read Vault keys too, and are no declaration of the live analysis. */
    const vaultEnvs = new Set<string>();
    for (const s of snapshots) {
      if (s.kind === 'cluster') {
        const old = this.clusters.get(s.id);
        clusters.set(
          s.id,
          old && sameContent(old.snapshot, s.data)
            ? old
            : liveClusterPart(declarations, s.data, old),
        );
      } else {
        const old = this.vaults.get(s.id);
        const madeAt = this.vaultsMadeAt.get(s.id) ?? 0;
        const keep =
          old &&
          sameContent(old.snapshot, s.data) &&
          (!options.rotation || Date.now() - madeAt < AGE_TTL_MS);
        if (keep) vaults.set(s.id, old);
        else {
          vaultEnvs.add(s.data.environment);
          vaults.set(s.id, liveVaultPart(declarations, s.data));
          this.vaultsMadeAt.set(s.id, Date.now());
        }
      }
    }
    for (const [id, p] of this.vaults)
      if (!vaults.has(id)) vaultEnvs.add(p.snapshot.environment);
    this.clusters = clusters;
    this.vaults = vaults;
    const combination = combineLive(
      declarations,
      [...clusters.values()],
      [...vaults.values()],
      this.combination,
    );
    this.combination = combination;
    const live = combination.index;
    return {
      live,
      index: { ...this.base!.index, ...indexLiveFindings(live) },
      coverage: this.base!.coverage,
      affected: fresh ? 'all' : this.affected(combination, vaultEnvs),
    };
  }

  private affected(
    { changed, declarations }: LiveCombination,
    vaultEnvs: Set<string>,
  ): Set<string> | 'all' {
    if (changed.all) return 'all';
    const out = new Set(changed.releases);
    for (const i of changed.declarations)
      out.add(declarations.decls[i].release);
    for (const d of this.report?.externalSecrets ?? [])
      if (d.kind === 'PushSecret' && vaultEnvs.has(d.environment))
        out.add(d.release);
    return out;
  }
}
