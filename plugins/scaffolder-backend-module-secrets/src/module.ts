import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createSecretsChartExternalSecretsAction } from './actions/createSecretsChartExternalSecretsAction';
import { createSecretsFixFindingAction } from './actions/createSecretsFixFindingAction';
import { createSecretsScmProviderAction } from './actions/createSecretsScmProviderAction';
import { readGitlabHosts, readSecretsScaffolderConfig } from './config';

/**
 * Registers the chart-owned secrets action, the fix-finding action and the
 * action that picks a pull or merge request with the scaffolder.
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
        const cfg = readSecretsScaffolderConfig(config);
        scaffolder.addActions(
          createSecretsChartExternalSecretsAction(cfg),
          createSecretsFixFindingAction(cfg),
          createSecretsScmProviderAction({
            gitlabHosts: readGitlabHosts(config),
          }),
        );
      },
    });
  },
});
