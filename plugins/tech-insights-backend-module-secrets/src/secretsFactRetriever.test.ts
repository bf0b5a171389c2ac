import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  entityResponse,
  finding,
  overviewPage,
} from './__fixtures__/responses';
import { secretsFactRetriever } from './secretsFactRetriever';

const server = setupServer();
registerMswTestHooks(server);

const BASE = 'http://secrets.test/api/secrets';

function context() {
  const logger = mockServices.logger.mock();
  return {
    logger,
    ctx: {
      config: new ConfigReader({}),
      discovery: mockServices.discovery.mock({
        getBaseUrl: async (id: string) => {
          expect(id).toBe('secrets');
          return BASE;
        },
      }),
      auth: mockServices.auth(),
      urlReader: mockServices.urlReader.mock(),
      logger,
    },
  };
}

describe('secretsFactRetriever', () => {
  it('reads every page of the overview and one response per entity, with service credentials', async () => {
    const refs = Array.from(
      { length: 501 },
      (_, i) => `component:default/svc-${String(i).padStart(3, '0')}`,
    );
    const seen: string[] = [];
    server.use(
      http.get(`${BASE}/overview`, ({ request }) => {
        expect(request.headers.get('authorization')).toMatch(/^Bearer /);
        const url = new URL(request.url);
        const offset = Number(url.searchParams.get('offset'));
        const limit = Number(url.searchParams.get('limit'));
        return HttpResponse.json(
          overviewPage(
            refs.slice(offset, offset + limit),
            offset,
            limit,
            refs.length,
          ),
        );
      }),
      http.get(
        `${BASE}/entity/:kind/:namespace/:name`,
        ({ params, request }) => {
          expect(request.headers.get('authorization')).toMatch(/^Bearer /);
          expect([params.kind, params.namespace]).toStrictEqual([
            'component',
            'default',
          ]);
          const name = String(params.name);
          seen.push(name);
          return HttpResponse.json(
            entityResponse(name, {
              findings:
                name === 'svc-007'
                  ? [finding('x', 'inline-credential', 'error')]
                  : [],
            }),
          );
        },
      ),
    );
    const { ctx, logger } = context();
    const facts = await secretsFactRetriever.handler(ctx);
    expect(seen).toHaveLength(501);
    expect(facts).toHaveLength(501);
    expect(facts[7]).toMatchObject({
      entity: { kind: 'component', namespace: 'default', name: 'svc-007' },
      facts: {
        errorFindings: 1,
        inlineCredentialFindings: 1,
        fixtureCoveragePercent: 100,
      },
    });
    expect(logger.info).toHaveBeenCalledWith(
      'Retrieved secrets facts for 501 of 501 entities',
    );
  });

  it('leaves out an entity whose response fails and keeps the others', async () => {
    server.use(
      http.get(`${BASE}/overview`, () =>
        HttpResponse.json(
          overviewPage(
            ['component:default/good', 'component:default/gone'],
            0,
            500,
            2,
          ),
        ),
      ),
      http.get(`${BASE}/entity/component/default/good`, () =>
        HttpResponse.json(entityResponse('good')),
      ),
      http.get(`${BASE}/entity/component/default/gone`, () =>
        HttpResponse.json(
          { error: { name: 'NotFoundError', message: 'gone' } },
          { status: 404 },
        ),
      ),
    );
    const { ctx, logger } = context();
    const facts = await secretsFactRetriever.handler(ctx);
    expect(facts.map(f => f.entity.name)).toStrictEqual(['good']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not read the secrets of component:default/gone',
      ),
    );
    expect(logger.info).toHaveBeenCalledWith(
      'Retrieved secrets facts for 1 of 2 entities (1 failed)',
    );
  });

  it('fails the run when the secrets backend refuses the overview', async () => {
    server.use(
      http.get(`${BASE}/overview`, () =>
        HttpResponse.json(
          { error: { name: 'NotAllowedError', message: 'Not allowed' } },
          { status: 403 },
        ),
      ),
    );
    await expect(secretsFactRetriever.handler(context().ctx)).rejects.toThrow(
      /403/,
    );
  });
});
