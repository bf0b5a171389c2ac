/*
 * Shared shapes of the Argo CD discovery: parameter sets, template modes,
 * notes (what the engine could not evaluate, reported at info level) and the
 * records handed back to release discovery.
 */
import type { FileTree } from '../../../tree';
import type { YamlCache } from '../../yamlCache';

/** One parameter set produced by a generator. */
export type Params = Record<string, unknown>;

/** How an ApplicationSet renders its template. */
export interface TemplateMode {
  /** `spec.goTemplate: true`: Go text/template + Sprig; otherwise fasttemplate. */
  goTemplate: boolean;
  /** `spec.goTemplateOptions`, e.g. `missingkey=error`. */
  options: string[];
}

/** The template mode an ApplicationSet's `spec` sets. */
export const templateModeOf = (spec: Record<string, any>): TemplateMode => ({
  goTemplate: spec.goTemplate === true,
  options: Array.isArray(spec.goTemplateOptions)
    ? spec.goTemplateOptions.map(String)
    : [],
});

/** Something in an Argo CD declaration the engine cannot evaluate offline. */
export interface ArgoNote {
  file: string;
  line?: number;
  message: string;
  /** The chart folder a note about an uninstalled chart is about. */
  uninstalledChart?: string;
}

/** A cluster known to Argo CD, from a cluster Secret in the repository or the options. */
export interface ArgoCluster {
  name: string;
  server: string;
  project?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** Settings of the Argo CD discovery. */
export interface ArgoSettings {
  /** Every environment of the repository (names an app or path may carry). */
  environments: string[];
  /** Repository URLs that are this repository; undefined: every URL is. */
  repoURLs?: string[];
  /** Clusters from the options, in addition to the cluster Secrets of the repository. */
  clusters: ArgoCluster[];
  /** Git files generator globbing: Argo CD's default (greedy `*`) or the opt-in strict one. */
  gitFileGlobbing: 'greedy' | 'strict';
}

/** What the readers need: the tree, its parse cache, settings and a sink for notes. */
export interface ArgoContext {
  tree: FileTree;
  cache: YamlCache;
  settings: ArgoSettings;
  /** Repo-relative chart directories of the repository. */
  chartDirs: Set<string>;
  notes: ArgoNote[];
}

/** Where a declaration was read. */
export interface Origin {
  file: string;
  line?: number;
  /** `ApplicationSet/<name>` or `Application/<name>`, for messages. */
  what: string;
}

/** A Helm release declared by an Argo CD Application (possibly generated). */
export interface ArgoRelease {
  name: string;
  /** Repo-relative chart directory, when the chart is in this repository. */
  chartDir?: string;
  /** A chart outside the repository (Helm repository or OCI), not rendered. */
  remoteChart?: string;
  /** Environment, when the declaration says so. */
  env?: string;
  /** Value files in merge order (repo-relative, existing files only). */
  valueFiles: string[];
  /** Inline values (`values`, `valuesObject`, `parameters`), applied last. */
  inline?: Record<string, unknown>;
  namespace?: string;
  /** Name of the Argo CD Application. */
  application: string;
  file: string;
  line?: number;
}

/** An Application whose source is a Kustomize overlay or a plain directory of this repository. */
export interface DirectorySource {
  /** Release name given to its objects (the Application's name). */
  name: string;
  /** Repo-relative folder. */
  path: string;
  /** Destination namespace: set on namespaced objects that have none. */
  namespace?: string;
  environment?: string;
  /** Declaration of the source, for findings. */
  file: string;
  line?: number;
  /** Argo CD `directory:` settings of a plain-directory source. */
  directory?: { recurse?: boolean; include?: string; exclude?: string };
  /**
   * Fields of the Application's `kustomize:` settings that Argo CD sets on
   * the root kustomization before building (`kustomize edit set`), replacing
   * the kustomization's own: `namePrefix`, `nameSuffix`, `namespace`.
   */
  kustomizeEdits?: Record<string, string>;
}

export const isMap = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Argo CD's `normalize`: lower case, DNS characters only, at most 253, trimmed of `-` and `.`. */
export function sanitizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^-a-z0-9.]/g, '-')
    .slice(0, 253)
    .replace(/^[-.]+|[-.]+$/g, '');
}

/** A URL fit for a message: credentials in its user info are dropped. */
export function displayURL(url: unknown): string {
  return String(url ?? '').replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}
