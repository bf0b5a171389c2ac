/* The Argo CD settings of the engine options. */
import type { ResolvedOptions } from '../../options';
import type { ArgoSettings } from './types';

export function argoSettings(
  o: Pick<ResolvedOptions, 'argocd'>,
  environments: string[],
): ArgoSettings {
  return {
    environments,
    ...(o.argocd.repoURLs ? { repoURLs: o.argocd.repoURLs } : {}),
    clusters: o.argocd.clusters,
    gitFileGlobbing: o.argocd.gitFileGlobbing,
  };
}
