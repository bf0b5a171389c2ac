import type { Finding } from '@ameideio/plugin-secrets-common';
import {
  environmentFreeMessage,
  fingerprintOf,
  groupFindings,
  groupKeyOf,
} from './grouping';

const finding = (
  env: string | undefined,
  over: Partial<Finding> = {},
): Finding => ({
  id: `id-${env}`,
  type: 'missing-producer',
  severity: 'error',
  message: `Secret ${env}-db is consumed by Job/j but nothing produces it in ${env}.`,
  subject: { kind: 'Secret', name: `${env}-db` },
  release: 'orders',
  ...(env ? { environment: env } : {}),
  sourceRef: { file: 'charts/orders/templates/job.yaml', line: 4 },
  proposedFix: {
    title: 'Add a producer',
    actions: [`Add an ExternalSecret installed in ${env}.`],
  },
  ...over,
});

describe('environmentFreeMessage', () => {
  it('takes out the environment where it stands as a word, not inside names or paths', () => {
    expect(
      environmentFreeMessage(
        'The dev fixture of dev-db in env/dev/a.yaml is missing in dev.',
        'dev',
      ),
    ).toBe(
      'The \u0000env\u0000 fixture of dev-db in env/dev/a.yaml is missing in \u0000env\u0000.',
    );
    expect(environmentFreeMessage('in dev.', undefined)).toBe('in dev.');
  });
});

describe('groupFindings', () => {
  const same = (env: string) =>
    finding(env, {
      subject: { kind: 'Secret', name: 'orders-db' },
      message: `Secret orders-db is consumed by Job/j but nothing produces it in ${env}.`,
    });

  it('groups findings that differ only by environment, listing the environments in run order', () => {
    const groups = groupFindings(
      [same('production'), same('dev'), same('local')],
      ['local', 'dev', 'production'],
    );
    expect(groups).toHaveLength(1);
    expect(groups[0].environments).toStrictEqual([
      'local',
      'dev',
      'production',
    ]);
    expect(groups[0].findings.map(f => f.id)).toStrictEqual([
      'id-production',
      'id-dev',
      'id-local',
    ]);
    expect(groups[0].message).toBe(
      'Secret orders-db is consumed by Job/j but nothing produces it in local/dev/production.',
    );
    expect(groups[0].proposedFix.actions).toStrictEqual([
      'Add an ExternalSecret installed in local/dev/production.',
    ]);
    expect(new Set([same('dev'), same('local')].map(groupKeyOf)).size).toBe(1);
    expect(new Set([same('dev'), same('local')].map(fingerprintOf)).size).toBe(
      1,
    );
  });

  it('keeps apart what differs besides the environment: subject, line, type, release', () => {
    const groups = groupFindings([
      finding('dev'),
      finding('local'), // the subject names its environment: not the same Secret
      same('dev'),
      {
        ...same('local'),
        sourceRef: { file: 'charts/orders/templates/job.yaml', line: 9 },
      },
      { ...same('staging'), release: 'billing' },
      { ...same('production'), type: 'duplicate-owner' },
    ]);
    expect(groups.map(g => g.findings.length)).toStrictEqual([
      1, 1, 1, 1, 1, 1,
    ]);
    // the fingerprint ignores the line
    expect(
      fingerprintOf({
        ...same('dev'),
        sourceRef: { file: 'charts/orders/templates/job.yaml', line: 40 },
      }),
    ).toBe(fingerprintOf(same('dev')));
  });

  it('a finding of every environment stays one, with no environments', () => {
    const g = groupFindings([finding(undefined)]);
    expect(g[0].environments).toStrictEqual([]);
    expect(g[0].message).toBe(finding(undefined).message);
  });
});
