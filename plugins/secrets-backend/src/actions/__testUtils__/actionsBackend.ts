import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { demoSecretsConfig } from '../../__fixtures__/demo';
import { demoEntities } from '../../__fixtures__/entities';
import { secretsPlugin } from '../../plugin';

/** A caller who may read every entity's Secrets tab but `checkout`'s, and not the overview. */
export const OUTSIDER = 'user:default/outsider';
export const outsider = mockCredentials.user(OUTSIDER);
export const member = mockCredentials.user('user:default/member');

/**
 * The secrets plugin on the demo data in a test backend, with a mock
 * actions registry to invoke its actions as different callers.
 */
export async function startActionsBackend() {
  const registry = actionsRegistryServiceMock();
  const backend = await startTestBackend({
    features: [
      secretsPlugin,
      createServiceFactory({
        service: actionsRegistryServiceRef,
        deps: {},
        factory: () => registry,
      }),
      mockServices.rootConfig.factory({
        data: { secrets: demoSecretsConfig },
      }),
      mockServices.permissions.mock({
        authorize: async (requests, options) => {
          const principal = options?.credentials.principal as {
            userEntityRef?: string;
          };
          return requests.map(r => ({
            result:
              principal?.userEntityRef === OUTSIDER &&
              (r.permission.name === 'secrets.overview.read' ||
                ('resourceRef' in r &&
                  r.resourceRef === 'component:default/checkout'))
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          }));
        },
      }).factory,
      catalogServiceMock.factory({ entities: demoEntities }),
    ],
  });
  const invoke = (
    name: string,
    input: Record<string, unknown>,
    credentials = member,
  ) =>
    registry.invoke({
      id: `test:${name}`,
      input: input as any,
      credentials,
    });
  return { backend, registry, invoke };
}
