/* remote-ref-convention: a Vault remoteRef that does not follow `key` + `property: value`. */
import type { Finding } from '@ameideio/plugin-secrets-common';
import type { Detector } from '../context';
import { isVault } from '../providers';

export const remoteRefConvention: Detector = ctx => {
  const out: Finding[] = [];
  for (const es of ctx.consuming) {
    if (!isVault(es.provider)) continue;
    for (const c of es.conventionIssues) {
      out.push(
        ctx.finding(
          'remote-ref-convention',
          'warning',
          `ExternalSecret ${es.name}: remoteRef "${c.key}" ${c.issue}.`,
          { kind: 'ExternalSecret', name: es.name, namespace: es.namespace },
          {
            title: 'Follow the remoteRef convention',
            actions: ['Reference `key: <key>` with `property: value`.'],
            command: `remoteRef:\n  key: ${c.key}\n  property: value`,
          },
          {
            release: es.release,
            chart: es.chart,
            environment: es.environment,
            sourceRef: es.sourceRef,
            detail: `${c.key}\u0000${c.issue}`,
          },
        ),
      );
    }
  }
  return out;
};
