import { chart, externalSecret, fileTree } from '../../__testUtils__/fileTree';
import {
  fixtureRelease,
  platformStore,
  testEnvs,
} from '../../__testUtils__/repo';
import { ScaffoldError } from '../plan/types';
import { planFindingFix } from './planFindingFix';

const FIXTURES =
  'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml';
const SECRET = 'sup3r-s3cret-existing-value';

const app = (name: string, es: string, values = 'namespace: ameide\n') =>
  chart('apps', name, { 'externalsecret.yaml': es }, values);

const repo = (extra: Record<string, string> = {}, prod?: string) =>
  fileTree({
    ...fixtureRelease(
      `# seeded for dev\nused: ${SECRET}\nunused: ${SECRET}\n`,
      prod,
    ),
    ...platformStore(),
    ...app(
      'orders',
      externalSecret({
        name: 'orders',
        data: [
          { secretKey: 'p', key: 'used', property: 'value' },
          { secretKey: 'q', key: 'orders-api-key', property: 'value' },
        ],
      }),
    ),
    ...extra,
  });

describe('planFindingFix', () => {
  it('missing-fixture: adds a placeholder entry, keeping comments and values', () => {
    const plan = planFindingFix(repo(), {
      type: 'missing-fixture',
      subject: 'orders-api-key',
      environment: 'dev',
      analyzeOptions: testEnvs,
    });
    expect(plan.resolved).toBe(true);
    expect(plan.files).toStrictEqual([
      {
        path: FIXTURES,
        change: 'update',
        content: `fixtures:\n  # seeded for dev\n  used: ${SECRET}\n  unused: ${SECRET}\n  orders-api-key: placeholder-orders-api-key-not-a-real-secret\n`,
        preview:
          'fixtures:\n  orders-api-key: placeholder-orders-api-key-not-a-real-secret\n',
      },
    ]);
    expect(plan.summary).toBe(
      `Add a placeholder fixture for "orders-api-key" in ${FIXTURES}.`,
    );
    expect(plan.files[0].preview).not.toContain(SECRET);
  });

  it('orphan-fixture: removes the entry and never shows its value', () => {
    const plan = planFindingFix(repo(), {
      type: 'orphan-fixture',
      subject: 'unused',
      analyzeOptions: testEnvs,
    });
    expect(plan.resolved).toBe(true);
    expect(plan.files.map(f => [f.path, f.content])).toStrictEqual([
      [FIXTURES, `fixtures:\n  # seeded for dev\n  used: ${SECRET}\n`],
    ]);
    expect(JSON.stringify([plan.summary, plan.files[0].preview])).not.toContain(
      SECRET,
    );
  });

  it('remote-ref-convention: sets property: value on the manifest remoteRef', () => {
    const manifest = externalSecret({
      name: 'legacy',
      namespace: 'ameide',
      data: [{ secretKey: 'a', key: 'used' }],
    });
    const plan = planFindingFix(
      repo({ 'sources/manifests/apps/legacy.yaml': manifest }),
      {
        type: 'remote-ref-convention',
        subject: 'legacy',
        vaultKey: 'used',
        analyzeOptions: testEnvs,
      },
    );
    expect(plan.files.map(f => f.path)).toStrictEqual([
      'sources/manifests/apps/legacy.yaml',
    ]);
    expect(plan.files[0].content).toBe(
      manifest.replace('key: used\n', 'key: used\n        property: value\n'),
    );
    expect(plan.resolved).toBe(true);
  });

  it('empty-production-override: declares the external sync as writer', () => {
    const plan = planFindingFix(repo({}, 'used: ""\n'), {
      type: 'empty-production-override',
      subject: 'used',
      file: 'sources/charts/apps/orders/values.yaml',
      analyzeOptions: testEnvs,
    });
    expect(plan.files[0].content).toBe(
      'namespace: ameide\nsecretWriters:\n  - key: used\n    writer: external-key-vault-sync\n',
    );
    expect(plan.resolved).toBe(true);
  });

  it.each([
    [
      { type: 'duplicate-owner', subject: 'x' },
      /cannot be fixed automatically/,
    ],
    [{ type: 'orphan-fixture', subject: 'nope' }, /reports no orphan-fixture/],
    [
      { type: 'orphan-fixture', subject: 'unused', file: '../../etc/passwd' },
      /inside the workspace/,
    ],
    [
      { type: 'orphan-fixture', subject: 'unused', file: '/etc/passwd' },
      /absolute path/,
    ],
    [{ type: 'orphan-fixture', subject: '../x' }, /is not a Vault key/],
    [
      { type: 'empty-production-override', subject: 'used' },
      /reports no|file .* is required/,
    ],
  ])('refuses %j', (input, message) => {
    expect(() =>
      planFindingFix(repo(), { ...input, analyzeOptions: testEnvs }),
    ).toThrow(ScaffoldError);
    expect(() =>
      planFindingFix(repo(), { ...input, analyzeOptions: testEnvs }),
    ).toThrow(message);
  });
});
