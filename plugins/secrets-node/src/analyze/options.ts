import { resolveEnvironments } from './environments';
import { compileProducers, type CompiledRule } from './producers/registry';
import { type ProducerRule } from './producers/types';
import type { WriterSelector } from './writerSelectors';

import {
  DEFAULT_API_VERSIONS,
  DEFAULT_KUBE_VERSION,
  type HelmCapabilities,
} from '../helm/chart/capabilities';
import type { RotationPolicy } from '../live/rotation';

/** The writers that sync from an external key vault, as the options configure them. @public */
export function externalSyncWriterOf(o: AnalyzeOptions = {}): RegExp {
  return new RegExp(
    o.externalSyncWriterPattern ?? 'key-?vault|external-sync',
    'i',
  );
}

/** Layout, discovery and convention settings of the engine. All optional. @public */
export interface AnalyzeOptions {
  /**
   * Environments to analyse. Default: `knownEnvironments` when given, else
   * the environments the repository shows (folders under
   * `<valuesRoot>/<envValuesDir>/`, `clusters/<name>/`, `environments/<name>/`,
   * `envs/<name>/`, `overlays/<name>/`, `apps/<name>/` next to `apps/base/`,
   * and names Argo CD / Flux declarations give), else the single implicit
   * environment `default`.
   */
  environments?: string[];
  /**
   * Environments seeded from the fixture map by the bootstrap job. Default:
   * the environments whose name reads as dev/CI (`local`, `dev`,
   * `development`, `ci`, `kind`, `test`, ...); the implicit environment is
   * one only when the repository has a fixture map.
   */
  fixtureEnvironments?: string[];
  /**
   * Real environments where an empty fixture override means "provide it for
   * real". Default: the environments whose name reads as production
   * (`prod`, `production`, `prd`, `live`, `prod-eu`).
   */
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
   * fixture). Default: `environments` and the environments the repository
   * shows (see `environments`).
   */
  knownEnvironments?: string[];
  /** Values key listing Secrets produced by operators or Helm in the cluster. Default `clusterManagedSecrets`. */
  clusterManagedKey?: string;
  /** Annotation on an ExternalSecret declaring its origin class. Default `secrets.ameide.io/origin`. */
  originAnnotation?: string;
  /**
   * Paths never read as manifests: folder prefixes from the repository root
   * (`legacy/manifests`) or globs on the file name or path
   * (`*.example.yaml`). Added to the default list unless `defaultIgnores`
   * is false. Default none.
   */
  ignorePaths?: string[];
  /**
   * Whether the default ignore list applies on top of `ignorePaths`:
   * tool and CI folders at any depth (`.archive/`, `.github/`, `.gitlab/`,
   * `.gitea/`, `.forgejo/`, `.circleci/`, `.woodpecker/`, `.buildkite/`,
   * `.taskfiles/`, `.devcontainer/`, `.vscode/`), `.gitlab-ci.yml`,
   * `.pre-commit-config.yaml`, `.sops.yaml`, `.yamllint.yaml`, task-runner
   * files (`Taskfile*.yaml`) and Helm values files (`values*.yaml`).
   * Files that are not manifests, templates of other tools and delivery
   * configuration are never analysed as manifests whatever this says.
   * Default true.
   */
  defaultIgnores?: boolean;
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
  /** How Argo CD declarations are read. */
  argocd?: {
    /**
     * Repository URLs that are this repository: git generators, sources and
     * `$ref` value files pointing elsewhere are reported and not read.
     * Default: every repoURL is this repository.
     */
    repoURLs?: string[];
    /**
     * Clusters registered in Argo CD that the repository does not declare
     * as cluster Secrets, for the clusters generator. Default none (the
     * in-cluster default and the repository's cluster Secrets).
     */
    clusters?: Array<{
      name: string;
      server: string;
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
      project?: string;
    }>;
    /**
     * Globbing of the git files generator: `greedy` (Argo CD's default, `*`
     * also crosses `/`) or `strict` (the controller's new globbing). Default `greedy`.
     */
    gitFileGlobbing?: 'greedy' | 'strict';
  };
  /**
   * Operators that produce (and read) Secrets, in addition to the built-in
   * ones. Each rule names an `apiVersion` glob such as `postgresql.cnpg.io/*`,
   * a `kind`, and the Secret names it produces (`secrets`) and reads
   * (`consumes`) as templates over the object's fields, such as
   * `{{name}}-app`. See the engine README. Default none.
   */
  producers?: ProducerRule[];
  /**
   * Whether the built-in operator rules (CloudNativePG, Zalando, Crunchy
   * PGO, cert-manager, Strimzi, MongoDB Community, RabbitMQ, Keycloak,
   * Grafana, MinIO, sops-secrets-operator, 1Password, Vault Secrets
   * Operator) apply. Default true.
   */
  defaultProducers?: boolean;
  /**
   * Writers of Vault keys declared in a team's own values layout: each
   * selector has an optional `release` glob, a `path` over the values such
   * as `azureKeyVault.secrets[].vaultKey`, a `writer` name, and optionally
   * `kind`, `properties` and `environments` as in `secretWriters`.
   * Default none.
   */
  writerSelectors?: WriterSelector[];
  /**
   * Values paths of the fixture release that hold fixture entries (Vault key
   * to placeholder value), in addition to `fixtureKey`, such as
   * `bootstrap.placeholders`. Default none.
   */
  placeholderPaths?: string[];
  /**
   * Maximum ages of Vault keys per origin class, environment and key
   * pattern: the live analysis (portal, CLI with `--vault-snapshot`) reports
   * `rotation-overdue` for older keys. The static analysis does not use it.
   */
  rotation?: RotationPolicy;
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
  /** Placeholders until the analysis resolves the environments against the repository (see `environments.ts`). */
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
  defaultIgnores: boolean;
  discovery: Array<'argocd' | 'flux' | 'layout'>;
  entities: Array<{ entityRef: string; chart: string; releases?: string[] }>;
  placeholder: RegExp;
  /** The environment options as configured, before inference. */
  configuredEnvironments: Pick<
    AnalyzeOptions,
    | 'environments'
    | 'knownEnvironments'
    | 'fixtureEnvironments'
    | 'productionEnvironments'
  >;
  argocd: {
    repoURLs?: string[];
    clusters: Array<{
      name: string;
      server: string;
      labels: Record<string, string>;
      annotations: Record<string, string>;
      project?: string;
    }>;
    gitFileGlobbing: 'greedy' | 'strict';
  };
  producers: CompiledRule[];
  writerSelectors: WriterSelector[];
  placeholderPaths: string[];
  helm: HelmCapabilities;
}

const trimSlash = (s: string) => s.replace(/^\.?\/+/, '').replace(/\/+$/, '');

export function resolveOptions(o: AnalyzeOptions = {}): ResolvedOptions {
  // the repository decides the defaults: see resolveEnvironments
  const configured = resolveEnvironments(o, []);
  return {
    environments: configured.environments,
    fixtureEnvironments: configured.fixtureEnvironments ?? [],
    productionEnvironments: configured.productionEnvironments,
    configuredEnvironments: {
      ...(o.environments ? { environments: o.environments } : {}),
      ...(o.knownEnvironments
        ? { knownEnvironments: o.knownEnvironments }
        : {}),
      ...(o.fixtureEnvironments
        ? { fixtureEnvironments: o.fixtureEnvironments }
        : {}),
      ...(o.productionEnvironments
        ? { productionEnvironments: o.productionEnvironments }
        : {}),
    },
    chartsRoot: trimSlash(o.chartsRoot ?? 'sources/charts'),
    valuesRoot: trimSlash(o.valuesRoot ?? 'sources/values'),
    sharedValuesDir: o.sharedValuesDir ?? '_shared',
    envValuesDir: o.envValuesDir ?? 'env',
    foundationGroups: o.foundationGroups ?? ['foundation'],
    fixtureRelease: o.fixtureRelease ?? 'foundation-vault-bootstrap',
    fixtureKey: o.fixtureKey ?? 'fixtures',
    writersKey: o.writersKey ?? 'secretWriters',
    externalSyncWriter: externalSyncWriterOf(o),
    ...(o.knownEnvironments ? { knownEnvironments: o.knownEnvironments } : {}),
    clusterManagedKey: o.clusterManagedKey ?? 'clusterManagedSecrets',
    originAnnotation: o.originAnnotation ?? 'secrets.ameide.io/origin',
    ignorePaths: (o.ignorePaths ?? []).map(trimSlash),
    defaultIgnores: o.defaultIgnores ?? true,
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
    argocd: {
      ...(o.argocd?.repoURLs ? { repoURLs: o.argocd.repoURLs } : {}),
      clusters: (o.argocd?.clusters ?? []).map(c => ({
        ...c,
        labels: c.labels ?? {},
        annotations: c.annotations ?? {},
      })),
      gitFileGlobbing: o.argocd?.gitFileGlobbing ?? 'greedy',
    },
    producers: compileProducers(o.producers, o.defaultProducers !== false),
    writerSelectors: o.writerSelectors ?? [],
    placeholderPaths: o.placeholderPaths ?? [],
    helm: {
      kubeVersion: o.helm?.kubeVersion ?? DEFAULT_KUBE_VERSION,
      apiVersions: o.helm?.apiVersions ?? [...DEFAULT_API_VERSIONS],
    },
  };
}

export { validateAnalyzeOptions } from './parseEngineOptions';
