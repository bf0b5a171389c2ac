import { secretsPermissions } from '@ameideio/plugin-secrets-common';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readSecretsConfig } from './config';
import { createRouter } from './service/router';
import { SecretsService } from './service/SecretsService';
import { LocalDirGitOpsSource } from './sources/GitOpsSource';

/**
 * The secrets backend plugin: joins the GitOps analysis with live state and
 * serves it per entity and platform-wide at /api/secrets.
 * @public
 */
export const secretsPlugin = createBackendPlugin({
  pluginId: 'secrets',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
      },
      async init({ config, logger, httpRouter, httpAuth, permissions, permissionsRegistry, scheduler, auditor, catalog }) {
        const cfg = readSecretsConfig(config);
        const gitops = cfg.gitopsDir
          ? new LocalDirGitOpsSource(cfg.gitopsDir, {
              environments: cfg.environments,
              fixtureEnvironments: cfg.fixtureEnvironments,
              productionEnvironments: cfg.productionEnvironments,
              fixtureRelease: cfg.fixtureRelease,
            })
          : undefined;
        if (!gitops) {
          logger.warn('No GitOps repository: set secrets.gitops.dir');
        }
        const service = SecretsService.create({
          gitops,
          logger,
          sourceUrl: cfg.sourceUrl,
          fixtureEnvironments: cfg.fixtureEnvironments,
        });
        permissionsRegistry.addPermissions(secretsPermissions);

        const taskId = 'secrets:refresh';
        await scheduler.scheduleTask({
          id: taskId,
          frequency: cfg.frequency,
          timeout: cfg.timeout,
          initialDelay: { seconds: 0 },
          scope: 'local',
          fn: () => service.refresh(),
        });
        httpRouter.use(
          await createRouter({
            service,
            httpAuth,
            permissions,
            catalog,
            auditor,
            refresh: () => scheduler.triggerTask(taskId).catch(() => service.refresh()),
          }),
        );
      },
    });
  },
});
