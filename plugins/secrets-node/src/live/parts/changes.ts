/*
 * What changed between two combinations of the live parts: the
 * declarations to work again (their statuses, stores or Vault keys
 * changed), and for a serving index, the releases whose live findings
 * changed, or everything (the cluster set, the stores, the ExternalSecrets
 * no chart declares, or the findings without a release changed).
 */
import { isDeepStrictEqual } from 'node:util';
import type { Finding } from '@ameideio/plugin-secrets-common';
import type { LiveIndex } from '../state';
import type { LiveClusterPart } from './clusterPart';
import type { LiveCombination } from './combine';
import { declsOfKey, type LiveDeclarations } from './declarations';
import { sameKeys, vaultPartsByEnvironment } from './mergeIndex';
import type { LiveVaultPart } from './vaultPart';

/** What a combination changed from the previous one. @public */
export interface LiveChanges {
  /** Anything may have changed (no previous combination, or a change every entity may see). */
  all: boolean;
  /** Positions of declarations whose live statuses, stores or Vault key states may have changed. */
  declarations: Set<number>;
  /** Releases whose live findings changed. */
  releases: Set<string>;
}

/** What the changed parts make the combination work again. */
export interface Rework {
  declarations: Set<number>;
  /** The statuses map must be merged again (a cluster's keys changed). */
  remerge: boolean;
  /** By cluster position: the keys whose statuses changed. */
  keys: Map<number, Set<string>>;
}

/** The keys whose statuses differ, or undefined when the keys or stores do. */
function changedKeys(
  old: LiveClusterPart,
  p: LiveClusterPart,
): Set<string> | undefined {
  if (p.derived?.from === old.serial) return p.derived.changedKeys;
  if (
    !sameKeys(old, p) ||
    !isDeepStrictEqual([...old.index.stores], [...p.index.stores])
  )
    return undefined;
  const out = new Set<string>();
  for (const [k, list] of p.index.externalSecrets)
    if (!isDeepStrictEqual(list, old.index.externalSecrets.get(k))) out.add(k);
  return out;
}

function vaultChanges(
  declarations: LiveDeclarations,
  a: LiveVaultPart['snapshot'] | undefined,
  b: LiveVaultPart['snapshot'] | undefined,
  env: string,
  out: Set<number>,
) {
  const { byEnvironment, byVaultKey } = declarations;
  if (!a || !b || a.truncated !== b.truncated || a.mount !== b.mount) {
    for (const d of byEnvironment.get(env) ?? []) out.add(d);
    return;
  }
  for (const k of new Set([...Object.keys(a.keys), ...Object.keys(b.keys)]))
    if (!isDeepStrictEqual(a.keys[k], b.keys[k]))
      for (const d of byVaultKey.get(`${env}|${k}`) ?? []) out.add(d);
}

/** What replacing the parts of `prev` (as many clusters) by these makes to work again. */
export function reworkOf(
  prev: LiveCombination,
  clusters: readonly LiveClusterPart[],
  vaults: readonly LiveVaultPart[],
): Rework {
  const { declarations } = prev;
  const out: Rework = {
    declarations: new Set(),
    remerge: false,
    keys: new Map(),
  };
  const envDecls = (e?: string) =>
    (e && declarations.byEnvironment.get(e)) || [];
  clusters.forEach((p, i) => {
    const old = prev.clusters[i];
    if (old === p) return;
    const keys = changedKeys(old, p);
    if (keys) {
      out.keys.set(i, keys);
      if (p.snapshot.environment)
        for (const k of keys)
          for (const d of declsOfKey(declarations, k)) out.declarations.add(d);
      return;
    }
    out.remerge ||= !sameKeys(old, p);
    for (const e of [old.snapshot.environment, p.snapshot.environment])
      for (const d of envDecls(e)) out.declarations.add(d);
  });
  const before = vaultPartsByEnvironment(prev.vaults);
  const after = vaultPartsByEnvironment(vaults);
  for (const e of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(e);
    const b = after.get(e);
    if (a === b) continue;
    vaultChanges(declarations, a?.snapshot, b?.snapshot, e, out.declarations);
    // findings that differ with the same keys (ages are measured when the part is made)
    for (const d of new Set([
      ...(a?.perDecl.keys() ?? []),
      ...(b?.perDecl.keys() ?? []),
    ]))
      if (!isDeepStrictEqual(a?.perDecl.get(d), b?.perDecl.get(d)))
        out.declarations.add(d);
  }
  return out;
}

function byRelease(findings: Finding[]) {
  const out = new Map<string, Finding[]>();
  const other: Finding[] = [];
  for (const f of findings) {
    if (!f.release) other.push(f);
    else {
      const list = out.get(f.release);
      if (list) list.push(f);
      else out.set(f.release, [f]);
    }
  }
  return { out, other };
}

/** What the index `b` changed from `a`, given the declarations worked again. */
export function changesOf(
  a: LiveIndex,
  b: LiveIndex,
  declarations: Set<number>,
): LiveChanges {
  const all: LiveChanges = { all: true, declarations, releases: new Set() };
  if (
    !isDeepStrictEqual(a.clusterEnvironments, b.clusterEnvironments) ||
    !isDeepStrictEqual([...a.stores], [...b.stores]) ||
    !isDeepStrictEqual(a.unowned, b.unowned)
  )
    return all;
  const x = byRelease(a.findings);
  const y = byRelease(b.findings);
  if (!isDeepStrictEqual(x.other, y.other)) return all;
  const releases = new Set<string>();
  for (const r of new Set([...x.out.keys(), ...y.out.keys()]))
    if (!isDeepStrictEqual(x.out.get(r), y.out.get(r))) releases.add(r);
  return { all: false, declarations, releases };
}
