import { entityResponse, finding, key } from './__fixtures__/responses';
import { coverageByEnvironment, toSecretsFacts } from './facts';

describe('toSecretsFacts', () => {
  it('counts findings by severity and type, coverage, sync errors and overdue keys', () => {
    const response = entityResponse('payments', {
      findings: [
        finding('a', 'missing-fixture', 'error'),
        finding('b', 'missing-fixture', 'error'),
        finding('c', 'rotation-overdue', 'warning'),
        finding('c', 'rotation-overdue', 'warning'), // the same finding twice
        finding('d', 'unevaluable-template', 'info'),
      ],
      keys: [
        key('payments-db-password', {
          dev: 'present',
          staging: 'present',
          production: 'not-applicable',
        }),
        key('payments-stripe-api-key', {
          dev: 'missing',
          staging: 'other-writer',
          production: 'not-applicable',
        }),
      ],
      syncErrors: 2,
      fixtureCoverage: 75,
    });
    expect(toSecretsFacts(response)).toStrictEqual({
      externalSecrets: 1,
      errorFindings: 2,
      warningFindings: 2,
      infoFindings: 1,
      findingsByType: {
        'missing-fixture': 2,
        'rotation-overdue': 1,
        'unevaluable-template': 1,
      },
      missingFixtureFindings: 2,
      orphanFixtureFindings: 0,
      duplicateOwnerFindings: 0,
      missingProducerFindings: 0,
      inlineCredentialFindings: 0,
      unservedStoreFindings: 0,
      syncErrorFindings: 0,
      missingInVaultFindings: 0,
      placeholderInVaultFindings: 0,
      rotationOverdueFindings: 1,
      fixtureCoveragePercent: 75,
      fixtureCoveragePercentByEnvironment: { dev: 50, staging: 100 },
      syncErrors: 2,
      overdueKeys: 1,
    });
  });

  it('leaves coverage out without a fixture map', () => {
    const facts = toSecretsFacts(
      entityResponse('legacy', { fixtureCoverage: null }),
    );
    expect(facts).not.toHaveProperty('fixtureCoveragePercent');
    expect(facts.fixtureCoveragePercentByEnvironment).toStrictEqual({});
  });
});

describe('coverageByEnvironment', () => {
  it('counts a key property once per environment and never rounds a gap up to 100', () => {
    const keys = Array.from({ length: 2000 }, (_, i) =>
      key(`k${i}`, { dev: i === 0 ? 'missing' : 'present' }),
    );
    const response = entityResponse('big', { keys });
    // the same key read by a second ExternalSecret counts once
    response.externalSecrets.push({
      ...response.externalSecrets[0],
      id: 'second',
      keys: [key('k0', { dev: 'missing' })],
    });
    expect(coverageByEnvironment(response)).toStrictEqual({ dev: 99.9 });
  });

  it('skips PushSecrets, which write rather than read', () => {
    const response = entityResponse('push', {
      keys: [key('k', { dev: 'missing' })],
    });
    response.externalSecrets[0].kind = 'PushSecret';
    expect(coverageByEnvironment(response)).toStrictEqual({});
  });
});
