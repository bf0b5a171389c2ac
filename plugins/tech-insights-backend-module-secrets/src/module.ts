import { createBackendModule } from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { secretsFactRetriever } from './secretsFactRetriever';

/**
 * Adds `secretsFactRetriever` to the Tech Insights backend. It is scheduled
 * by `techInsights.factRetrievers.secretsFactRetriever` (`cadence`, and
 * optionally `lifecycle`, `timeout`, `initialDelay`).
 * @public
 */
export const techInsightsModuleSecretsFactRetriever = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'secrets-fact-retriever',
  register(env) {
    env.registerInit({
      deps: { techInsights: techInsightsFactRetrieversExtensionPoint },
      async init({ techInsights }) {
        techInsights.addFactRetrievers({ secretsFactRetriever });
      },
    });
  },
});
