/*
 * Coverage semantics: which writers count in which environment, whole-key
 * reads, and fixtures whose consumer lives in an environment outside the run.
 */
import type { SecretsReport } from '@ameideio/plugin-secrets-common';
import { chart, externalSecret, fileTree } from '../__testUtils__/fileTree';
import { fixtureRelease, platformStore, testEnvs } from '../__testUtils__/repo';
import {
  externalSecretsTemplate,
  secretsEnabledValues,
} from '../__testUtils__/templates';
import { analyze } from './analyze';
import type { AnalyzeOptions } from './options';

const FIXTURES =
  'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml';

function run(
  files: Record<string, string>,
  options: AnalyzeOptions = {},
): SecretsReport {
  return analyze(fileTree(files), { ...testEnvs, ...options });
}
const rows = (r: SecretsReport) =>
  r.coverage.map(c => [c.key, c.property, c.environment, c.fixture, c.writers]);
const findings = (r: SecretsReport) =>
  r.findings.map(f => [
    f.type,
    f.environment,
    f.subject.name,
    f.subject.property,
  ]);

/** An app chart with one ExternalSecret reading `orders-db#value`, and the given values. */
const orders = (values: string) =>
  chart(
    'apps',
    'orders',
    {
      'es.yaml': externalSecret({
        name: 'orders',
        data: [{ secretKey: 'p', key: 'orders-db', property: 'value' }],
      }),
    },
    `namespace: ameide\n${values}`,
  );

describe('secretWriters: environments', () => {
  it('an external key-vault sync declared without environments writes the real environments only', () => {
    const r = run({
      ...fixtureRelease('other: x\n'),
      ...platformStore(),
      ...orders(
        'secretWriters:\n  - key: orders-db\n    writer: external-key-vault-sync\n',
      ),
    });
    // the missing dev fixture is visible, production is covered by the sync
    expect(rows(r)).toStrictEqual([
      ['orders-db', 'value', 'dev', 'missing', []],
      [
        'orders-db',
        'value',
        'production',
        'other-writer',
        ['external-key-vault-sync'],
      ],
    ]);
    expect(findings(r)).toStrictEqual([
      ['missing-fixture', 'dev', 'orders-db', 'value'],
      ['orphan-fixture', 'dev', 'other', undefined],
      // an orphan is reported in every environment whose merged fixture map holds it
      ['orphan-fixture', 'production', 'other', undefined],
    ]);
  });

  it('a writer saying kind: external-sync is one, whatever its name', () => {
    const r = run({
      ...fixtureRelease('other: x\n'),
      ...platformStore(),
      ...orders(
        'secretWriters:\n  - key: orders-db\n    writer: vendor-sync\n    kind: external-sync\n',
      ),
    });
    expect(rows(r).map(x => x[3])).toStrictEqual(['missing', 'other-writer']);
  });

  it('an explicit environments list decides, for an external sync too', () => {
    const r = run({
      ...fixtureRelease('other: x\n'),
      ...platformStore(),
      ...orders(
        'secretWriters:\n  - key: orders-db\n    writer: azure-keyvault-sync\n    environments: [dev]\n',
      ),
    });
    expect(rows(r)).toStrictEqual([
      ['orders-db', 'value', 'dev', 'other-writer', ['azure-keyvault-sync']],
      ['orders-db', 'value', 'production', 'missing', []],
    ]);
  });

  it('other writers (extraction jobs) write wherever their release is installed', () => {
    const r = run({
      ...fixtureRelease('other: x\n'),
      ...platformStore(),
      ...orders(
        'secretWriters:\n  - key: orders-db\n    writer: keycloak-client-patcher\n',
      ),
    });
    expect(rows(r).map(x => x[3])).toStrictEqual([
      'other-writer',
      'other-writer',
    ]);
  });

  it('the external-sync name pattern is an option', () => {
    const files = {
      ...fixtureRelease('other: x\n'),
      ...platformStore(),
      ...orders(
        'secretWriters:\n  - key: orders-db\n    writer: vendor-sync\n',
      ),
    };
    expect(rows(run(files)).map(x => x[3])).toStrictEqual([
      'other-writer',
      'other-writer',
    ]);
    expect(
      rows(run(files, { externalSyncWriterPattern: '^vendor-' })).map(
        x => x[3],
      ),
    ).toStrictEqual(['missing', 'other-writer']);
  });
});

describe('dataFrom.extract: whole-key reads', () => {
  const bundle = (dataFrom = '      - extract:\n          key: bundle\n') => ({
    'sources/charts/apps/bundle/Chart.yaml':
      'apiVersion: v2\nname: bundle\nversion: 0.1.0\n',
    'sources/charts/apps/bundle/values.yaml': 'namespace: ameide\n',
    'sources/charts/apps/bundle/templates/es.yaml': [
      'apiVersion: external-secrets.io/v1',
      'kind: ExternalSecret',
      'metadata:',
      '  name: bundle',
      'spec:',
      '  secretStoreRef:',
      '    kind: ClusterSecretStore',
      '    name: vault',
      '  target:',
      '    name: bundle',
      '  dataFrom:',
      dataFrom,
    ].join('\n'),
  });

  it('the fixture entry covers the whole key whatever its properties; the row says property "*"', () => {
    const r = run(
      {
        ...fixtureRelease(
          'bundle:\n  user: local-dev-u\n  password: local-dev-p\n',
        ),
        ...platformStore(),
        ...bundle(),
      },
      { environments: ['dev'] },
    );
    expect(r.coverage).toStrictEqual([
      {
        key: 'bundle',
        property: '*',
        environment: 'dev',
        fixture: 'present',
        writers: [],
        fixtureRef: { file: FIXTURES, line: 2 },
        origin: 'external',
      },
    ]);
    expect(r.findings).toStrictEqual([]);
  });

  it('a missing whole key is a missing-fixture about property "*"', () => {
    const r = run(
      { ...fixtureRelease('other: x\n'), ...platformStore(), ...bundle() },
      { environments: ['dev'] },
    );
    const missing = r.findings.filter(f => f.type === 'missing-fixture');
    expect(missing).toStrictEqual([
      expect.objectContaining({
        message:
          'Vault key "bundle" (whole key) used by ExternalSecret bundle has no fixture, so a fresh dev cluster cannot sync it.',
        subject: { kind: 'VaultKey', name: 'bundle', property: '*' },
        proposedFix: expect.objectContaining({
          command: '  bundle: "placeholder-bundle"',
        }),
      }),
    ]);
  });

  it('an override emptying every property is an empty override; a writer of some properties counts', () => {
    const files = {
      ...fixtureRelease(
        'bundle:\n  user: u\n  password: p\n',
        'bundle:\n  user: ""\n  password: ""\n',
      ),
      ...platformStore(),
      ...bundle(),
    };
    const r = run(files);
    expect(rows(r)).toStrictEqual([
      ['bundle', '*', 'dev', 'present', []],
      ['bundle', '*', 'production', 'empty-override', []],
    ]);
    expect(findings(r)).toStrictEqual([
      ['empty-production-override', 'production', 'bundle', '*'],
    ]);
    const withWriter = run({
      ...files,
      'sources/values/_shared/apps/apps-bundle.yaml':
        'secretWriters:\n  - key: bundle\n    properties: [password]\n    writer: rotation-job\n',
    });
    expect(rows(withWriter)[1]).toStrictEqual([
      'bundle',
      '*',
      'production',
      'empty-override',
      ['rotation-job'],
    ]);
    expect(withWriter.findings).toStrictEqual([]);
  });
});

describe('orphan fixtures and environments outside the run', () => {
  // ExternalSecrets on in production, off in dev (the seeds' workbench overlays)
  const workbench = () => ({
    ...chart(
      'apps',
      'runner',
      { 'es.yaml': externalSecretsTemplate() },
      `namespace: ameide\n${secretsEnabledValues}externalSecrets:\n  - name: runner\n    data:\n      - secretKey: token\n        remoteRef: runner-token\n`,
    ),
    'sources/values/env/dev/apps/apps-runner.yaml':
      'secrets:\n  enabled: false\n',
    // production is an environment of the repository: it has a values folder
    'sources/values/env/production/apps/apps-runner.yaml': 'replicas: 1\n',
  });

  it('a run limited to an environment where the ExternalSecret is disabled does not call its fixture an orphan', () => {
    const files = {
      ...fixtureRelease('runner-token: local-dev\nunused: x\n'),
      ...platformStore(),
      ...workbench(),
    };
    const r = run(files, { environments: ['dev'] });
    expect(findings(r)).toStrictEqual([
      ['orphan-fixture', 'dev', 'unused', undefined],
    ]);
    // the environment read for context stays out of the report
    expect(r.coverage).toStrictEqual([]);
    expect(r.externalSecrets).toStrictEqual([]);
    expect(
      r.releases.map(x => [x.name, x.environments, Object.keys(x.valueFiles)]),
    ).toStrictEqual([
      ['apps-runner', ['dev'], ['dev']],
      ['foundation-vault-bootstrap', ['dev'], ['dev']],
    ]);
    // the same answer as a run over every environment, once per environment
    const full = run(files, { environments: ['dev', 'production'] });
    expect(
      full.findings
        .filter(f => f.type === 'orphan-fixture')
        .map(f => [f.subject.name, f.environment]),
    ).toStrictEqual([
      ['unused', 'dev'],
      ['unused', 'production'],
    ]);
  });

  it('knownEnvironments names the environments read for context', () => {
    const files = {
      ...fixtureRelease('runner-token: local-dev\n'),
      ...platformStore(),
      ...workbench(),
    };
    const orphans = (o: AnalyzeOptions) =>
      run(files, o)
        .findings.filter(f => f.type === 'orphan-fixture')
        .map(f => f.subject.name);
    expect(
      orphans({ environments: ['dev'], knownEnvironments: ['dev'] }),
    ).toStrictEqual(['runner-token']);
    expect(
      orphans({
        environments: ['dev'],
        knownEnvironments: ['dev', 'production'],
      }),
    ).toStrictEqual([]);
  });

  it('an environment named only by a values folder is known', () => {
    const files = {
      ...fixtureRelease('runner-token: local-dev\n'),
      ...platformStore(),
      ...workbench(),
      'sources/values/env/qa/apps/apps-runner.yaml': 'replicas: 1\n',
    };
    const r = run(files, {
      environments: ['dev'],
      productionEnvironments: [],
      fixtureEnvironments: ['dev'],
    });
    expect(r.findings.filter(f => f.type === 'orphan-fixture')).toStrictEqual(
      [],
    );
  });
});
