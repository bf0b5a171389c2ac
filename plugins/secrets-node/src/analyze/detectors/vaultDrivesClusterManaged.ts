/*
 * vault-drives-cluster-managed: an ExternalSecret writes a Secret an
 * operator or Helm makes in the cluster (an error), or keeps merging keys
 * into it (a warning: keys the operator derives fall out of step).
 */
import type { Finding, Severity } from '@ameideio/plugin-secrets-common';
import type { Detector, Producer } from '../context';
import { isVault, providerLabel } from '../providers';
import { type OwnerGroup, ownerGroups } from './owners';

const source = (provider?: string) =>
  provider && !isVault(provider) ? providerLabel(provider) : 'Vault';

/** What each verdict reports: the ExternalSecrets at fault, what they do, and the way out. */
const VERDICTS: Partial<
  Record<
    OwnerGroup['verdict'],
    {
      severity: Severity;
      writers: (g: OwnerGroup) => Producer[];
      does: (provider: string) => string;
      action: string;
    }
  >
> = {
  'merges-into-cluster-managed': {
    severity: 'warning',
    writers: g => g.merging,
    does: from =>
      `keeps merging keys into it from ${from} (creationPolicy: Merge): keys the operator derives from them (connection strings, files) fall out of step.`,
    action:
      'Configure the operator to use a Secret the ExternalSecret owns (for CloudNativePG, `bootstrap.initdb.secret` or `managed.roles[].passwordSecret`), or stop merging into the operator-made Secret.',
  },
  'drives-cluster-managed': {
    severity: 'error',
    writers: g => g.es,
    does: from => `also writes it from ${from}.`,
    action:
      'Let the cluster-managed authority own the Secret and reference it (existingSecret), or drop the operator/Helm generation; Vault may only mirror it.',
  },
};

export const vaultDrivesClusterManaged: Detector = ctx => {
  const out: Finding[] = [];
  for (const g of ownerGroups(ctx)) {
    const verdict = VERDICTS[g.verdict];
    if (!verdict) continue;
    const first = g.group[0];
    const writers = verdict.writers(g);
    const w = writers[0];
    out.push(
      ctx.finding(
        'vault-drives-cluster-managed',
        verdict.severity,
        `Secret ${first.secret} is produced in the cluster by ${g.cm
          .map(c => c.release)
          .join(', ')}, and an ExternalSecret of ${writers
          .map(e => e.release)
          .join(', ')} ${verdict.does(source(w.provider))}`,
        { kind: 'Secret', name: first.secret, namespace: first.namespace },
        { title: 'Keep one authority', actions: [verdict.action] },
        {
          release: w.release,
          chart: w.chart,
          environment: first.env,
          sourceRef: w.ref,
        },
      ),
    );
  }
  return out;
};
