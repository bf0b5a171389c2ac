/*
 * Release discovery from Argo CD, as Argo CD renders it: Applications,
 * ApplicationSets (list, clusters, git files/directories, matrix, merge;
 * fasttemplate and Go template modes; templatePatch) and app-of-apps.
 */
export { readApplication } from './application';
export { expandApplicationSet } from './applicationSet';
export type { GeneratedApplication } from './applicationSet';
export {
  argocdAppsObjects,
  argoFromRenderedDocs,
  followAppOfApps,
  MAX_APP_OF_APPS_DEPTH,
} from './appOfApps';
export {
  argoContext,
  argoKind,
  discoverArgo,
  environmentsOf,
  readArgoObject,
} from './discover';
export type { ArgoDiscovery } from './discover';
export { generatorParams } from './generators';
export { canonicalRepoURL, isThisRepo } from './repoURL';
export type {
  ArgoCluster,
  ArgoContext,
  ArgoNote,
  ArgoRelease,
  ArgoSettings,
  DirectorySource,
  Params,
  TemplateMode,
} from './types';

import type { FileTree } from '../../../tree';
import type { YamlCache } from '../../yamlCache';
import { argoContext, discoverArgo, environmentsOf } from './discover';
import type { ArgoSettings, DirectorySource } from './types';

/** Applications of the repository whose source is a Kustomize overlay or a plain directory. */
export function argoDirectorySources(
  tree: FileTree,
  cache: YamlCache,
  chartDirs: Iterable<string>,
  settings: ArgoSettings,
): DirectorySource[] {
  return discoverArgo(argoContext(tree, cache, chartDirs, settings))
    .directories;
}

/** Environment names the repository's Argo CD declarations give (for environment inference). */
export function argoEnvironments(
  tree: FileTree,
  cache: YamlCache,
  chartDirs: Iterable<string>,
  settings: ArgoSettings,
): string[] {
  return environmentsOf(
    discoverArgo(argoContext(tree, cache, chartDirs, settings)),
  );
}
export { argoSettings } from './settings';
