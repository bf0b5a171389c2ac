/*
 * An example of the secrets backend's seams, as a platform team would write
 * one: a backend module that
 *  - declares the Secrets an in-house operator produces (producer rules),
 *  - adds a rule of its own (a detector over the value-free repository view),
 *  - wraps the configured GitOps source (here: logs each read's size).
 * Live cluster or Vault sources of another kind are added the same way with
 * `addLiveSource`.
 */
import {
  secretsAnalysisExtensionPoint,
  secretsSourcesExtensionPoint,
} from '@ameideio/plugin-secrets-node';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';

export default createBackendModule({
  pluginId: 'secrets',
  moduleId: 'platform-conventions',
  register(env) {
    env.registerInit({
      deps: {
        analysis: secretsAnalysisExtensionPoint,
        sources: secretsSourcesExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ analysis, sources, logger }) {
        // the platform's database operator makes `<name>-credentials` for each Database
        analysis.addProducerRules({
          operator: 'platform database operator',
          apiVersion: 'db.platform.example.com/*',
          kind: 'Database',
          secrets: ['{{name}}-credentials'],
        });
        // house rule: ExternalSecrets refresh at least daily
        analysis.addDetector({
          name: 'platform-refresh-interval',
          run: ctx =>
            ctx.externalSecrets
              .filter(
                es =>
                  es.kind === 'ExternalSecret' &&
                  /^(\d+)h$/.test(es.refreshInterval ?? '') &&
                  Number(/^(\d+)h$/.exec(es.refreshInterval!)![1]) > 24,
              )
              .map(es =>
                ctx.finding(
                  'refresh-ignored',
                  'info',
                  `ExternalSecret ${es.name} refreshes every ${es.refreshInterval}; the platform asks for at most 24h.`,
                  {
                    kind: 'ExternalSecret',
                    name: es.name,
                    namespace: es.namespace,
                  },
                  {
                    title: 'Refresh at least daily',
                    actions: ['Set spec.refreshInterval to 24h or less.'],
                  },
                  {
                    release: es.release,
                    chart: es.chart,
                    environment: es.environment,
                    sourceRef: es.sourceRef,
                    detail: 'platform-refresh-interval',
                  },
                ),
              ),
        });
        sources.setGitOpsSource(({ getDefault }) => {
          const inner = getDefault();
          if (!inner) return undefined;
          return {
            id: inner.id,
            async read(ctx) {
              const report = await inner.read(ctx);
              logger.info(
                `GitOps read: ${report.stats.files} files, ${report.externalSecrets.length} ExternalSecrets`,
              );
              return report;
            },
            ...(inner.fixtureDigests
              ? { fixtureDigests: r => inner.fixtureDigests!(r) }
              : {}),
          };
        });
      },
    });
  },
});
