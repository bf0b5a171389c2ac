import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import {
  ordersResponse,
  overviewResponse,
} from '../__fixtures__/entitySecrets';
import { BASE, setupSecretsBackend } from '../__testUtils__/msw';

const { server, client } = setupSecretsBackend();

describe('SecretsClient', () => {
  it('reads one entity at /entity/:kind/:namespace/:name, lower-cased', async () => {
    server.use(
      http.get(`${BASE}/entity/component/default/orders`, () =>
        HttpResponse.json(ordersResponse),
      ),
    );
    await expect(
      client.getEntitySecrets({
        kind: 'Component',
        namespace: 'default',
        name: 'orders',
      }),
    ).resolves.toEqual(JSON.parse(JSON.stringify(ordersResponse)));
  });

  it('passes the review filters as query parameters and skips empty ones', async () => {
    let query = '';
    server.use(
      http.get(`${BASE}/overview`, ({ request }) => {
        query = new URL(request.url).search;
        return HttpResponse.json(overviewResponse);
      }),
    );
    await client.getOverview({
      owner: 'team-data',
      environment: '',
      severity: 'error',
      limit: 500,
    });
    expect(query).toBe('?owner=team-data&severity=error&limit=500');
  });

  it('throws ResponseError with the status code', async () => {
    server.use(
      http.get(`${BASE}/sources`, () =>
        HttpResponse.json(
          { error: { name: 'NotAllowedError', message: 'no' } },
          { status: 403 },
        ),
      ),
    );
    const err = await client.getSources().catch(e => e);
    expect(err).toBeInstanceOf(ResponseError);
    expect(err.statusCode).toBe(403);
  });

  it('posts /refresh', async () => {
    let method = '';
    server.use(
      http.post(`${BASE}/refresh`, ({ request }) => {
        method = request.method;
        return HttpResponse.json({ status: 'scheduled' }, { status: 202 });
      }),
    );
    await client.refresh();
    expect(method).toBe('POST');
  });

  it('reads the history of an entity and of the platform with its window', async () => {
    const urls: string[] = [];
    server.use(
      http.get(`${BASE}/history`, ({ request }) => {
        urls.push(new URL(request.url).search);
        return HttpResponse.json({ points: [] });
      }),
      http.get(`${BASE}/history/platform`, ({ request }) => {
        urls.push(new URL(request.url).search);
        return HttpResponse.json({ points: [] });
      }),
    );
    await client.getEntityHistory('component:default/orders', { days: 7 });
    await client.getPlatformHistory();
    await client.getPlatformHistory({ days: 90, since: '2026-11-01' });
    expect(urls).toEqual([
      '?entityRef=component%3Adefault%2Forders&days=7',
      '',
      '?days=90&since=2026-11-01',
    ]);
  });
});
