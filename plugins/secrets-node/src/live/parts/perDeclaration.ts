/*
 * Runs a declaration detector for many declarations at once and gives each
 * its own findings, as one run per declaration would. A declaration
 * detector maps each declaration of the context to its findings, so a run
 * over several finds nothing exactly when each alone would: a group that
 * finds nothing is settled in one run, one that finds something is split,
 * and each declaration's findings come from its own run.
 *
 * A group with f findings is split into about 4f chunks (not halves), so
 * the few declarations with findings among many are reached in a few
 * levels: at each level every declaration of a group with findings is
 * evaluated once more, and halving would evaluate each about log2(n)
 * times. Small groups, and groups where most declarations find something,
 * are run one by one at once. A detector that gives one declaration's
 * findings directly (`each`) is asked once per declaration instead.
 */
import type { Finding } from '@ameideio/plugin-secrets-common';
import type { LiveContext } from '../context';
import type { LiveDetectorEntry } from '../detectors';

/** A group this small, once it finds something, is run one by one. */
const SMALL = 8;

export function perDeclaration(
  ctx: LiveContext,
  { run, each }: Pick<LiveDetectorEntry, 'run' | 'each'>,
  positions: readonly number[],
  decls = ctx.decls,
): Map<number, Finding[]> {
  const out = new Map<number, Finding[]>();
  if (each) {
    for (const i of positions) {
      const f = each(ctx, decls[i]);
      if (f.length) out.set(i, f);
    }
    return out;
  }
  const one = (i: number) => {
    const f = run({ ...ctx, decls: [decls[i]] });
    if (f.length) out.set(i, f);
  };
  const visit = (ps: readonly number[]) => {
    if (ps.length <= 2) {
      ps.forEach(one);
      return;
    }
    const found = run({ ...ctx, decls: ps.map(i => decls[i]) }).length;
    if (!found) return;
    if (ps.length <= SMALL || found * 4 >= ps.length) {
      ps.forEach(one);
      return;
    }
    const size = Math.max(2, Math.ceil(ps.length / (found * 4)));
    for (let s = 0; s < ps.length; s += size) visit(ps.slice(s, s + size));
  };
  visit(positions);
  return out;
}
