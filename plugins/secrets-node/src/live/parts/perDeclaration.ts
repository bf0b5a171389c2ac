/*
 * Runs a declaration detector for many declarations at once and gives each
 * its own findings, as one run per declaration would. A declaration
 * detector maps each declaration of the context to its findings, so a run
 * over several finds nothing exactly when each alone would: a group that
 * finds nothing is settled in one run, one that finds something is split,
 * and each declaration's findings come from its own run. When most
 * declarations find something, they are run one by one at once.
 */
import type { Finding } from '@ameideio/plugin-secrets-common';
import type { LiveContext, LiveDetector } from '../context';

export function perDeclaration(
  ctx: LiveContext,
  run: LiveDetector,
  positions: readonly number[],
  decls = ctx.decls,
): Map<number, Finding[]> {
  const out = new Map<number, Finding[]>();
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
    if (found * 4 >= ps.length) {
      ps.forEach(one);
      return;
    }
    const mid = ps.length >> 1;
    visit(ps.slice(0, mid));
    visit(ps.slice(mid));
  };
  visit(positions);
  return out;
}
