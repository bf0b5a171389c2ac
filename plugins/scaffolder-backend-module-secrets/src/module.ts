import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createSecretsChartExternalSecretsAction } from './actions/createSecretsChartExternalSecretsAction';

/**
 * Registers the chart-owned secrets action with the scaffolder.
 * @public
 */
export const scaffolderModuleSecrets = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'secrets',
  register(env) {
    env.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint, config: coreServices.rootConfig },
      async init({ scaffolder, config }) {
        const store = config.getOptionalConfig('scaffolder.secrets.defaultStore');
        const kind = store?.getString('kind');
        if (kind && kind !== 'SecretStore' && kind !== 'ClusterSecretStore') {
          throw new Error('Invalid scaffolder.secrets.defaultStore.kind: expected SecretStore or ClusterSecretStore');
        }
        scaffolder.addActions(
          createSecretsChartExternalSecretsAction({
            defaultStore: store
              ? { kind: kind as 'SecretStore' | 'ClusterSecretStore', name: store.getString('name') }
              : undefined,
          }),
        );
      },
    });
  },
});
