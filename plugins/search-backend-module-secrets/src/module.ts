import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { readSecretsCollatorConfig } from './collators/config';
import { SecretsCollatorFactory } from './collators/SecretsCollatorFactory';

/**
 * Search backend module indexing the secrets inventory: ExternalSecrets,
 * target Secrets and Vault key names with their owning entity.
 * @public
 */
export const searchModuleSecretsCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'secrets-collator',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({
        auth,
        config,
        discovery,
        logger,
        scheduler,
        indexRegistry,
      }) {
        const { schedule } = readSecretsCollatorConfig(config);
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: SecretsCollatorFactory.fromConfig(config, {
            auth,
            discovery,
            logger,
          }),
        });
      },
    });
  },
});
