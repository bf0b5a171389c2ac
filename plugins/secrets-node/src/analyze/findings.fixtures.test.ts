/*
 * One test per finding type (missing and orphan fixtures), each on the smallest repository that
 * produces it, asserting the whole finding.
 */
import { externalSecret } from '../__testUtils__/fileTree';
import { fixtureRelease, platformStore } from '../__testUtils__/repo';
import { FIXTURES, run, only, id, app } from './__testUtils__/findings';

describe('findings', () => {
  it('missing-fixture: a Vault key with no fixture, reported in fixture environments only', () => {
    const r = run({
      ...fixtureRelease('orders-db: local-dev-x\n'),
      ...platformStore(),
      ...app(
        'orders',
        externalSecret({
          name: 'orders',
          data: [
            { secretKey: 'password', key: 'orders-db', property: 'value' },
            { secretKey: 'api', key: 'orders-api', property: 'value' },
          ],
        }),
      ),
    });
    expect(r.findings).toStrictEqual([
      {
        id,
        type: 'missing-fixture',
        severity: 'error',
        message:
          'Vault key "orders-api" (property "value") used by ExternalSecret orders has no fixture, so a fresh dev cluster cannot sync it.',
        subject: { kind: 'VaultKey', name: 'orders-api', property: 'value' },
        release: 'apps-orders',
        chart: 'sources/charts/apps/orders',
        environment: 'dev',
        sourceRef: {
          file: 'sources/charts/apps/orders/templates/externalsecret.yaml',
          line: 2,
        },
        proposedFix: {
          title: 'Add a fixture entry',
          actions: [`Add the key under \`fixtures:\` in ${FIXTURES}.`],
          command: '  orders-api: "placeholder-orders-api"',
        },
      },
    ]);
  });

  it('missing-fixture: coverage is per key and property', () => {
    const r = run({
      ...fixtureRelease('catalog-s3:\n  access-key: a\n  secret-key: b\n'),
      ...platformStore(),
      ...app(
        'catalog',
        externalSecret({
          name: 'catalog-s3',
          data: [
            { secretKey: 'AK', key: 'catalog-s3', property: 'access-key' },
            { secretKey: 'REGION', key: 'catalog-s3', property: 'region' },
          ],
        }),
      ),
    });
    expect(r.coverage.filter(c => c.environment === 'dev')).toStrictEqual([
      {
        key: 'catalog-s3',
        property: 'access-key',
        environment: 'dev',
        fixture: 'present',
        writers: [],
        fixtureRef: { file: FIXTURES, line: 2 },
        origin: 'external',
      },
      {
        key: 'catalog-s3',
        property: 'region',
        environment: 'dev',
        fixture: 'missing',
        writers: [],
        fixtureRef: { file: FIXTURES, line: 2 },
        origin: 'external',
      },
    ]);
    expect(only(r, 'missing-fixture')).toStrictEqual([
      expect.objectContaining({
        subject: { kind: 'VaultKey', name: 'catalog-s3', property: 'region' },
        environment: 'dev',
        proposedFix: expect.objectContaining({
          command: '  catalog-s3:\n    region: "placeholder-catalog-s3-region"',
        }),
      }),
    ]);
  });

  it('missing-fixture: a cluster-managed key is never a missing fixture; without one its coverage is not applicable', () => {
    const r = run({
      ...fixtureRelease('other: x\n'),
      ...platformStore(),
      ...app(
        'pg',
        externalSecret({
          name: 'pg-mirror',
          origin: 'cluster-managed',
          data: [{ secretKey: 'p', key: 'pg-superuser', property: 'value' }],
        }),
      ),
    });
    expect(only(r, 'missing-fixture')).toStrictEqual([]);
    expect(
      r.coverage.map(c => [c.key, c.environment, c.fixture, c.origin]),
    ).toStrictEqual([
      ['pg-superuser', 'dev', 'not-applicable', 'cluster-managed'],
      ['pg-superuser', 'production', 'not-applicable', 'cluster-managed'],
    ]);
  });

  it('missing-fixture: a cluster-managed key that has a fixture anyway shows it', () => {
    const r = run(
      {
        ...fixtureRelease('pg-superuser: local-dev\n'),
        ...platformStore(),
        ...app(
          'pg',
          externalSecret({
            name: 'pg-mirror',
            origin: 'cluster-managed',
            data: [{ secretKey: 'p', key: 'pg-superuser', property: 'value' }],
          }),
        ),
      },
      { environments: ['dev'] },
    );
    expect(
      r.coverage.map(c => [c.key, c.environment, c.fixture]),
    ).toStrictEqual([['pg-superuser', 'dev', 'present']]);
  });

  it('orphan-fixture: a fixture nobody reads, once per environment whose merged map holds it', () => {
    const r = run({
      ...fixtureRelease('used: x\nunused: y\n'),
      ...platformStore(),
      ...app(
        'orders',
        externalSecret({
          name: 'orders',
          data: [{ secretKey: 'p', key: 'used', property: 'value' }],
        }),
      ),
    });
    expect(r.findings).toStrictEqual([
      {
        id,
        type: 'orphan-fixture',
        severity: 'info',
        message:
          'Fixture "unused" is not referenced by any ExternalSecret in any environment.',
        subject: { kind: 'Fixture', name: 'unused' },
        release: 'foundation-vault-bootstrap',
        environment: 'dev',
        sourceRef: { file: FIXTURES, line: 3 },
        proposedFix: {
          title: 'Remove the fixture or wire its consumer',
          actions: [
            `Delete "unused" from ${FIXTURES}, or add the ExternalSecret that needs it.`,
          ],
        },
      },
      {
        id,
        type: 'orphan-fixture',
        severity: 'info',
        message:
          'Fixture "unused" is not referenced by any ExternalSecret in any environment.',
        subject: { kind: 'Fixture', name: 'unused' },
        release: 'foundation-vault-bootstrap',
        environment: 'production',
        sourceRef: { file: FIXTURES, line: 3 },
        proposedFix: {
          title: 'Remove the fixture or wire its consumer',
          actions: [
            `Delete "unused" from ${FIXTURES}, or add the ExternalSecret that needs it.`,
          ],
        },
      },
    ]);
  });
});
