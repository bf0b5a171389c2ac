/* The clusters generator over the clusters Argo CD knows. */

import { argoClusters, IN_CLUSTER_SERVER } from '../clusters';
import { matchesSelector, emptySelector } from '../selector';
import {
  type ArgoContext,
  type TemplateMode,
  type Params,
  sanitizeName,
} from '../types';
import { withValues } from './params';

export function clusterParams(
  clusters: Record<string, any>,
  ctx: ArgoContext,
  mode: TemplateMode,
): Params[] {
  const selector = clusters.selector;
  const all = argoClusters(ctx);
  const selected = all.filter(c => matchesSelector(selector, c.labels));
  const out: Params[] = selected.map(c => {
    const p: Params = {
      name: c.name,
      nameNormalized: sanitizeName(c.name),
      server: c.server,
      project: c.project ?? '',
    };
    if (mode.goTemplate) {
      p.metadata = {
        ...(Object.keys(c.annotations).length
          ? { annotations: c.annotations }
          : {}),
        ...(Object.keys(c.labels).length ? { labels: c.labels } : {}),
      };
    } else {
      for (const [k, v] of Object.entries(c.annotations))
        p[`metadata.annotations.${k}`] = v;
      for (const [k, v] of Object.entries(c.labels))
        p[`metadata.labels.${k}`] = v;
    }
    return withValues(p, clusters.values, mode);
  });
  if (
    emptySelector(selector) &&
    !selected.some(c => c.server === IN_CLUSTER_SERVER)
  ) {
    out.push(
      withValues(
        {
          name: 'in-cluster',
          nameNormalized: 'in-cluster',
          server: IN_CLUSTER_SERVER,
          project: '',
        },
        clusters.values,
        mode,
      ),
    );
  }
  return clusters.flatList === true ? [{ clusters: out }] : out;
}
