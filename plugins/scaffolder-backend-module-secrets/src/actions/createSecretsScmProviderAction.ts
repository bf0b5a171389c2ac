import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';

/** Id of the action. @public */
export const SECRETS_SCM_PROVIDER_ACTION_ID = 'secrets:scm-provider';

/** Options of {@link createSecretsScmProviderAction}. @public */
export interface SecretsScmProviderActionOptions {
  /** Hosts of the GitLab integrations (`integrations.gitlab[].host`); gitlab.com always is one. */
  gitlabHosts?: string[];
}

/** The host of a repository as the RepoUrlPicker gives it (`host?owner=…&repo=…`) or of a URL. */
export function repoUrlHost(repoUrl: string): string | undefined {
  try {
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(repoUrl)
      ? new URL(repoUrl)
      : new URL(`https://${repoUrl}`);
    return url.host.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

const ACTIONS = {
  gitlab: 'publish:gitlab:merge-request',
  github: 'publish:github:pull-request',
} as const;

/**
 * Creates the action that says how a change reaches a repository: a merge
 * request (`publish:gitlab:merge-request`) when its host is gitlab.com or a
 * configured GitLab integration, a pull request
 * (`publish:github:pull-request`) otherwise. The templates run the one it
 * names; the action itself writes nothing.
 * @public
 */
export function createSecretsScmProviderAction(
  options: SecretsScmProviderActionOptions = {},
) {
  const gitlab = new Set(
    ['gitlab.com', ...(options.gitlabHosts ?? [])].map(h => h.toLowerCase()),
  );
  return createTemplateAction({
    id: SECRETS_SCM_PROVIDER_ACTION_ID,
    description:
      'Says which action opens the change on a repository: publish:gitlab:merge-request for gitlab.com or a host of integrations.gitlab, publish:github:pull-request otherwise.',
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z
            .string()
            .min(1)
            .max(2048)
            .describe(
              'The repository, as the RepoUrlPicker gives it (host?owner=…&repo=…)',
            ),
      },
      output: {
        provider: z =>
          z.enum(['gitlab', 'github']).describe('Kind of the repository host'),
        host: z => z.string().describe('Host of the repository'),
        action: z =>
          z
            .string()
            .describe('The scaffolder action that opens the change there'),
      },
    },
    async handler(ctx) {
      const host = repoUrlHost(ctx.input.repoUrl);
      if (!host)
        throw new InputError(
          `repoUrl "${ctx.input.repoUrl}" names no repository host`,
        );
      const provider = gitlab.has(host) ? 'gitlab' : 'github';
      ctx.logger.info(
        `${host}: ${
          provider === 'gitlab' ? 'a merge request' : 'a pull request'
        }, by ${ACTIONS[provider]}`,
      );
      ctx.output('provider', provider);
      ctx.output('host', host);
      ctx.output('action', ACTIONS[provider]);
    },
  });
}
