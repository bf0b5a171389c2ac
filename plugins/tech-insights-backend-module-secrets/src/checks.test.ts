import { JsonRulesEngineFactCheckerFactory } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import type { TechInsightsStore } from '@backstage-community/plugin-tech-insights-node';
import { mockServices } from '@backstage/backend-test-utils';
import { DateTime } from 'luxon';
import { secretsChecks } from './checks';
import { entityResponse, finding, key } from './__fixtures__/responses';
import { SecretsFacts, secretsFactSchema, toSecretsFacts } from './facts';

function checker(facts: SecretsFacts) {
  const store: Partial<TechInsightsStore> = {
    getLatestFactsByIds: async () => ({
      secretsFactRetriever: {
        id: 'secretsFactRetriever',
        entity: { kind: 'component', namespace: 'default', name: 'payments' },
        timestamp: DateTime.fromISO('2026-12-01T00:00:00Z'),
        facts,
      },
    }),
    getLatestSchemas: async () => [secretsFactSchema],
  };
  return new JsonRulesEngineFactCheckerFactory({
    checks: secretsChecks,
    logger: mockServices.logger.mock(),
  }).construct(store as TechInsightsStore);
}

async function results(facts: SecretsFacts) {
  const out = await checker(facts).runChecks('component:default/payments');
  return Object.fromEntries(out.map(r => [r.check.id, r.result]));
}

describe('secretsChecks', () => {
  it('are valid for the JSON rules engine fact checker', async () => {
    const c = checker({});
    for (const check of secretsChecks) {
      expect(await c.validate(check)).toMatchObject({ valid: true });
    }
  });

  it('pass on a clean entity', async () => {
    expect(
      await results(
        toSecretsFacts(
          entityResponse('clean', {
            keys: [key('k', { dev: 'present' })],
            findings: [finding('i', 'unevaluable-template', 'info')],
          }),
        ),
      ),
    ).toStrictEqual({
      secretsNoErrorFindings: true,
      secretsFixtureCoverageComplete: true,
      secretsNoSyncErrors: true,
      secretsNoOverdueKeys: true,
    });
  });

  it('fail on errors, a coverage gap, sync errors and an overdue key', async () => {
    expect(
      await results(
        toSecretsFacts(
          entityResponse('broken', {
            findings: [
              finding('m', 'missing-fixture', 'error'),
              finding('r', 'rotation-overdue', 'warning'),
            ],
            syncErrors: 1,
            fixtureCoverage: 50,
          }),
        ),
      ),
    ).toStrictEqual({
      secretsNoErrorFindings: false,
      secretsFixtureCoverageComplete: false,
      secretsNoSyncErrors: false,
      secretsNoOverdueKeys: false,
    });
  });

  it('skip the coverage check when the repository has no fixture map', async () => {
    const out = await results(
      toSecretsFacts(entityResponse('legacy', { fixtureCoverage: null })),
    );
    expect(out).not.toHaveProperty('secretsFixtureCoverageComplete');
    expect(out.secretsNoErrorFindings).toBe(true);
  });
});
