import { mockApis, registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SecretsClient } from '../api';

/** Where the mocked secrets backend answers in tests. */
export const BASE = 'http://backstage.test/api/secrets';

/** An msw server with the Jest hooks registered, and a real client pointed at it. */
export function setupSecretsBackend() {
  // the trend cards ask for history: none unless a test says otherwise
  const server = setupServer(
    http.get(`${BASE}/history`, () =>
      HttpResponse.json({
        since: '2026-11-01T00:00:00.000Z',
        points: [],
        newSince: [],
        resolvedSince: [],
      }),
    ),
    http.get(`${BASE}/history/platform`, () =>
      HttpResponse.json({
        since: '2026-11-01T00:00:00.000Z',
        points: [],
        newSince: [],
        resolvedSince: [],
        movers: [],
        hidden: { newSince: 0, resolvedSince: 0, movers: 0 },
      }),
    ),
  );
  registerMswTestHooks(server);
  const client = new SecretsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
  return { server, client };
}
