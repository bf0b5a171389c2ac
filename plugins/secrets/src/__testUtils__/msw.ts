import { mockApis, registerMswTestHooks } from '@backstage/test-utils';
import { setupServer } from 'msw/node';
import { SecretsClient } from '../api';

/** Where the mocked secrets backend answers in tests. */
export const BASE = 'http://backstage.test/api/secrets';

/** An msw server with the Jest hooks registered, and a real client pointed at it. */
export function setupSecretsBackend() {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new SecretsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
  return { server, client };
}
