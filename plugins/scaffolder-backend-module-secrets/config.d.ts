export interface Config {
  scaffolder?: {
    secrets?: {
      /**
       * Store referenced by generated ExternalSecrets when the template does
       * not name one. Default `ClusterSecretStore/ameide-vault`.
       */
      defaultStore?: {
        kind: 'SecretStore' | 'ClusterSecretStore';
        name: string;
      };
    };
  };
}
