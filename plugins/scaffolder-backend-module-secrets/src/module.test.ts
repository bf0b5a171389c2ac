import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  scaffolderActionsExtensionPoint,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleSecrets } from './module';

function scaffolderWithActions(actions: TemplateAction<any, any, any>[]) {
  return createBackendPlugin({
    pluginId: 'scaffolder',
    register(env) {
      env.registerExtensionPoint(scaffolderActionsExtensionPoint, {
        addActions: (...a) => {
          actions.push(...a);
        },
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
}

describe('scaffolderModuleSecrets', () => {
  it('registers the actions through the actions extension point', async () => {
    const actions: TemplateAction<any, any, any>[] = [];
    const backend = await startTestBackend({
      features: [scaffolderWithActions(actions), scaffolderModuleSecrets],
    });
    expect(actions.map(a => a.id)).toStrictEqual([
      'secrets:chart-externalsecrets:create',
      'secrets:fix-finding',
      'secrets:scm-provider',
    ]);
    expect((actions[0].schema?.input as any).properties.store.description).toBe(
      'Store of the ExternalSecrets; default ClusterSecretStore/ameide-vault',
    );
    await backend.stop();
  });

  it('takes the default store from config', async () => {
    const actions: TemplateAction<any, any, any>[] = [];
    const backend = await startTestBackend({
      features: [
        scaffolderWithActions(actions),
        scaffolderModuleSecrets,
        mockServices.rootConfig.factory({
          data: {
            scaffolder: {
              secrets: {
                defaultStore: { kind: 'SecretStore', name: 'team-vault' },
              },
            },
          },
        }),
      ],
    });
    expect((actions[0].schema?.input as any).properties.store.description).toBe(
      'Store of the ExternalSecrets; default SecretStore/team-vault',
    );
    await backend.stop();
  });

  it.each([
    [
      { defaultStore: { kind: 'Vault', name: 'x' } },
      'Invalid scaffolder.secrets.defaultStore: kind must be SecretStore or ClusterSecretStore',
    ],
    [
      { defaultStore: { kind: 'SecretStore', name: 'Team Vault' } },
      'Invalid scaffolder.secrets.defaultStore: name "Team Vault" is not a DNS-1123 subdomain',
    ],
    [
      { fixtureFiles: ['../fixtures.yaml'] },
      'Invalid scaffolder.secrets.fixtureFiles: "../fixtures.yaml" must be a path relative to the workspace',
    ],
    [
      { externalWriter: 'a writer' },
      'Invalid scaffolder.secrets.externalWriter: "a writer" is not a valid writer name',
    ],
  ])('refuses to start with bad config %j', async (secrets, message) => {
    await expect(
      startTestBackend({
        features: [
          scaffolderWithActions([]),
          scaffolderModuleSecrets,
          mockServices.rootConfig.factory({
            data: { scaffolder: { secrets } },
          }),
        ],
      }),
    ).rejects.toThrow(message);
  });

  it('refuses to start with a wrong secrets.engine, naming the key', async () => {
    await expect(
      startTestBackend({
        features: [
          scaffolderWithActions([]),
          scaffolderModuleSecrets,
          mockServices.rootConfig.factory({
            data: { secrets: { engine: { fixtureKey: 7 } } },
          }),
        ],
      }),
    ).rejects.toThrow(
      'Invalid option at secrets.engine.fixtureKey: "fixtureKey" must be a non-empty string',
    );
  });
});
