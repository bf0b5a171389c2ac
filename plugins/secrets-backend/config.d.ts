export interface Config {
  /** Secret governance suite (backend plugin `secrets`). */
  secrets?: {
    gitops?: {
      /**
       * Local directory of the GitOps repository, relative to the backend's
       * working directory. Default: the demo repository `examples/gitops`,
       * searched upwards from the working directory.
       */
      dir?: string;
      /**
       * Repository URL read through Backstage's UrlReader (`readTree`, any
       * configured integration), e.g.
       * `https://github.com/acme/gitops/tree/main`. Downloaded again only
       * when its ETag changes. Mutually exclusive with `dir`.
       */
      url?: string;
      /**
       * Base URL used to link findings to files, e.g.
       * `https://github.com/acme/gitops/blob/main`.
       */
      sourceUrl?: string;
    };
    /** Environments analysed. Default: the environments the repository shows (values folders, cluster/overlay folders, Argo CD / Flux declarations), else one implicit environment. */
    environments?: string[];
    /** Environments seeded from the fixture map. Default: the engine's choice for the repository (names like `local`, `dev`, `ci`). */
    fixtureEnvironments?: string[];
    /** Real environments where an empty fixture override needs a real writer. Default: the engine's choice for the repository (names like `prod`, `production`). */
    productionEnvironments?: string[];
    /** Release whose values hold the fixture map. Default `foundation-vault-bootstrap`. */
    fixtureRelease?: string;
    /**
     * Every option of the analysis engine: the same keys and shapes as the
     * CLI's `--config` JSON file, checked at start-up by the engine's own
     * `parseEngineOptions`: an unknown key or a wrong value fails start-up
     * naming `secrets.engine.<key>` (every wrong key, not only the first).
     * The four keys `environments`, `fixtureEnvironments`,
     * `productionEnvironments` and `fixtureRelease` may be set at `secrets.`
     * instead (not in both places). Environment names must be lower-case
     * DNS-1123 labels. The table of every option, with its default, is in
     * the engine README (section "Options").
     */
    engine?: {
      /**
       * Environments analysed. Default: `knownEnvironments` when given, else
       * the environments the repository shows (folders under
       * `<valuesRoot>/<envValuesDir>/`, `clusters/`, `environments/`,
       * `envs/`, `overlays/`, and names Argo CD / Flux declarations give),
       * else one implicit environment `default`.
       */
      environments?: string[];
      /** Environments seeded from the fixture map. Default: the environments named like dev/CI (`local`, `dev`, `ci`, `kind`, `test`, ...). */
      fixtureEnvironments?: string[];
      /** Real environments where an empty fixture override needs a real writer. Default: the environments named like production (`prod`, `production`, `prd`, `live`). */
      productionEnvironments?: string[];
      /** Every environment of the repository, rendered for context (no false orphan fixture when only some are analysed). Default: `environments` and the environments the repository shows. */
      knownEnvironments?: string[];
      /** Root of the charts (`<chartsRoot>/<group>/<chart>/Chart.yaml`). Default `sources/charts`. */
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
      /** Values paths of the fixture release holding fixture entries besides `fixtureKey`, e.g. `bootstrap.placeholders`. Default none. */
      placeholderPaths?: string[];
      /**
       * Maximum ages of Vault keys (from KV v2 metadata, never values): the
       * live analysis reports `rotation-overdue` for older keys. The most
       * specific rule wins: `keys` (first pattern match; `*` within a path
       * segment, `**` across), then `environments`, then `maxAgeDays`.
       * Limits are per origin class (`external`, `service-generated`,
       * `unknown`, `default`). Default: none.
       */
      rotation?: {
        maxAgeDays?: { [originClass: string]: number };
        environments?: {
          [environment: string]: { [originClass: string]: number };
        };
        keys?: Array<{
          pattern: string;
          maxAgeDays: number;
          environments?: string[];
        }>;
        /** Default `warning`. */
        severity?: 'warning' | 'error';
      };
      /** Values key listing other writers of Vault keys. Default `secretWriters`. */
      writersKey?: string;
      /** Pattern (regular expression, case-insensitive) of writer names that are an external key-vault sync. Default `key-?vault|external-sync`. */
      externalSyncWriterPattern?: string;
      /** Values key listing Secrets produced in the cluster. Default `clusterManagedSecrets`. */
      clusterManagedKey?: string;
      /** Annotation declaring an ExternalSecret's origin class. Default `secrets.ameide.io/origin`. */
      originAnnotation?: string;
      /** Paths never read as manifests: folder prefixes (`legacy/manifests`) or globs (`*.example.yaml`). Default none. */
      ignorePaths?: string[];
      /** Whether the default ignore list (CI and tool folders, task-runner files, Helm values files) applies on top of `ignorePaths`. Default true. */
      defaultIgnores?: boolean;
      /** Where releases are discovered: `argocd`, `flux`, `layout`. Default all three. */
      discovery?: Array<'argocd' | 'flux' | 'layout'>;
      /** Catalog entities and the charts they own, besides the `ameide.io/chart` annotations of entity files in the repository. Default none. */
      entities?: Array<{
        entityRef: string;
        chart: string;
        releases?: string[];
      }>;
      /** Pattern (regular expression, case-insensitive) of fixture values that are placeholders. Default `placeholder|changeme|change-me|dummy|local-dev|not-a-real`. */
      placeholderPattern?: string;
      /** How Argo CD declarations are read. */
      argocd?: {
        /** URLs that are this repository; git generators, sources and value files of other URLs are reported and not read. Default: every repoURL is this repository. */
        repoURLs?: string[];
        /** Clusters registered in Argo CD but not declared in the repository, for the clusters generator. Default none. */
        clusters?: Array<{
          name: string;
          server: string;
          labels?: { [name: string]: string };
          annotations?: { [name: string]: string };
          project?: string;
        }>;
        /** Globbing of the git files generator: `greedy` (Argo CD's default) or `strict`. Default `greedy`. */
        gitFileGlobbing?: 'greedy' | 'strict';
      };
      /**
       * Operators producing (and reading) Secrets, besides the built-in ones,
       * e.g. `{ apiVersion: 'postgresql.cnpg.io/*', kind: 'Cluster', secrets: ['{{name}}-app'] }`.
       * Names are templates (`{{path}}`, `{{path|filter}}`; filters `dashes`,
       * `lower`, `afterDot`, `beforeDot`). Default none.
       */
      producers?: Array<{
        apiVersion: string;
        kind: string;
        operator?: string;
        secrets?: Array<
          | string
          | {
              name: string;
              forEach?: string;
              when?: string;
              unless?: string;
              namespace?: string;
              optional?: boolean;
            }
        >;
        consumes?: Array<
          | string
          | {
              name: string;
              forEach?: string;
              when?: string;
              unless?: string;
              namespace?: string;
              optional?: boolean;
            }
        >;
      }>;
      /** Whether the built-in operator rules (CloudNativePG, cert-manager, Strimzi, 1Password, ...) apply. Default true. */
      defaultProducers?: boolean;
      /**
       * Writers of Vault keys selected from values by path, e.g.
       * `{ path: 'azureKeyVault.secrets[].vaultKey', writer: 'azure-keyvault-sync' }`.
       * Default none.
       */
      writerSelectors?: Array<{
        release?: string;
        path: string;
        writer: string;
        kind?: string;
        properties?: string[];
        environments?: string[];
      }>;
      /** The cluster charts are rendered for (`.Capabilities`). */
      helm?: {
        /** `.Capabilities.KubeVersion`, e.g. `v1.30.0`. Default `v1.32.0`. */
        kubeVersion?: string;
        /** What `.Capabilities.APIVersions.Has` knows (`group/version` or `group/version/Kind`); replaces the default list. Default: the Kubernetes built-in groups and `external-secrets.io/v1beta1`, `external-secrets.io/v1`. */
        apiVersions?: string[];
      };
      /** Which files of the repository are read. */
      tree?: {
        /** File name suffixes read; replaces the default list (`.yaml`, `.yml`, `.tpl`, `.txt`, `.json`, `.toml`, `.conf`, `.env`, `.properties`, `.ini`). */
        extensions?: string[];
        /** Largest file read, in bytes. Default 5242880 (5 MB). */
        maxFileSize?: number;
        /** Most files read. Default 50000. */
        maxFiles?: number;
      };
    };
    /**
     * Clusters read live, by name from `kubernetes.clusterLocatorMethods`
     * (type `config`, `authProvider: serviceAccount`), each mapped to an
     * environment. Clusters not listed here are not read.
     */
    clusters?: Array<{
      /** Cluster name as in the Kubernetes plugin config. */
      name: string;
      /** Environment the cluster runs, e.g. `production`. */
      environment: string;
      /** Items per LIST page. Default 500. */
      pageSize?: number;
      /** Per request timeout. Default `{ seconds: 10 }`. */
      timeout?: { seconds?: number; minutes?: number };
    }>;
    /** One Vault per environment, read through node-vault (KV v2 metadata only). */
    vault?: Array<{
      environment: string;
      /** e.g. `https://vault.staging.example.com:8200`. */
      address: string;
      /** KV v2 mount. Default `secret`. */
      mount?: string;
      /** Vault Enterprise namespace. */
      namespace?: string;
      auth: {
        /** `token` (default) or `kubernetes`. */
        type?: 'token' | 'kubernetes';
        /**
         * Token for `token` auth.
         * @visibility secret
         */
        token?: string;
        /** Role for `kubernetes` auth. */
        role?: string;
        /** Mount path of the Kubernetes auth method. Default `kubernetes`. */
        mountPath?: string;
        /** Service account token file. Default `/var/run/secrets/kubernetes.io/serviceaccount/token`. */
        jwtPath?: string;
      };
      /** Folder under the mount to list. Default: the mount root. */
      pathPrefix?: string;
      /** Folder depth of the listing (1-16). Default 4. */
      maxDepth?: number;
      /** Most keys read. Default 5000. */
      maxKeys?: number;
      /** Parallel requests. Default 8. */
      concurrency?: number;
      /** Per request timeout. Default `{ seconds: 5 }`. */
      timeout?: { seconds?: number; minutes?: number };
      /** Read `subkeys` for property names. Default true. */
      subkeys?: boolean;
      /**
       * Opt-in: read the values of keys that have fixtures, compare their
       * sha256 digest with the fixture values' digests in memory and keep
       * only a boolean. Needs `read` on `<mount>/data/*`. Default false.
       */
      placeholderDetection?: boolean;
      /** Base64 PEM CA bundle of the Vault server. */
      caData?: string;
      /** Default false. */
      skipTLSVerify?: boolean;
    }>;
    /** Offline sources: the same data from files, for air-gapped portals and the demo. */
    snapshots?: {
      /** `kubectl get externalsecrets,secretstores,clustersecretstores,events -A -o yaml` output. */
      clusters?: Array<{
        name: string;
        environment?: string;
        file?: string;
        files?: string[];
      }>;
      /** Vault metadata dumps (JSON or YAML), one per environment. */
      vault?: Array<{ environment: string; file: string }>;
    };
    /**
     * How often sources are refreshed (one runner across replicas).
     * Default `{ minutes: 5 }`; timeout default `{ minutes: 2 }`.
     */
    schedule?: {
      frequency?: { minutes?: number; seconds?: number; hours?: number };
      timeout?: { minutes?: number; seconds?: number };
    };
    /**
     * Notifications to an entity's owners (through the notifications
     * plugin) when a new error-level finding, sync error or overdue key
     * appears, once per entity and cause across replicas, and when it goes.
     */
    notifications?: {
      /** Default false. */
      enabled?: boolean;
      /** No notification is sent in these hours; what was found is sent after. */
      quietHours?: {
        /** HH:MM */
        start: string;
        /** HH:MM */
        end: string;
        /** IANA time zone. Default UTC. */
        timeZone?: string;
      };
      /** Entity refs never notified. An entity also opts out with the annotation `ameide.io/secrets-notifications: disabled`. */
      excludeEntities?: string[];
      /** Least seconds between two evaluations. Default 30. */
      minIntervalSeconds?: number;
    };
    /**
     * Live state between full refreshes: Kubernetes watches of
     * ExternalSecrets, stores and their Warning events, and a Vault health
     * probe. One replica watches at a time; the others load what it stores.
     */
    live?: {
      /** Watch clusters (needs the `watch` verb in RBAC). Default true. */
      watch?: boolean;
      /** Seconds between Vault `sys/health` probes. Default 5. */
      probeSeconds?: number;
      /**
       * How long one replica holds the watch before it is handed on (the
       * watch task's timeout); a replica that dies loses it after this.
       * Default 120.
       */
      leaseSeconds?: number;
      /** Seconds between a follower replica's checks for newer stored snapshots while watching. Default 2. */
      followSeconds?: number;
    };
    /**
     * How long the entity endpoint reuses a caller's catalog read of an
     * entity, within one refresh. The catalog still authorizes each caller;
     * an entity change shows after this delay. Default 10; 0 reads the
     * catalog on every request.
     */
    catalogCacheSeconds?: number;
    /** Trends: per entity and environment counts stored after each refresh. */
    history?: {
      /**
       * Days of history kept; older refreshes are deleted (the one current
       * at the cutoff stays, as the start of the window). Default 90.
       */
      retentionDays?: number;
    };
  };
}
