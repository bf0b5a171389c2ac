import {
  FIXABLE_FINDING_TYPES,
  planFindingFix,
  readFileTree,
  safeRelativePath,
  ScaffoldError,
} from '@ameideio/plugin-secrets-node';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import {
  defaultSecretsScaffolderConfig,
  type SecretsScaffolderConfig,
} from '../config';
import { examples } from './createSecretsFixFindingAction.examples';
import { checkDirectory, checkOnDisk, writeStaged } from './workspaceFiles';

/** Id of the action. @public */
export const SECRETS_FIX_FINDING_ACTION_ID = 'secrets:fix-finding';

/** Options of {@link createSecretsFixFindingAction}. @public */
export type SecretsFixFindingActionOptions = Partial<SecretsScaffolderConfig>;

const asInputError = (e: unknown) =>
  e instanceof ScaffoldError ? new InputError(e.message) : e;

/**
 * Creates the scaffolder action that applies the engine's proposed fix of one
 * finding to the GitOps repository checked out in the workspace. It never
 * writes a secret value: a new fixture entry gets the placeholder the chart
 * action writes, and the output names files and keys, never values.
 * @public
 */
export function createSecretsFixFindingAction(
  options: SecretsFixFindingActionOptions = {},
) {
  const cfg = { ...defaultSecretsScaffolderConfig, ...options };
  return createTemplateAction({
    id: SECRETS_FIX_FINDING_ACTION_ID,
    description: `Applies the proposed fix of one finding (${FIXABLE_FINDING_TYPES.join(
      ', ',
    )}) to the GitOps repository in the workspace, with the comment-preserving YAML writer of the chart action.`,
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        type: z => z.enum(FIXABLE_FINDING_TYPES).describe('The finding type'),
        subject: z =>
          z
            .string()
            .min(1)
            .max(253)
            .describe(
              "The finding's subject: the Vault key, the fixture key or the ExternalSecret name",
            ),
        property: z =>
          z
            .string()
            .max(253)
            .optional()
            .describe('Vault key property (missing-fixture); default value'),
        environment: z =>
          z
            .string()
            .max(63)
            .optional()
            .describe("The finding's environment; default any"),
        vaultKey: z =>
          z
            .string()
            .max(253)
            .optional()
            .describe(
              'The remoteRef key (remote-ref-convention), as in the proposed fix',
            ),
        file: z =>
          z
            .string()
            .max(1024)
            .optional()
            .describe(
              'File to edit, relative to the repository; default the one the finding names. Required for empty-production-override: the values of the release that writes the key',
            ),
        repoPath: z =>
          z
            .string()
            .max(1024)
            .optional()
            .describe(
              'Directory of the GitOps repository inside the workspace; default the workspace',
            ),
      },
      output: {
        changedFiles: z =>
          z
            .array(z.string())
            .describe(
              'Files changed, relative to the workspace (on a dry run: that would change)',
            ),
        resolved: z =>
          z
            .boolean()
            .describe('Whether the engine no longer reports the finding'),
        summary: z => z.string().describe('One line saying what the fix does'),
      },
    },
    async handler(ctx) {
      // an unfixable type is refused by the planner, as an InputError below
      const input = ctx.input;
      const workspace = await fs.realpath(ctx.workspacePath);
      let repoRel: string | undefined;
      let plan;
      let tree;
      try {
        repoRel =
          input.repoPath && input.repoPath !== '.'
            ? safeRelativePath(input.repoPath, 'repoPath')
            : undefined;
        const repo = repoRel ? join(workspace, repoRel) : workspace;
        if (repoRel) await checkDirectory(workspace, repoRel, 'repoPath');
        tree = await readFileTree(repo, cfg.tree);
        plan = planFindingFix(tree, {
          type: input.type,
          subject: input.subject,
          property: input.property,
          environment: input.environment || undefined,
          vaultKey: input.vaultKey,
          file: input.file,
          fixtureFiles: cfg.fixtureFiles,
          externalWriter: cfg.externalWriter,
          fixtureKey: cfg.engine?.fixtureKey,
          analyzeOptions: cfg.engine,
        });
      } catch (e) {
        throw asInputError(e);
      }
      const prefix = repoRel ? `${repoRel}/` : '';
      const files = plan.files.map(f => ({ ...f, path: prefix + f.path }));
      for (const f of files)
        await checkOnDisk(
          workspace,
          f.path,
          tree.get(f.path.slice(prefix.length)),
        );
      for (const w of plan.warnings) ctx.logger.warn(w);
      for (const f of files) {
        ctx.logger.info(
          `${ctx.isDryRun ? 'dry run, would ' : ''}${f.change} ${f.path}:\n${
            f.preview
          }`,
        );
      }
      if (!ctx.isDryRun) {
        await ctx.checkpoint({
          key: `secrets-fix-finding-${input.type}-${input.subject}-${
            input.environment ?? ''
          }`,
          fn: () => writeStaged(workspace, files),
        });
      }
      ctx.output(
        'changedFiles',
        files.map(f => f.path),
      );
      ctx.output('resolved', plan.resolved);
      ctx.output('summary', plan.summary);
    },
  });
}
