/*
 * missing-in-cluster: a chart declares an ExternalSecret for an environment
 * whose cluster is read, and the cluster does not have it.
 */
import type { LiveDetector } from '../context';
import {
  declSubject,
  declsWithClusters,
  declWhere,
  liveFinding,
} from '../context';

export const missingInCluster: LiveDetector = ctx =>
  declsWithClusters(ctx)
    .filter(({ live }) => !live.length)
    .map(({ d }) => {
      const env = d.environment;
      return liveFinding({
        type: 'missing-in-cluster',
        severity: 'warning',
        idParts: [env, d.namespace ?? '', d.name],
        message: `ExternalSecret ${d.namespace ? `${d.namespace}/` : ''}${
          d.name
        } is declared by ${
          d.release
        } for ${env} but is not in the ${env} cluster (Argo CD/Flux not synced, or the release is not deployed).`,
        subject: declSubject(d),
        ...declWhere(d),
        proposedFix: {
          title: 'Sync the release',
          actions: [
            `Check the ${d.release} application in Argo CD/Flux for ${env} and sync it.`,
          ],
        },
      });
    });
