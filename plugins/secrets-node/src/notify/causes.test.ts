import type { Finding } from '@ameideio/plugin-secrets-common';
import { notificationCauses } from './causes';

const finding = (over: Partial<Finding>): Finding => ({
  id: 'f1',
  type: 'missing-fixture',
  severity: 'error',
  message: 'Key payments-db-password has no fixture for dev',
  subject: { kind: 'VaultKey', name: 'payments-db-password' },
  environment: 'dev',
  proposedFix: { title: 'Add the fixture', actions: [] },
  ...over,
});

describe('notificationCauses', () => {
  it('keeps errors, sync errors and overdue keys, one per finding id, with mapped severities', () => {
    expect(
      notificationCauses('component:default/payments', [
        finding({}),
        finding({}),
        finding({ id: 'f2', severity: 'warning', type: 'orphan-fixture' }),
        finding({
          id: 'f3',
          type: 'sync-error',
          severity: 'error',
          environment: 'production',
          subject: { kind: 'ExternalSecret', name: 'payments-stripe' },
          message: 'payments-stripe is not synced in prod-eu',
        }),
        finding({
          id: 'f4',
          type: 'rotation-overdue',
          severity: 'warning',
          environment: 'production',
          message: 'payments-db-password is 200 days old (limit 90)',
        }),
      ]),
    ).toStrictEqual([
      {
        id: 'f1',
        entityRef: 'component:default/payments',
        type: 'missing-fixture',
        severity: 'error',
        notificationSeverity: 'high',
        title: 'Missing fixture in dev: payments-db-password',
        description: 'Key payments-db-password has no fixture for dev',
      },
      {
        id: 'f3',
        entityRef: 'component:default/payments',
        type: 'sync-error',
        severity: 'error',
        notificationSeverity: 'critical',
        title: 'Sync error in production: payments-stripe',
        description: 'payments-stripe is not synced in prod-eu',
      },
      {
        id: 'f4',
        entityRef: 'component:default/payments',
        type: 'rotation-overdue',
        severity: 'warning',
        notificationSeverity: 'normal',
        title: 'Rotation overdue in production: payments-db-password',
        description: 'payments-db-password is 200 days old (limit 90)',
      },
    ]);
  });
});
