/* duplicate-owner: two owners (charts, or ExternalSecrets of one release) claim one target Secret. */
import type { Finding } from '@ameideio/plugin-secrets-common';
import type { Detector } from '../context';
import { ownerGroups } from './owners';

export const duplicateOwner: Detector = ctx => {
  const out: Finding[] = [];
  for (const g of ownerGroups(ctx)) {
    if (g.verdict !== 'duplicate') continue;
    const first = g.group[0];
    const second = g.group[1];
    const oneRelease = g.owners.length === 1;
    const names = [...g.owningES].map(x => x.split('/').pop()).sort();
    out.push(
      ctx.finding(
        'duplicate-owner',
        'error',
        `Secret ${first.secret} in ${
          first.namespace ?? 'the release namespace'
        } is claimed by ${
          oneRelease
            ? `${names.length} ExternalSecrets of ${g.owners[0]} (${names.join(
                ', ',
              )}); the controller lets only one owner write it, the others fail to sync`
            : g.owners.join(' and ')
        }.`,
        { kind: 'Secret', name: first.secret, namespace: first.namespace },
        {
          title: 'Keep one owner',
          actions: [
            oneRelease
              ? `Merge ${names.join(
                  ' and ',
                )} into one ExternalSecret, or give all but one \`creationPolicy: Merge\`.`
              : `Disable the copy in all but one chart (${g.owners.join(
                  ', ',
                )}), typically in the service chart that consumes it.`,
          ],
        },
        {
          release: second.release,
          chart: second.chart,
          environment: first.env,
          sourceRef: second.ref,
        },
      ),
    );
  }
  return out;
};
