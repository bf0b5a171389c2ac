import {
  type PlannedFile,
  planChartExternalSecrets,
  readFileTree,
  ScaffoldError,
} from '@ameideio/plugin-secrets-node';
import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  type TemplateActionOptions,
} from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import {
  defaultSecretsScaffolderConfig,
  type SecretsScaffolderConfig,
} from '../config';
import { examples } from './createSecretsChartExternalSecretsAction.examples';
import { checkOnDisk, writeStaged } from './workspaceFiles';

/** Id of the action. @public */
export const SECRETS_CHART_EXTERNALSECRETS_ACTION_ID =
  'secrets:chart-externalsecrets:create';

/** Options of {@link createSecretsChartExternalSecretsAction}. @public */
export type SecretsChartExternalSecretsActionOptions =
  Partial<SecretsScaffolderConfig>;

/** The zod the scaffolder hands each input schema. */
type Zod = Parameters<
  NonNullable<NonNullable<TemplateActionOptions['schema']>['input']>[string]
>[0];

/** An optional list of names or repository files. */
const optionalList = (description: string) => (z: Zod) =>
  z.array(z.string()).optional().describe(description);

/** What a run reports per file: never an existing value of a fixture map. */
const shown = (f: PlannedFile) => f.preview;

function summary(
  files: PlannedFile[],
  keys: string[],
  dryRun: boolean,
): string {
  const lines = [
    `${dryRun ? 'Would write' : 'Wrote'} ${
      files.filter(f => f.change !== 'unchanged').length
    } file(s); fixture keys added: ${keys.length ? keys.join(', ') : 'none'}.`,
  ];
  for (const f of files) {
    lines.push('', `### ${f.path} (${f.change})`);
    if (f.change === 'unchanged') continue;
    if (
      f.change === 'update' &&
      (f.role === 'fixtures' || f.role === 'production-fixtures')
    ) {
      lines.push('Entries added (existing entries are not shown):');
    } else if (f.change === 'update') {
      lines.push('Blocks written (the rest of the file is unchanged):');
    }
    lines.push('```yaml', shown(f).trimEnd(), '```');
  }
  return lines.join('\n');
}

/**
 * Creates the scaffolder action that makes a chart own its ExternalSecrets:
 * a values-driven template, the values block and the fixture entries.
 * @public
 */
export function createSecretsChartExternalSecretsAction(
  options: SecretsChartExternalSecretsActionOptions = {},
) {
  const cfg = { ...defaultSecretsScaffolderConfig, ...options };
  const { defaultStore } = cfg;
  return createTemplateAction({
    id: SECRETS_CHART_EXTERNALSECRETS_ACTION_ID,
    description:
      'Makes a chart own its secrets: a values-driven ExternalSecret template, the externalSecrets values and a fixture entry for every Vault key.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        chartPath: z =>
          z
            .string()
            .min(1)
            .describe('Chart directory, relative to the workspace'),
        serviceName: z =>
          z.string().min(1).max(63).describe('Service name (DNS-1123 label)'),
        namespace: z =>
          z
            .string()
            .min(1)
            .max(63)
            .describe('Namespace the service runs in (DNS-1123 label)'),
        store: z =>
          z
            .object({
              kind: z.enum(['SecretStore', 'ClusterSecretStore']),
              name: z.string().min(1),
            })
            .optional()
            .describe(
              `Store of the ExternalSecrets; default ${defaultStore.kind}/${defaultStore.name}`,
            ),
        refreshInterval: z =>
          z
            .string()
            .optional()
            .describe('ESO refresh interval, e.g. 1h (default 1h)'),
        secrets: z =>
          z
            .array(
              z.object({
                name: z
                  .string()
                  .min(1)
                  .describe('Target Secret name (DNS-1123 subdomain)'),
                origin: z
                  .enum(['external', 'service-generated', 'cluster-managed'])
                  .optional()
                  .describe(
                    'Authority of the values; default external. cluster-managed keys get no fixture',
                  ),
                writer: z
                  .string()
                  .optional()
                  .describe(
                    'Who writes the real value to Vault; required for service-generated',
                  ),
                keys: z
                  .array(
                    z.object({
                      secretKey: z
                        .string()
                        .min(1)
                        .describe('Key inside the Kubernetes Secret'),
                      vaultKey: z
                        .string()
                        .min(1)
                        .describe(
                          'Vault key under the KV mount, without secret/data/',
                        ),
                      property: z
                        .string()
                        .optional()
                        .describe('Vault property; default value'),
                    }),
                  )
                  .min(1),
              }),
            )
            .min(1)
            .describe('Target Secrets and their keys'),
        environments: optionalList(
          'Environments the service runs in; expands {env} in envValuesFiles',
        ),
        envValuesFiles: optionalList(
          'Per-environment values files that get secrets.enabled: true; {env} is expanded',
        ),
        fixtureFiles: optionalList(
          `Fixture-map values files; default ${
            cfg.fixtureFiles.join(', ') || 'none'
          }`,
        ),
        productionFixtureFiles: optionalList(
          'Fixture overrides of real environments; each key gets an empty entry ("provide it for real")',
        ),
        productionValuesFiles: optionalList(
          'Values files of the release in real environments, where the writer of external keys is declared; default the chart values',
        ),
      },
      output: {
        writtenPaths: z =>
          z
            .array(z.string())
            .describe('Files written (on a dry run: that would be written)'),
        fixtureKeysAdded: z =>
          z
            .array(z.string())
            .describe('Fixture keys added (key, or key#property)'),
        files: z =>
          z
            .array(
              z.object({
                path: z.string(),
                change: z.enum(['create', 'update', 'unchanged']),
                content: z.string(),
              }),
            )
            .describe(
              'Every file considered, with what may be shown of it: generated files whole, the edited blocks of existing values, only the entries added to fixture maps',
            ),
        summary: z =>
          z
            .string()
            .describe('Markdown summary of the files, for the task output'),
      },
    },
    async handler(ctx) {
      const workspace = await fs.realpath(ctx.workspacePath);
      const input = ctx.input;
      let plan;
      let tree;
      try {
        tree = await readFileTree(workspace, cfg.tree);
        plan = planChartExternalSecrets(tree, {
          chartPath: input.chartPath,
          serviceName: input.serviceName,
          namespace: input.namespace,
          store: input.store ?? defaultStore,
          refreshInterval: input.refreshInterval,
          secrets: input.secrets,
          environments: input.environments,
          envValuesFiles: input.envValuesFiles,
          fixtureFiles: input.fixtureFiles ?? cfg.fixtureFiles,
          productionFixtureFiles:
            input.productionFixtureFiles ?? cfg.productionFixtureFiles,
          productionValuesFiles: input.productionValuesFiles,
          externalWriter: cfg.externalWriter,
          fixtureKey: cfg.engine?.fixtureKey,
          analyzeOptions: {
            ...cfg.engine,
            ...(input.environments?.length
              ? { environments: input.environments }
              : {}),
          },
        });
      } catch (e) {
        if (e instanceof ScaffoldError) throw new InputError(e.message);
        throw e;
      }
      for (const f of plan.files)
        await checkOnDisk(workspace, f.path, tree.get(f.path));
      for (const w of plan.warnings) ctx.logger.warn(w);
      if (
        (input.productionFixtureFiles ?? cfg.productionFixtureFiles).length &&
        !input.productionValuesFiles?.length &&
        input.secrets.some(s => (s.origin ?? 'external') === 'external')
      ) {
        ctx.logger.warn(
          'The writer of external keys is declared in the chart values without environments, so it counts wherever the chart is installed outside the fixture environments; name productionValuesFiles to declare it for production only',
        );
      }

      const changed = plan.files.filter(f => f.change !== 'unchanged');
      for (const f of plan.files) {
        ctx.logger.info(
          `${ctx.isDryRun ? 'dry run, would ' : ''}${f.change} ${f.path}`,
        );
      }
      if (ctx.isDryRun) {
        for (const f of changed) ctx.logger.info(`${f.path}:\n${shown(f)}`);
      } else if (changed.length) {
        await ctx.checkpoint({
          key: `secrets-chart-externalsecrets-${input.serviceName}-${input.chartPath}`,
          fn: () => writeStaged(workspace, changed),
        });
      }
      ctx.output(
        'writtenPaths',
        changed.map(f => f.path),
      );
      ctx.output('fixtureKeysAdded', plan.fixtureKeysAdded);
      ctx.output(
        'files',
        plan.files.map(f => ({
          path: f.path,
          change: f.change,
          content: shown(f),
        })),
      );
      ctx.output(
        'summary',
        summary(plan.files, plan.fixtureKeysAdded, Boolean(ctx.isDryRun)),
      );
    },
  });
}
