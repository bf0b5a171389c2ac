/*
 * An example of the secrets backend's seams, as a platform team would write
 * one: a backend module that
 *  - declares the Secrets an in-house operator produces (producer rules),
 *  - adds a rule of its own (a detector over the value-free repository view),
 *  - adds live sources of its own: one offline cluster source per export
 *    the platform's CI drops for its air-gapped clusters, as
 *    `<platformConventions.clusterExportsDir>/<environment>/<cluster>.yaml`
 *    (`kubectl get externalsecrets,secretstores,clustersecretstores,events -A -o yaml`),
 *  - wraps the configured GitOps source (here: logs each read's size).
 */
import { SnapshotClusterSource } from '@ameideio/plugin-secrets-backend';
import {
  secretsAnalysisExtensionPoint,
  secretsSourcesExtensionPoint,
} from '@ameideio/plugin-secrets-node';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
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
        config: coreServices.rootConfig,
      },
      async init({ analysis, sources, logger, config }) {
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
        const exportsDir = config.getOptionalString(
          'platformConventions.clusterExportsDir',
        );
        if (exportsDir) {
          const found = await clusterExports(exportsDir).catch(e => {
            // a wrong path is a configuration error worth a line, not a crash
            logger.warn(
              `Air-gapped cluster exports: cannot read ${exportsDir} (${
                (e as NodeJS.ErrnoException).code ?? 'error'
              }); no cluster added`,
            );
            return [];
          });
          sources.addLiveSource(
            ...found.map(e =>
              SnapshotClusterSource.create({
                cluster: e.cluster,
                environment: e.environment,
                files: [e.file],
              }),
            ),
          );
          logger.info(
            `Air-gapped cluster exports: ${found.length} cluster(s) from ${exportsDir}`,
          );
        }
        sources.setGitOpsSource(({ getDefault }) => {
          const inner = getDefault();
          if (!inner) return undefined;
          return {
            id: inner.id,
            async read(ctx) {
              const tree = await inner.read(ctx);
              logger.info(`GitOps read: ${tree.files.size} files`);
              return tree;
            },
          };
        });
      },
    });
  },
});

/** `<dir>/<environment>/<cluster>.yaml`, sorted; rejects when `dir` cannot be read. */
async function clusterExports(
  dir: string,
): Promise<Array<{ environment: string; cluster: string; file: string }>> {
  const out: Array<{ environment: string; cluster: string; file: string }> = [];
  const envs = await readdir(dir, { withFileTypes: true });
  for (const env of envs.filter(e => e.isDirectory())) {
    for (const name of (await readdir(join(dir, env.name))).sort()) {
      const m = /^([a-z0-9][a-z0-9.-]*)\.ya?ml$/.exec(name);
      if (m)
        out.push({
          environment: env.name,
          cluster: m[1],
          file: join(dir, env.name, name),
        });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}
