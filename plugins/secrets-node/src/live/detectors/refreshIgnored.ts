/*
 * refresh-ignored: a Vault key changed after the ExternalSecret that reads
 * it last synced, and its refresh policy means ESO will never re-read it.
 */
import type { Finding } from '@ameideio/plugin-secrets-common';
import type { LiveDetector } from '../context';
import {
  declSubject,
  declsWithClusters,
  declWhere,
  liveFinding,
} from '../context';

export const refreshIgnored: LiveDetector = ctx => {
  const out: Finding[] = [];
  for (const { d, live } of declsWithClusters(ctx)) {
    const vault = ctx.index.vault.get(d.environment);
    for (const es of live) {
      const synced = es.refreshTime;
      if (es.refreshable !== false || !synced) continue;
      const updatedOf = (key: string) => vault?.keys[key]?.updatedTime;
      const changed = d.keys.find(k => {
        const t = updatedOf(k.key);
        return t !== undefined && t !== '' && t > synced;
      });
      if (!changed) continue;
      const updatedTime = updatedOf(changed.key);
      out.push(
        liveFinding({
          type: 'refresh-ignored',
          severity: 'warning',
          idParts: [es.cluster, es.namespace, es.name, changed.key],
          message: `Vault key "${
            changed.key
          }" changed at ${updatedTime}, after ExternalSecret ${es.namespace}/${
            es.name
          } last synced (${es.refreshTime}); with ${
            es.refreshPolicy === 'CreatedOnce'
              ? 'refreshPolicy CreatedOnce'
              : `refreshInterval ${es.refreshInterval}`
          } ESO will not re-read it, and a force-sync annotation is ignored.`,
          subject: { ...declSubject(d), namespace: es.namespace },
          ...declWhere(d),
          proposedFix: {
            title: 'Let ESO refresh',
            actions: [
              'Set refreshPolicy: Periodic with a non-zero refreshInterval (or OnChange and change the spec) in the chart, or recreate the ExternalSecret.',
            ],
          },
        }),
      );
    }
  }
  return out;
};
