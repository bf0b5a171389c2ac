import type { EngineConfig } from '@ameideio/plugin-secrets-node';

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
    engine?: EngineConfig;
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
      /** Seconds between Vault `sys/health` probes. Default 3, so that a sealed Vault shows within 5 s. */
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
     * entity, and the overview, impact, inventory and platform history a
     * caller's list of chart entities, within one refresh. The catalog still
     * authorizes each caller; a catalog change shows after this delay.
     * Default 10; 0 reads the catalog on every request.
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
