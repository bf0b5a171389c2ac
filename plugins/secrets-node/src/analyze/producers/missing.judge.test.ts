/*
 * Missing producers on whole repositories: what the repository produces
 * (operators included), how sure a missing one is, and the Secret whose own
 * chart's ExternalSecrets are switched off where it is consumed.
 */
import { judgeMissingProducer } from './missing';

describe('judgeMissingProducer', () => {
  const base = {
    secret: 'db',
    how: 'existingSecret' as const,
    consumer: 'release apps-db',
    env: 'dev',
    namespace: 'apps',
    notInstalled: [],
    switchedOff: [],
    otherNamespaces: [],
    otherEnvironments: [],
    clusterManagedKey: 'clusterManagedSecrets',
  };
  it('an existingSecret of a chart in the repository is a warning, of a chart outside it an info', () => {
    expect(judgeMissingProducer(base).severity).toBe('warning');
    expect(judgeMissingProducer({ ...base, remoteChart: true }).severity).toBe(
      'info',
    );
  });
  it('produced only in other environments: a warning naming them', () => {
    const v = judgeMissingProducer({
      ...base,
      how: 'secretKeyRef',
      otherEnvironments: ['production', 'staging', 'production'],
    });
    expect([v.type, v.severity]).toStrictEqual(['missing-producer', 'warning']);
    expect(v.message).toMatch(/; it is produced in production, staging\.$/);
  });
});
