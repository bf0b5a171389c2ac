import {
  DEFAULT_API_VERSIONS,
  DEFAULT_KUBE_VERSION,
  type HelmCapabilities,
} from '../helm/chart';
/** Layout, discovery and convention settings of the engine. All optional. @public */
export interface AnalyzeOptions {
  /** Environments to analyse. Default `local`, `dev`, `staging`, `production`. */
  environments?: string[];
  /** Environments seeded from the fixture map by the bootstrap job. Default `local`, `dev`. */
  fixtureEnvironments?: string[];
  /** Real environments where an empty fixture override means "provide it for real". Default `production`. */
  productionEnvironments?: string[];
  /** Root of the charts: `<chartsRoot>/<group>/<chart>/Chart.yaml`. Default `sources/charts`. */
  chartsRoot?: string;
  /** Root of the layered values. Default `sources/values`. */
  valuesRoot?: string;
  /** Folder of values shared by every environment. Default `_shared`. */
  sharedValuesDir?: string;
  /** Folder of per-environment values. Default `env`. */
  envValuesDir?: string;
  /** Chart groups whose releases are foundation bundles. Default `foundation`. */
  foundationGroups?: string[];
  /** Release whose values hold the fixture map. Default `foundation-vault-bootstrap`. */
  fixtureRelease?: string;
  /** Key of the fixture map in those values. Default `fixtures`. */
  fixtureKey?: string;
  /** Values key listing other writers of Vault keys. Default `secretWriters`. */
  writersKey?: string;
  /**
   * Pattern of writer names that are an external key-vault sync (a writer may
   * also say `kind: external-sync`). Such a writer fills the real
   * environments: without an explicit `environments:` list it does not count
   * in the fixture environments, whose keys the fixture map seeds.
   * Default matches `key-vault`/`keyvault` and `external-sync`.
   */
  externalSyncWriterPattern?: string;
  /**
   * Every environment of the repository. Releases of these environments
   * that are not analysed are still rendered to tell whether a fixture has a
   * consumer (so a run limited to some environments reports no false orphan
   * fixture). Default: `environments`, `fixtureEnvironments`,
   * `productionEnvironments` and the folders under `<valuesRoot>/<envValuesDir>/`.
   */
  knownEnvironments?: string[];
  /** Values key listing Secrets produced by operators or Helm in the cluster. Default `clusterManagedSecrets`. */
  clusterManagedKey?: string;
  /** Annotation on an ExternalSecret declaring its origin class. Default `secrets.ameide.io/origin`. */
  originAnnotation?: string;
  /** Folders (prefixes) never read as raw manifests. */
  ignorePaths?: string[];
  /**
   * Where releases are discovered: Argo CD Applications/ApplicationSets,
   * Flux HelmReleases, and the layout convention for charts no declaration
   * names. Default all three.
   */
  discovery?: Array<'argocd' | 'flux' | 'layout'>;
  /** Catalog entities and the charts they own. */
  entities?: Array<{ entityRef: string; chart: string; releases?: string[] }>;
  /** Pattern of fixture values that are placeholders. Default matches `placeholder`, `changeme`, `dummy`, `local-dev`. */
  placeholderPattern?: string;
  /**
   * The cluster charts are rendered for. `kubeVersion` is
   * `.Capabilities.KubeVersion` (default `v1.32.0`); `apiVersions` is what
   * `.Capabilities.APIVersions.Has` knows, as `group/version` or
   * `group/version/Kind` (default: the Kubernetes built-in API groups plus
   * `external-secrets.io/v1beta1` and `external-secrets.io/v1`; a list given
   * here replaces the default).
   */
  helm?: { kubeVersion?: string; apiVersions?: string[] };
}

export interface ResolvedOptions {
  environments: string[];
  fixtureEnvironments: string[];
  productionEnvironments: string[];
  chartsRoot: string;
  valuesRoot: string;
  sharedValuesDir: string;
  envValuesDir: string;
  foundationGroups: string[];
  fixtureRelease: string;
  fixtureKey: string;
  writersKey: string;
  externalSyncWriter: RegExp;
  knownEnvironments?: string[];
  clusterManagedKey: string;
  originAnnotation: string;
  ignorePaths: string[];
  discovery: Array<'argocd' | 'flux' | 'layout'>;
  entities: Array<{ entityRef: string; chart: string; releases?: string[] }>;
  placeholder: RegExp;
  helm: HelmCapabilities;
}

const trimSlash = (s: string) => s.replace(/^\.?\/+/, '').replace(/\/+$/, '');

export function resolveOptions(o: AnalyzeOptions = {}): ResolvedOptions {
  const environments = o.environments?.length
    ? o.environments
    : ['local', 'dev', 'staging', 'production'];
  return {
    environments,
    fixtureEnvironments: o.fixtureEnvironments ?? ['local', 'dev'],
    productionEnvironments: o.productionEnvironments ?? ['production'],
    chartsRoot: trimSlash(o.chartsRoot ?? 'sources/charts'),
    valuesRoot: trimSlash(o.valuesRoot ?? 'sources/values'),
    sharedValuesDir: o.sharedValuesDir ?? '_shared',
    envValuesDir: o.envValuesDir ?? 'env',
    foundationGroups: o.foundationGroups ?? ['foundation'],
    fixtureRelease: o.fixtureRelease ?? 'foundation-vault-bootstrap',
    fixtureKey: o.fixtureKey ?? 'fixtures',
    writersKey: o.writersKey ?? 'secretWriters',
    externalSyncWriter: new RegExp(
      o.externalSyncWriterPattern ?? 'key-?vault|external-sync',
      'i',
    ),
    ...(o.knownEnvironments ? { knownEnvironments: o.knownEnvironments } : {}),
    clusterManagedKey: o.clusterManagedKey ?? 'clusterManagedSecrets',
    originAnnotation: o.originAnnotation ?? 'secrets.ameide.io/origin',
    ignorePaths: (o.ignorePaths ?? []).map(trimSlash),
    discovery: o.discovery ?? ['argocd', 'flux', 'layout'],
    entities: (o.entities ?? []).map(e => ({
      ...e,
      chart: trimSlash(e.chart),
    })),
    placeholder: new RegExp(
      o.placeholderPattern ??
        'placeholder|changeme|change-me|dummy|local-dev|not-a-real',
      'i',
    ),
    helm: {
      kubeVersion: o.helm?.kubeVersion ?? DEFAULT_KUBE_VERSION,
      apiVersions: o.helm?.apiVersions ?? [...DEFAULT_API_VERSIONS],
    },
  };
}

const STRING_LISTS = [
  'environments',
  'fixtureEnvironments',
  'productionEnvironments',
  'knownEnvironments',
  'foundationGroups',
  'ignorePaths',
] as const;
const STRINGS = [
  'chartsRoot',
  'valuesRoot',
  'sharedValuesDir',
  'envValuesDir',
  'fixtureRelease',
  'fixtureKey',
  'writersKey',
  'externalSyncWriterPattern',
  'clusterManagedKey',
  'originAnnotation',
  'placeholderPattern',
] as const;
const DISCOVERY = ['argocd', 'flux', 'layout'];

const isStringList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every(x => typeof x === 'string' && x.length > 0);

/**
 * Checks engine options read from a file (the CLI's `--config`): unknown
 * keys and wrong types are errors naming the key, never silently ignored.
 * @public
 */
export function validateAnalyzeOptions(raw: unknown): AnalyzeOptions {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error('engine options must be a JSON object');
  }
  const o = raw as Record<string, unknown>;
  const known = new Set<string>([
    ...STRING_LISTS,
    ...STRINGS,
    'discovery',
    'entities',
    'helm',
  ]);
  for (const key of Object.keys(o)) {
    if (!known.has(key)) throw new Error(`unknown option "${key}"`);
  }
  for (const key of STRING_LISTS) {
    if (o[key] !== undefined && !isStringList(o[key]))
      throw new Error(`"${key}" must be a list of non-empty strings`);
  }
  for (const key of STRINGS) {
    if (o[key] !== undefined && (typeof o[key] !== 'string' || !o[key]))
      throw new Error(`"${key}" must be a non-empty string`);
  }
  for (const key of [
    'placeholderPattern',
    'externalSyncWriterPattern',
  ] as const) {
    if (o[key] === undefined) continue;
    try {
      RegExp(o[key] as string, 'i');
    } catch {
      throw new Error(`"${key}" must be a valid regular expression`);
    }
  }
  if (
    o.discovery !== undefined &&
    !(
      isStringList(o.discovery) && o.discovery.every(d => DISCOVERY.includes(d))
    )
  ) {
    throw new Error(`"discovery" must be a list of ${DISCOVERY.join(', ')}`);
  }
  if (o.entities !== undefined) {
    const ok =
      Array.isArray(o.entities) &&
      o.entities.every(
        (e: any) =>
          e &&
          typeof e.entityRef === 'string' &&
          typeof e.chart === 'string' &&
          (e.releases === undefined || isStringList(e.releases)),
      );
    if (!ok)
      throw new Error(
        '"entities" must be a list of { entityRef, chart, releases? }',
      );
  }
  if (o.helm !== undefined) {
    const h = o.helm as Record<string, unknown>;
    if (typeof h !== 'object' || h === null || Array.isArray(h))
      throw new Error(
        '"helm" must be an object { kubeVersion?, apiVersions? }',
      );
    for (const key of Object.keys(h)) {
      if (key !== 'kubeVersion' && key !== 'apiVersions')
        throw new Error(`unknown option "helm.${key}"`);
    }
    if (
      h.kubeVersion !== undefined &&
      (typeof h.kubeVersion !== 'string' ||
        !/^v?\d+\.\d+(\.\d+)?([-+].*)?$/.test(h.kubeVersion))
    )
      throw new Error('"helm.kubeVersion" must be a version such as v1.32.0');
    if (h.apiVersions !== undefined && !isStringList(h.apiVersions))
      throw new Error('"helm.apiVersions" must be a list of non-empty strings');
  }
  return o as AnalyzeOptions;
}
