/*
 * Golden files and the round trip: the action runs on a copy of the demo
 * GitOps repository plus the template's chart skeleton; the written template
 * and values must match the golden files, and the engine must find nothing
 * to report about the new service.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { analyze, readFileTree } from '@ameideio/plugin-secrets-node';
import { createSecretsChartExternalSecretsAction } from './createSecretsChartExternalSecretsAction';
import {
  billingOidcSecret,
  billingS3Keys,
} from './createSecretsChartExternalSecretsAction.examples';
import {
  contextFor,
  demoGitops,
  digest,
  type Files,
  makeWorkspace,
  readDir,
  removeDir,
  skeletonChart,
} from '../__testUtils__/workspace';

const CHART = 'sources/charts/apps/billing';
const FIXTURES =
  'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml';
const PROD =
  'sources/values/env/production/foundation/foundation-vault-bootstrap.yaml';
const PROD_VALUES = 'sources/values/env/production/apps/apps-billing.yaml';
const GOLDEN = join(__dirname, '__fixtures__/golden');

const input = {
  chartPath: CHART,
  serviceName: 'billing',
  namespace: 'ameide',
  refreshInterval: '30m',
  environments: ['local', 'dev', 'staging', 'production'],
  secrets: [
    {
      name: 'billing-db',
      origin: 'external',
      keys: [{ secretKey: 'password', vaultKey: 'billing-db-password' }],
    },
    {
      name: 'billing-s3',
      keys: billingS3Keys,
    },
    billingOidcSecret,
    {
      name: 'billing-postgres',
      origin: 'cluster-managed',
      keys: [{ secretKey: 'password', vaultKey: 'billing-postgres-password' }],
    },
  ],
  fixtureFiles: [FIXTURES],
  productionFixtureFiles: [PROD],
  productionValuesFiles: [PROD_VALUES],
};

/** Compares with a golden file; `UPDATE_GOLDEN=1` rewrites it. */
function expectGolden(name: string, actual: string) {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file))
    throw new Error(`Missing golden file ${name}; run with UPDATE_GOLDEN=1`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('round trip through the engine', () => {
  const action = createSecretsChartExternalSecretsAction();
  let ws: string;
  let before: Files;
  let written: Files;
  let outputs: Record<string, any>;

  beforeAll(async () => {
    before = {
      ...demoGitops(),
      ...skeletonChart(
        'billing',
        'ameide',
        input.secrets.map(s => s.name),
      ),
    };
    ws = await makeWorkspace(before);
    const run = contextFor(ws, input);
    await action.handler(run.ctx);
    outputs = run.outputs;
    written = readDir(ws);
  });
  afterAll(async () => {
    await removeDir(ws);
  });

  it('writes the golden template and values', () => {
    expect(outputs.writtenPaths).toStrictEqual([
      `${CHART}/templates/externalsecret.yaml`,
      `${CHART}/values.yaml`,
      PROD_VALUES,
      FIXTURES,
      PROD,
    ]);
    expectGolden(
      'billing/templates/externalsecret.yaml',
      written[`${CHART}/templates/externalsecret.yaml`],
    );
    expectGolden('billing/values.yaml', written[`${CHART}/values.yaml`]);
    expectGolden('production-values.yaml', written[PROD_VALUES]);
    expectGolden(
      'fixtures-added.yaml',
      outputs.files.find((f: any) => f.path === FIXTURES).content,
    );
    expectGolden(
      'production-fixtures-added.yaml',
      outputs.files.find((f: any) => f.path === PROD).content,
    );
  });

  it('only appends to the fixture maps: every existing line stays', () => {
    for (const f of [FIXTURES, PROD]) {
      const old = before[f].trimEnd().split('\n');
      const now = written[f].split('\n');
      expect(now.slice(0, old.length)).toStrictEqual(old);
    }
    expect(outputs.fixtureKeysAdded).toStrictEqual([
      'billing-db-password',
      'billing-s3-credentials#access-key',
      'billing-s3-credentials#secret-key',
      'billing-oidc-client-secret',
    ]);
  });

  it('leaves every other file of the repository as it was', () => {
    const changed = Object.keys(written)
      .filter(p => written[p] !== before[p])
      .sort();
    expect(changed).toStrictEqual([...outputs.writtenPaths].sort());
  });

  it('gives zero findings for the new service', async () => {
    const report = analyze(await readFileTree(ws));
    const names = new Set([
      ...input.secrets.map(s => s.name),
      ...input.secrets.flatMap(s => s.keys.map(k => k.vaultKey)),
      'apps-billing',
    ]);
    const ours = report.findings.filter(
      f =>
        f.release === 'apps-billing' ||
        f.chart === CHART ||
        names.has(f.subject.name) ||
        f.sourceRef?.file.startsWith(CHART),
    );
    expect(ours).toStrictEqual([]);

    // the engine sees one ExternalSecret per Secret in every environment
    const es = report.externalSecrets.filter(e => e.release === 'apps-billing');
    expect(es.map(e => `${e.environment}/${e.name}`).sort()).toStrictEqual(
      input.environments
        .flatMap(env => input.secrets.map(s => `${env}/${s.name}`))
        .sort(),
    );
    const dev = es.find(
      e => e.environment === 'dev' && e.name === 'billing-s3',
    )!;
    expect(dev).toMatchObject({
      namespace: 'ameide',
      chart: CHART,
      storeRef: { kind: 'ClusterSecretStore', name: 'ameide-vault' },
      targetSecret: 'billing-s3',
      refreshInterval: '30m',
      origin: 'external',
    });
    expect(dev.keys).toStrictEqual([
      {
        key: 'billing-s3-credentials',
        property: 'access-key',
        secretKey: 'AWS_ACCESS_KEY_ID',
        via: 'data',
        origin: 'external',
      },
      {
        key: 'billing-s3-credentials',
        property: 'secret-key',
        secretKey: 'AWS_SECRET_ACCESS_KEY',
        via: 'data',
        origin: 'external',
      },
    ]);

    // fixtures cover dev and CI; production is filled for real by a declared writer;
    // the cluster-managed key needs no fixture anywhere
    const coverage = (env: string) =>
      report.coverage
        .filter(c => c.environment === env && names.has(c.key))
        .map(c => `${c.key}#${c.property}:${c.fixture}`)
        .sort();
    expect(coverage('dev')).toStrictEqual([
      'billing-db-password#value:present',
      'billing-oidc-client-secret#value:present',
      'billing-postgres-password#value:not-applicable',
      'billing-s3-credentials#access-key:present',
      'billing-s3-credentials#secret-key:present',
    ]);
    expect(coverage('production')).toStrictEqual([
      'billing-db-password#value:empty-override',
      'billing-oidc-client-secret#value:empty-override',
      'billing-postgres-password#value:not-applicable',
      'billing-s3-credentials#access-key:empty-override',
      'billing-s3-credentials#secret-key:empty-override',
    ]);
  });

  it('is idempotent on the demo repository too', async () => {
    const d = await digest(ws);
    const again = contextFor(ws, input);
    await action.handler(again.ctx);
    expect(again.outputs.writtenPaths).toStrictEqual([]);
    expect(await digest(ws)).toBe(d);
  });
});
