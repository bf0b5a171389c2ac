import { startTestBackend, mockServices } from '@backstage/backend-test-utils';
import techInsightsPlugin from '@backstage-community/plugin-tech-insights-backend';
import request from 'supertest';
import techInsightsModuleSecretsFactRetriever from './index';

describe('techInsightsModuleSecretsFactRetriever', () => {
  it('adds the retriever and its schema to the Tech Insights backend', async () => {
    const { server } = await startTestBackend({
      features: [
        techInsightsPlugin,
        techInsightsModuleSecretsFactRetriever,
        mockServices.rootConfig.factory({
          data: {
            techInsights: {
              factRetrievers: {
                secretsFactRetriever: {
                  cadence: '0 0 1 1 *',
                  lifecycle: { maxItems: 5 },
                },
              },
            },
          },
        }),
      ],
    });
    const res = await request(server)
      .get('/api/tech-insights/fact-schemas?ids[]=secretsFactRetriever')
      .expect(200);
    expect(res.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'secretsFactRetriever',
          version: '0.1.0',
          // the API returns the schema's facts next to its id
          errorFindings: expect.objectContaining({ type: 'integer' }),
          fixtureCoveragePercent: expect.objectContaining({ type: 'float' }),
        }),
      ]),
    );
  });
});
