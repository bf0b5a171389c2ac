/*
 * Ownership of target Secrets, one verdict per Secret (environment,
 * namespace, name): an ExternalSecret writing a Secret an operator or Helm
 * makes (vault-drives-cluster-managed), else several owners
 * (duplicate-owner). Both detectors share this classification.
 */
import type { AnalysisContext, Producer } from '../context';

export interface OwnerGroup {
  group: Producer[];
  /** Producers that own the Secret (no bootstrap template, no seed-only ExternalSecret). */
  owning: Producer[];
  owners: string[];
  objects: Set<string>;
  /** ExternalSecrets that own it. */
  es: Producer[];
  /** Operators and Helm generation. */
  cm: Producer[];
  /** ExternalSecrets that keep merging into it. */
  merging: Producer[];
  /** Owning ExternalSecret objects of the first owning release. */
  owningES: Set<string>;
  verdict:
    | 'merges-into-cluster-managed'
    | 'drives-cluster-managed'
    | 'duplicate'
    | 'ok';
}

const cache = new WeakMap<AnalysisContext, OwnerGroup[]>();

export function ownerGroups(ctx: AnalysisContext): OwnerGroup[] {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const groups = new Map<string, Producer[]>();
  for (const p of ctx.producers) {
    const k = `${p.env}\u0000${p.namespace ?? ''}\u0000${p.secret}`;
    const list = groups.get(k);
    if (list) list.push(p);
    else groups.set(k, [p]);
  }
  const out: OwnerGroup[] = [];
  for (const group of groups.values()) {
    const owning = group.filter(p => p.kind !== 'bootstrap' && !p.seedOnly);
    const owners = [...new Set(owning.map(p => p.release))];
    const objects = new Set(owning.map(p => p.object));
    const es = group.filter(p => p.kind === 'externalsecret' && !p.seedOnly);
    const cm = group.filter(
      p => p.kind === 'cluster-managed' || p.kind === 'generated',
    );
    const merging = group.filter(p => p.kind === 'externalsecret' && p.merges);
    // ExternalSecrets of one release that each own the Secret (Owner, Orphan):
    // the controller lets only one of them write it
    const owningES = new Set(
      es.filter(p => p.release === es[0]?.release).map(p => p.object),
    );
    let verdict: OwnerGroup['verdict'] = 'ok';
    if (!es.length && merging.length && cm.length)
      verdict = 'merges-into-cluster-managed';
    else if (es.length && cm.length) verdict = 'drives-cluster-managed';
    else if (
      (owners.length > 1 && objects.size > 1) ||
      (owners.length === 1 && owningES.size > 1 && es.length === owning.length)
    )
      verdict = 'duplicate';
    out.push({
      group,
      owning,
      owners,
      objects,
      es,
      cm,
      merging,
      owningES,
      verdict,
    });
  }
  cache.set(ctx, out);
  return out;
}
