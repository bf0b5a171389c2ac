/*
 * vault-drives-cluster-managed: an ExternalSecret writes a Secret an
 * operator or Helm makes in the cluster (an error), or keeps merging keys
 * into it (a warning: keys the operator derives fall out of step).
 */
import type { Finding } from '@ameideio/plugin-secrets-common';
import type { Detector } from '../context';
import { isVault, providerLabel } from '../providers';
import { ownerGroups } from './owners';

const source = (provider?: string) =>
  provider && !isVault(provider) ? providerLabel(provider) : 'Vault';

export const vaultDrivesClusterManaged: Detector = ctx => {
  const out: Finding[] = [];
  for (const g of ownerGroups(ctx)) {
    const first = g.group[0];
    const subject = {
      kind: 'Secret',
      name: first.secret,
      namespace: first.namespace,
    } as const;
    const makers = g.cm.map(c => c.release).join(', ');
    if (g.verdict === 'merges-into-cluster-managed') {
      const m = g.merging[0];
      out.push(
        ctx.finding(
          'vault-drives-cluster-managed',
          'warning',
          `Secret ${
            first.secret
          } is produced in the cluster by ${makers}, and an ExternalSecret of ${g.merging
            .map(e => e.release)
            .join(', ')} keeps merging keys into it from ${source(
            m.provider,
          )} (creationPolicy: Merge): keys the operator derives from them (connection strings, files) fall out of step.`,
          subject,
          {
            title: 'Keep one authority',
            actions: [
              'Configure the operator to use a Secret the ExternalSecret owns (for CloudNativePG, `bootstrap.initdb.secret` or `managed.roles[].passwordSecret`), or stop merging into the operator-made Secret.',
            ],
          },
          {
            release: m.release,
            chart: m.chart,
            environment: first.env,
            sourceRef: m.ref,
          },
        ),
      );
    } else if (g.verdict === 'drives-cluster-managed') {
      const e = g.es[0];
      out.push(
        ctx.finding(
          'vault-drives-cluster-managed',
          'error',
          `Secret ${
            first.secret
          } is produced in the cluster by ${makers}, and an ExternalSecret of ${g.es
            .map(x => x.release)
            .join(', ')} also writes it from ${source(e.provider)}.`,
          subject,
          {
            title: 'Keep one authority',
            actions: [
              'Let the cluster-managed authority own the Secret and reference it (existingSecret), or drop the operator/Helm generation; Vault may only mirror it.',
            ],
          },
          {
            release: e.release,
            chart: e.chart,
            environment: first.env,
            sourceRef: e.ref,
          },
        ),
      );
    }
  }
  return out;
};
