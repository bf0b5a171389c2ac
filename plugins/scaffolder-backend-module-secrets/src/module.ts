import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createSecretsChartExternalSecretsAction } from './actions/createSecretsChartExternalSecretsAction';
import { readSecretsScaffolderConfig } from './config';

/**
 * Registers the chart-owned secrets action with the scaffolder.
 * @public
 */
export const scaffolderModuleSecrets = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'secrets',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, config }) {
        scaffolder.addActions(
          createSecretsChartExternalSecretsAction(
            readSecretsScaffolderConfig(config),
          ),
        );
      },
    });
  },
});
