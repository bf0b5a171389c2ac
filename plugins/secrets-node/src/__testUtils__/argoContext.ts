/* Test helper: an Argo CD discovery context over an in-memory tree. */
import { fileTree } from './fileTree';
import { YamlCache } from '../analyze/yamlCache';
import { argoContext } from '../analyze/discovery/argocd/discover';
import type {
  ArgoContext,
  ArgoSettings,
} from '../analyze/discovery/argocd/types';

export function contextOf(
  files: Record<string, string>,
  settings: Partial<ArgoSettings> = {},
  chartDirs: string[] = [],
): ArgoContext {
  const tree = fileTree(files);
  const cache = new YamlCache();
  cache.use(tree);
  return argoContext(tree, cache, chartDirs, {
    environments: ['dev', 'staging', 'production'],
    clusters: [],
    gitFileGlobbing: 'greedy',
    ...settings,
  });
}
