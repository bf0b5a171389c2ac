/* One owner per Secret, checked by the engine on the planned result. */
import { analyze } from '../../analyze';
import type { PlanContext } from './context';
import { ScaffoldError } from './types';

/**
 * Refuses a Secret that already has an owner: another chart's or a
 * manifest's ExternalSecret, a raw Secret, a SealedSecret or an operator
 * declared under clusterManagedSecrets.
 */
export function checkOwners(ctx: PlanContext) {
  const { tree, raw, files } = ctx;
  const { chartPath } = ctx.paths;
  const after = new Map(tree);
  for (const f of files) after.set(f.path, f.content);
  const report = analyze(after, raw.analyzeOptions);
  const conflicts: string[] = [];
  for (const s of raw.secrets) {
    const owners = report.externalSecrets.filter(
      es =>
        es.kind !== 'PushSecret' &&
        es.targetSecret === s.name &&
        es.chart !== chartPath &&
        (!es.namespace || es.namespace === raw.namespace),
    );
    const described = [
      ...new Set(
        owners.map(o =>
          o.chart
            ? `chart ${o.chart} (release ${o.release}, ${o.sourceRef.file})`
            : `manifest ${o.sourceRef.file}`,
        ),
      ),
    ];
    if (described.length) {
      conflicts.push(
        `Secret "${s.name}" in namespace ${
          raw.namespace
        } is already owned by ${described.join(
          ' and ',
        )}; a Secret has one owner, reference it instead of creating a second ExternalSecret`,
      );
    }
  }
  if (conflicts.length) throw new ScaffoldError(conflicts.join('\n'));
  const ours = new Set(raw.secrets.map(s => s.name));
  const clashes = report.findings.filter(
    f =>
      (f.type === 'duplicate-owner' ||
        f.type === 'vault-drives-cluster-managed') &&
      ours.has(f.subject.name) &&
      (!f.subject.namespace || f.subject.namespace === raw.namespace),
  );
  if (clashes.length) {
    throw new ScaffoldError(
      [
        ...new Set(
          clashes.map(
            f =>
              `${f.message} Refusing to add a second owner; nothing was written`,
          ),
        ),
      ].join('\n'),
    );
  }
}
