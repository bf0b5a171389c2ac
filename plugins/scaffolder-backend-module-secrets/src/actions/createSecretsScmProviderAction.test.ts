import { InputError } from '@backstage/errors';
import { ConfigReader } from '@backstage/config';
import { contextFor } from '../__testUtils__/workspace';
import { readGitlabHosts } from '../config';
import {
  createSecretsScmProviderAction,
  repoUrlHost,
} from './createSecretsScmProviderAction';

async function run(repoUrl: string, gitlabHosts?: string[]) {
  const action = createSecretsScmProviderAction({ gitlabHosts });
  const { ctx, outputs, logs } = contextFor('/nonexistent', { repoUrl });
  await action.handler(ctx);
  return { outputs, logs };
}

describe('secrets:scm-provider', () => {
  it.each([
    ['gitlab.com?owner=platform&repo=gitops', 'gitlab'],
    ['GitLab.com?owner=platform&repo=gitops', 'gitlab'],
    ['https://gitlab.com/platform/gitops', 'gitlab'],
    ['github.com?owner=platform&repo=gitops', 'github'],
    ['ghe.example.com?owner=platform&repo=gitops', 'github'],
    ['gitlab.example.com?owner=platform&repo=gitops', 'github'],
  ])('%s: %s', async (repoUrl, provider) => {
    const { outputs, logs } = await run(repoUrl);
    expect(outputs.provider).toBe(provider);
    expect(outputs.action).toBe(
      provider === 'gitlab'
        ? 'publish:gitlab:merge-request'
        : 'publish:github:pull-request',
    );
    expect(logs.join('\n')).toContain(outputs.action);
  });

  it('takes a configured GitLab integration host for GitLab, with its port', async () => {
    const config = new ConfigReader({
      integrations: {
        gitlab: [{ host: 'git.example.com:8443', token: 't' }, { token: 'u' }],
      },
    });
    const hosts = readGitlabHosts(config);
    expect(hosts).toStrictEqual(['git.example.com:8443', 'gitlab.com']);
    const { outputs } = await run(
      'git.example.com:8443?owner=platform&repo=gitops',
      hosts,
    );
    expect(outputs).toStrictEqual({
      provider: 'gitlab',
      host: 'git.example.com:8443',
      action: 'publish:gitlab:merge-request',
    });
    expect(readGitlabHosts(new ConfigReader({}))).toStrictEqual([]);
  });

  it('refuses a repoUrl without a host', async () => {
    await expect(run('?owner=a&repo=b')).rejects.toThrow(InputError);
    expect(repoUrlHost('')).toBeUndefined();
    expect(repoUrlHost('https://')).toBeUndefined();
  });
});
