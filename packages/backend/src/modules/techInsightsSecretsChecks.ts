/*
 * The demo's checks: the JSON rules engine fact checker with the secrets
 * suite's checks. An app that keeps its checks in app-config
 * (`techInsights.factChecker.checks`) adds the jsonfc module instead.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { techInsightsFactCheckerFactoryExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { JsonRulesEngineFactCheckerFactory } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import { secretsChecks } from '@ameideio/plugin-tech-insights-backend-module-secrets';

export default createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'secrets-checks',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        techInsights: techInsightsFactCheckerFactoryExtensionPoint,
      },
      async init({ logger, techInsights }) {
        techInsights.setFactCheckerFactory(
          new JsonRulesEngineFactCheckerFactory({
            checks: secretsChecks,
            logger,
          }),
        );
      },
    });
  },
});
