import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import searchModuleSecretsCollator from '.';

describe('searchModuleSecretsCollator', () => {
  it('registers the secrets collator with its schedule', async () => {
    const registry = { addCollator: jest.fn(), addDecorator: jest.fn() };
    await startTestBackend({
      extensionPoints: [[searchIndexRegistryExtensionPoint, registry]],
      features: [searchModuleSecretsCollator],
    });
    expect(registry.addCollator).toHaveBeenCalledTimes(1);
    expect(registry.addCollator).toHaveBeenCalledWith({
      factory: expect.objectContaining({
        type: 'secrets',
        visibilityPermission: expect.objectContaining({
          name: 'secrets.entity.read',
        }),
      }),
      schedule: expect.objectContaining({ run: expect.any(Function) }),
    });
  });

  it.each([
    [
      { schedule: { frequency: { minutes: 10 }, timeout: { minutes: 'boo' } } },
      /Invalid schedule at search\.collators\.secrets\.schedule/,
    ],
    [
      { locationTemplate: '/catalog' },
      /Invalid locationTemplate at search\.collators\.secrets\.locationTemplate/,
    ],
  ])('refuses to start with bad config %j', async (secrets, message) => {
    await expect(
      startTestBackend({
        extensionPoints: [
          [
            searchIndexRegistryExtensionPoint,
            { addCollator: jest.fn(), addDecorator: jest.fn() },
          ],
        ],
        features: [
          searchModuleSecretsCollator,
          mockServices.rootConfig.factory({
            data: { search: { collators: { secrets } } },
          }),
        ],
      }),
    ).rejects.toThrow(message);
  });
});
