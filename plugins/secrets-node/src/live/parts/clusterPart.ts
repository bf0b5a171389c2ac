/*
 * The part of the live analysis one cluster snapshot determines on its own:
 * its statuses and stores indexed, the findings of the per-status detectors
 * for each declaration of its environment, and the ExternalSecrets in it no
 * declaration matches. Assumes what the normalizers produce: every status
 * names its snapshot's cluster, and cluster names are unique. Given the
 * part of the cluster's previous snapshot, only the declarations of the
 * ExternalSecrets whose status changed are worked again.
 */
import { isDeepStrictEqual } from 'node:util';
import type {
  ExternalSecretDecl,
  Finding,
  LiveExternalSecretStatus,
} from '@ameideio/plugin-secrets-common';
import type { LiveContext } from '../context';
import { LIVE_DETECTORS, unownedOf } from '../detectors';
import { esKey, indexSnapshots, type LiveIndex } from '../state';
import type { ClusterSnapshot } from '../types';
import { perDeclaration } from './perDeclaration';
import {
  declsOfKey,
  type LiveDeclarations,
  partContext,
  partIndex,
} from './declarations';

/**
 * The findings one per-status detector gives for one declaration in one
 * cluster, by the ExternalSecret key they come from (several for a
 * declaration without a namespace); only keys with findings.
 * @public
 */
export type ClusterDeclFindings = Map<string, Finding[]>;

/** What one cluster snapshot contributes to the live analysis. @public */
export interface LiveClusterPart {
  /** The snapshot the part is of. */
  snapshot: ClusterSnapshot;
  /** The declaration side the part was computed with. */
  declarations: LiveDeclarations;
  /** The snapshot alone, indexed (no findings). */
  index: LiveIndex;
  /**
   * By position in the declarations: per per-status detector (in
   * `LIVE_DETECTORS` order), its findings; only declarations with findings
   * in this cluster.
   */
  perDecl: Map<number, ClusterDeclFindings[]>;
  /** Its ExternalSecrets no declaration matches, with its environment. */
  unowned: Array<{ es: LiveExternalSecretStatus; environment?: string }>;
  /** The findings of the cluster-scope detectors over this cluster. */
  findings: Finding[];
  /**
   * When derived from the part of the previous snapshot (same environment,
   * keys and stores): that part, and the keys whose statuses changed.
   */
  derived?: { from: number; changedKeys: Set<string> };
  /** Identifies the part for `derived`. */
  serial: number;
}

const PER_STATUS = LIVE_DETECTORS.filter(
  d => d.scope === 'declaration' && d.reads === 'cluster',
);
const PER_CLUSTER = LIVE_DETECTORS.filter(d => d.scope === 'cluster');
let serials = 0;

/** The keys of `index.externalSecrets` a declaration matches, in the index's order. */
export function keysOf(
  index: LiveIndex,
  env: string,
  d: { namespace?: string; name: string },
): string[] {
  if (d.namespace !== undefined) {
    const k = esKey(env, d.namespace, d.name);
    return index.externalSecrets.has(k) ? [k] : [];
  }
  const out: string[] = [];
  for (const k of index.externalSecrets.keys())
    if (k.startsWith(`${env}|`) && k.endsWith(`|${d.name}`)) out.push(k);
  return out;
}

/** Whether two indexes hold the same keys in the same order. */
export function sameKeyOrder(x: LiveIndex, y: LiveIndex): boolean {
  if (x.externalSecrets.size !== y.externalSecrets.size) return false;
  const ys = y.externalSecrets.keys();
  for (const k of x.externalSecrets.keys())
    if (ys.next().value !== k) return false;
  return true;
}

/** The per-status findings of one declaration in the cluster, if any. */
function perStatus(
  ctx: LiveContext,
  d: ExternalSecretDecl,
): ClusterDeclFindings[] | undefined {
  const { index } = ctx;
  let found: ClusterDeclFindings[] | undefined;
  for (const key of keysOf(index, d.environment, d)) {
    // a declaration without a namespace: one key (namespace) at a time
    const only =
      d.namespace !== undefined
        ? index
        : partIndex({
            externalSecrets: new Map([[key, index.externalSecrets.get(key)!]]),
            clusterEnvironments: index.clusterEnvironments,
            stores: index.stores,
          });
    const one = { ...ctx, index: only, decls: [d] };
    for (let j = 0; j < PER_STATUS.length; j++) {
      const f = PER_STATUS[j].run(one);
      if (!f.length) continue;
      found ??= PER_STATUS.map(() => new Map());
      found[j].set(key, f);
    }
  }
  return found;
}

/** Sets (or deletes) the per-status findings of these declarations in `out`. */
function perStatusOf(
  ctx: LiveContext,
  positions: readonly number[],
  out: Map<number, ClusterDeclFindings[]>,
) {
  const decls = ctx.decls;
  const keyed: number[] = [];
  for (const i of positions) {
    const d = decls[i];
    if (out.size) out.delete(i);
    if (d.namespace === undefined) {
      const found = perStatus(ctx, d);
      if (found) out.set(i, found);
    } else keyed.push(i);
  }
  // one key each: the detectors run over many declarations at once
  const found = PER_STATUS.map(det => perDeclaration(ctx, det, keyed));
  for (const i of new Set(found.flatMap(m => [...m.keys()]))) {
    const d = decls[i];
    const key = esKey(d.environment, d.namespace, d.name);
    out.set(
      i,
      found.map(m => new Map(m.has(i) ? [[key, m.get(i)!]] : [])),
    );
  }
}

/** The part of {@link analyzeLive} one cluster snapshot determines. @public */
export function liveClusterPart(
  declarations: LiveDeclarations,
  snapshot: ClusterSnapshot,
  previous?: LiveClusterPart,
): LiveClusterPart {
  const index = indexSnapshots([snapshot], []);
  const env = snapshot.environment;
  const ctx = partContext(declarations, index, { clusters: [snapshot] });
  const basis =
    previous &&
    previous.declarations === declarations &&
    previous.snapshot.environment === env &&
    sameKeyOrder(previous.index, index) &&
    isDeepStrictEqual([...previous.index.stores], [...index.stores])
      ? previous
      : undefined;
  const perDecl = new Map(basis?.perDecl);
  let derived: LiveClusterPart['derived'];
  if (basis) {
    const changedKeys = new Set<string>();
    for (const [k, list] of index.externalSecrets)
      if (!isDeepStrictEqual(list, basis.index.externalSecrets.get(k)))
        changedKeys.add(k);
    const redo = new Set<number>();
    if (env)
      for (const k of changedKeys)
        for (const i of declsOfKey(declarations, k)) redo.add(i);
    perStatusOf(ctx, [...redo], perDecl);
    derived = { from: basis.serial, changedKeys };
  } else {
    perStatusOf(
      ctx,
      (env && declarations.byEnvironment.get(env)) || [],
      perDecl,
    );
  }
  const unowned = unownedOf(ctx);
  const withUnowned = { ...ctx, unowned };
  return {
    snapshot,
    declarations,
    index,
    perDecl,
    unowned,
    findings: PER_CLUSTER.flatMap(d => d.run(withUnowned)),
    ...(derived ? { derived } : {}),
    serial: ++serials,
  };
}
