/* sealed-secret: an encrypted credential kept in Git, outside Vault and the fixture map. */
import type { Finding } from '@ameideio/plugin-secrets-common';
import type { Detector } from '../context';

export const sealedSecret: Detector = ctx => {
  const out: Finding[] = [];
  for (const d of ctx.docs) {
    if (d.obj.kind !== 'SealedSecret') continue;
    out.push(
      ctx.finding(
        'sealed-secret',
        'warning',
        `SealedSecret ${d.obj.metadata?.name} keeps an encrypted credential in Git, outside Vault and the fixture map.`,
        {
          kind: 'Secret',
          name: String(d.obj.metadata?.name ?? ''),
          namespace: d.obj.metadata?.namespace,
        },
        {
          title: 'Migrate to Vault + ExternalSecret',
          actions: [
            'Write the value to Vault, add a fixture, and replace the SealedSecret with a chart-owned ExternalSecret.',
          ],
        },
        {
          release: d.release,
          chart: d.chart,
          environment: d.allEnvironments ? undefined : d.environment,
          sourceRef: { file: d.file, line: d.line },
        },
      ),
    );
  }
  return out;
};
