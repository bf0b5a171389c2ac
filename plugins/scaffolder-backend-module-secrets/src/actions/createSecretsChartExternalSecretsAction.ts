import {
  planChartExternalSecrets,
  readFileTree,
  ScaffoldError,
} from '@ameideio/plugin-secrets-node';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { examples } from './createSecretsChartExternalSecretsAction.examples';

/** Id of the action. @public */
export const SECRETS_CHART_EXTERNALSECRETS_ACTION_ID = 'secrets:chart-externalsecrets:create';

/**
 * Creates the scaffolder action that makes a chart own its ExternalSecrets:
 * a values-driven template, the values block and the fixture entries.
 * @public
 */
export function createSecretsChartExternalSecretsAction(options: {
  defaultStore?: { kind: 'SecretStore' | 'ClusterSecretStore'; name: string };
} = {}) {
  const defaultStore = options.defaultStore ?? { kind: 'ClusterSecretStore' as const, name: 'ameide-vault' };
  return createTemplateAction({
    id: SECRETS_CHART_EXTERNALSECRETS_ACTION_ID,
    description:
      'Generates a chart-owned ExternalSecret template, its values and the Vault fixture entries for a service.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        chartPath: z => z.string().min(1).describe('Chart directory inside the workspace'),
        serviceName: z => z.string().min(1).describe('Service name (DNS-1123 label)'),
        namespace: z => z.string().min(1).describe('Namespace of the service (DNS-1123 label)'),
        store: z =>
          z
            .object({ kind: z.enum(['SecretStore', 'ClusterSecretStore']), name: z.string().min(1) })
            .optional()
            .describe(`Store reference; default ${defaultStore.kind}/${defaultStore.name}`),
        refreshInterval: z => z.string().optional().describe('ESO refresh interval, e.g. 1h'),
        secrets: z =>
          z
            .array(
              z.object({
                name: z.string().min(1).describe('Target Secret name'),
                origin: z.enum(['external', 'service-generated', 'cluster-managed']).optional(),
                keys: z
                  .array(
                    z.object({
                      secretKey: z.string().min(1),
                      vaultKey: z.string().min(1),
                      property: z.string().optional(),
                    }),
                  )
                  .min(1),
              }),
            )
            .min(1)
            .describe('Target Secrets and their keys'),
        environments: z => z.array(z.string()).optional().describe('Environments the service runs in'),
        fixtureFiles: z => z.array(z.string()).optional().describe('Fixture-map values files to add entries to'),
        productionFixtureFiles: z =>
          z.array(z.string()).optional().describe('Fixture overrides of real environments (empty = provide for real)'),
      },
      output: {
        writtenPaths: z => z.array(z.string()).describe('Files written (or that would be written on a dry run)'),
        fixtureKeysAdded: z => z.array(z.string()).describe('Fixture keys added'),
      },
    },
    async handler(ctx) {
      const workspace = resolve(ctx.workspacePath);
      let plan;
      try {
        const tree = await readFileTree(workspace);
        plan = planChartExternalSecrets(tree, { ...ctx.input, store: ctx.input.store ?? defaultStore });
      } catch (e) {
        if (e instanceof ScaffoldError) throw new InputError(e.message);
        throw e;
      }
      const changed = plan.files.filter(f => f.change !== 'unchanged');
      for (const f of plan.files) {
        ctx.logger.info(`${ctx.isDryRun ? 'would ' : ''}${f.change} ${f.path}`);
      }
      if (!ctx.isDryRun) {
        await ctx.checkpoint({
          key: `secrets-chart-externalsecrets-${ctx.input.serviceName}`,
          fn: async () => {
            for (const f of changed) {
              const target = resolve(workspace, f.path);
              const rel = relative(workspace, target);
              if (rel.startsWith('..') || rel.includes(`..${sep}`) || resolve(target) === workspace) {
                throw new InputError(`Refusing to write outside the workspace: ${f.path}`);
              }
              await fs.mkdir(dirname(target), { recursive: true });
              await fs.writeFile(target, f.content, 'utf8');
            }
          },
        });
      } else {
        // a dry run reports every file and its content; fixture placeholders say they are placeholders
        for (const f of changed) ctx.logger.info(`--- ${join(f.path)}\n${f.content}`);
      }
      ctx.output('writtenPaths', changed.map(f => f.path));
      ctx.output('fixtureKeysAdded', plan.fixtureKeysAdded);
    },
  });
}
