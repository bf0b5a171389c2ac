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
       * Base URL used to link findings to files, e.g.
       * `https://github.com/acme/gitops/blob/main`.
       */
      sourceUrl?: string;
    };
    /** Environments analysed. Default `local`, `dev`, `staging`, `production`. */
    environments?: string[];
    /** Environments seeded from the fixture map. Default `local`, `dev`. */
    fixtureEnvironments?: string[];
    /** Real environments where an empty fixture override needs a real writer. Default `production`. */
    productionEnvironments?: string[];
    /** Release whose values hold the fixture map. Default `foundation-vault-bootstrap`. */
    fixtureRelease?: string;
    /**
     * How often sources are refreshed.
     * Default `{ minutes: 5 }`.
     */
    schedule?: {
      frequency?: { minutes?: number; seconds?: number; hours?: number };
      timeout?: { minutes?: number; seconds?: number };
    };
  };
}
