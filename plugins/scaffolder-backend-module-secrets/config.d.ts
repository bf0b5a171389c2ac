export interface Config {
  scaffolder?: {
    /** Settings of the chart-owned secrets action (`secrets:chart-externalsecrets:create`). */
    secrets?: {
      /**
       * Store referenced by generated ExternalSecrets when the template does
       * not name one. Default `ClusterSecretStore/ameide-vault`.
       */
      defaultStore?: {
        kind: 'SecretStore' | 'ClusterSecretStore';
        name: string;
      };
      /**
       * Fixture-map values files (workspace-relative) updated when the
       * template names none. Default
       * `['sources/values/_shared/foundation/foundation-vault-bootstrap.yaml']`.
       */
      fixtureFiles?: string[];
      /**
       * Fixture overrides of real environments that get an empty entry
       * ("provide it for real") when the template names none. Default `[]`.
       */
      productionFixtureFiles?: string[];
      /**
       * Writer declared for external keys that have a production override.
       * Default `external-key-vault-sync`.
       */
      externalWriter?: string;
    };
  };
  /**
   * The action also reads `secrets.engine` (declared by the secrets backend
   * plugin's schema): its `fixtureKey`, the layout options for the ownership
   * check, and `tree`. Checked at start-up by the engine's own check.
   */
  secrets?: {
    /** The analysis engine's options; see the engine README, section "Options". */
    engine?: { [key: string]: unknown };
  };
}
