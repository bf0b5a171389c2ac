/* The command line: the check command: exit codes and report formats. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chart, externalSecret } from '../__testUtils__/fileTree';
import { fixtureRelease, platformStore } from '../__testUtils__/repo';
import {
  DEMO,
  cli,
  dir,
  writeRepo,
  useTempDir,
  clean,
} from './__testUtils__/cli';

useTempDir();

describe('secrets-guardrails check', () => {
  it('exits 0 on a clean repository, with a text summary', async () => {
    writeRepo(clean);
    const r = await cli('check', dir, '--env', 'dev');
    expect(r).toStrictEqual({
      code: 0,
      stdout: [
        'secrets-guardrails: 1 ExternalSecrets in 2 releases, 1 environments',
        'fixture map: sources/values/_shared/foundation/foundation-vault-bootstrap.yaml',
        '',
        '0 error(s), 0 warning(s), 0 info',
      ].join('\n'),
      stderr: '',
    });
  });

  it('--env narrows the run; the environments of --config stay known, so a fixture read only there is no orphan', async () => {
    writeRepo({
      ...clean,
      ...chart(
        'apps',
        'orders',
        {
          'es.yaml': `{{- if ne .Values.env "dev" }}\n${externalSecret({
            name: 'orders',
            data: [{ secretKey: 'p', key: 'orders-db', property: 'value' }],
          })}{{- end }}\n`,
        },
        'namespace: ameide\nenv: any\n',
      ),
      'sources/values/env/dev/apps/apps-orders.yaml': 'env: dev\n',
    });
    writeFileSync(
      join(dir, 'guardrails.json'),
      JSON.stringify({
        environments: ['dev', 'qa'],
        fixtureEnvironments: ['dev'],
        productionEnvironments: [],
      }),
    );
    const orphans = async (...args: string[]) =>
      JSON.parse(
        (await cli('check', dir, '--format', 'json', ...args)).stdout,
      ).findings.map((f: { type: string }) => f.type);
    expect(
      await orphans('--config', join(dir, 'guardrails.json'), '--env', 'dev'),
    ).toStrictEqual([]);
    writeFileSync(
      join(dir, 'only-dev.json'),
      JSON.stringify({
        environments: ['dev'],
        fixtureEnvironments: ['dev'],
        productionEnvironments: [],
      }),
    );
    expect(
      await orphans('--config', join(dir, 'only-dev.json'), '--env', 'dev'),
    ).toStrictEqual(['orphan-fixture']);
  });

  it('exits 1 on error findings and prints file:line, message and fix', async () => {
    writeRepo({ ...clean, ...fixtureRelease('other: x\n') });
    const r = await cli('check', dir, '--env', 'dev');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      [
        '  ERROR   missing-fixture [apps-orders@dev] sources/charts/apps/orders/templates/es.yaml:2',
        '      Vault key "orders-db" (property "value") used by ExternalSecret orders has no fixture, so a fresh dev cluster cannot sync it.',
        '      fix:   orders-db: "placeholder-orders-db"',
      ].join('\n'),
    );
    expect(r.stdout).toContain('1 error(s), 0 warning(s), 1 info');
  });

  it('--fail-on warning|never changes the exit code', async () => {
    writeRepo({
      ...clean,
      ...fixtureRelease('orders-db: local-dev\nunused: x\n'),
    });
    expect((await cli('check', dir, '--env', 'dev')).code).toBe(0);
    expect(
      (await cli('check', dir, '--env', 'dev', '--fail-on', 'warning')).code,
    ).toBe(0);
    writeRepo({
      'sources/manifests/x/sealed.yaml':
        'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: s\n',
    });
    expect(
      (await cli('check', dir, '--env', 'dev', '--fail-on', 'warning')).code,
    ).toBe(1);
    expect(
      (await cli('check', dir, '--env', 'dev', '--fail-on', 'never')).code,
    ).toBe(0);
  });

  it('--format json is the documented contract', async () => {
    const r = await cli('check', DEMO, '--format', 'json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report).sort()).toStrictEqual([
      'coverage',
      'environmentSource',
      'environments',
      'externalSecrets',
      'findings',
      'fixtureEnvironments',
      'fixtureMap',
      'generatedAt',
      'productionEnvironments',
      'readers',
      'releases',
      'stats',
      'stores',
    ]);
    for (const f of report.findings) {
      expect(f).toStrictEqual(
        expect.objectContaining({
          id: expect.stringMatching(/^[0-9a-f]{16}$/),
          type: expect.any(String),
          severity: expect.stringMatching(/^(error|warning|info)$/),
          message: expect.any(String),
          subject: expect.objectContaining({
            kind: expect.any(String),
            name: expect.any(String),
          }),
          proposedFix: expect.objectContaining({
            title: expect.any(String),
            actions: expect.any(Array),
          }),
          sourceRef: expect.objectContaining({ file: expect.any(String) }),
        }),
      );
    }
  });

  it('--format sarif produces SARIF 2.1.0 with one rule per type and located results', async () => {
    const r = await cli('check', DEMO, '--format', 'sarif', '--env', 'dev');
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('secrets-guardrails');
    expect(
      run.results.find((x: any) => x.ruleId === 'missing-fixture'),
    ).toStrictEqual({
      ruleId: 'missing-fixture',
      level: 'error',
      message: {
        text: 'Vault key "payments-stripe-api-key" (property "value") used by ExternalSecret payments-stripe has no fixture, so a fresh dev cluster cannot sync it. Fix: Add the key under `fixtures:` in sources/values/_shared/foundation/foundation-vault-bootstrap.yaml.',
      },
      partialFingerprints: {
        'secretsFinding/v1': expect.stringMatching(/^[0-9a-f]{16}$/),
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: {
              uri: 'sources/charts/apps/payments/templates/externalsecret.yaml',
            },
            region: { startLine: 10 },
          },
        },
      ],
      properties: {
        environments: ['dev'],
        release: 'apps-payments',
        findingIds: [expect.stringMatching(/^[0-9a-f]{16}$/)],
      },
    });
    const ruleIds = run.tool.driver.rules.map((x: any) => x.id);
    expect(new Set(run.results.map((x: any) => x.ruleId))).toStrictEqual(
      new Set(ruleIds),
    );
  });

  it('SARIF and text list a finding repeated across environments once, with its environments; JSON keeps every finding', async () => {
    const json = JSON.parse(
      (await cli('check', DEMO, '--format', 'json')).stdout,
    );
    const sarif = JSON.parse(
      (await cli('check', DEMO, '--format', 'sarif')).stdout,
    );
    const text = (await cli('check', DEMO)).stdout;
    const results = sarif.runs[0].results;
    // every finding is in exactly one result
    expect(
      results.flatMap((x: any) => x.properties.findingIds).sort(),
    ).toStrictEqual(json.findings.map((f: any) => f.id).sort());
    expect(results.length).toBeLessThan(json.findings.length);
    const stores = results.filter((x: any) => x.ruleId === 'unserved-store');
    expect(stores).toHaveLength(1);
    expect(stores[0].properties.environments).toStrictEqual([
      'local',
      'dev',
      'staging',
      'production',
    ]);
    expect(stores[0].message.text).toContain(
      'is declared in local/dev/staging/production.',
    );
    // no two results share a fingerprint; fingerprints ignore the environment
    const prints = results.map(
      (x: any) => x.partialFingerprints['secretsFinding/v1'],
    );
    expect(new Set(prints).size).toBe(prints.length);
    const devOnly = JSON.parse(
      (await cli('check', DEMO, '--format', 'sarif', '--env', 'dev')).stdout,
    ).runs[0].results.find((x: any) => x.ruleId === 'unserved-store');
    expect(devOnly.partialFingerprints).toStrictEqual(
      stores[0].partialFingerprints,
    );
    // a message that does not name its environment lists them
    const owner = results.find((x: any) => x.ruleId === 'duplicate-owner');
    expect(owner.message.text).toContain(
      'Environments: local, dev, staging, production.',
    );
    expect(text).toContain(
      '  ERROR   unserved-store [apps-search@local,dev,staging,production] sources/charts/apps/search/templates/externalsecret.yaml:10',
    );
    expect(text.match(/ unserved-store /g)).toHaveLength(1);
    expect(text).toContain(`findings across environments)`);
    expect(text).toContain(
      `(${json.findings.length} findings across environments)`,
    );
  });

  it('a repository that names no environment is analysed as one, and the text does not name it', async () => {
    writeRepo({
      ...platformStore(),
      ...chart('apps', 'orders', {
        'es.yaml': externalSecret({
          name: 'orders',
          store: { kind: 'SecretStore', name: 'nowhere' },
          data: [{ secretKey: 'p', key: 'orders-db', property: 'value' }],
        }),
      }),
    });
    const r = await cli('check', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'secrets-guardrails: 1 ExternalSecrets in 1 releases, 1 environments (the repository names none: analysed as one)',
    );
    expect(r.stdout).toContain(
      '  ERROR   unserved-store [apps-orders] sources/charts/apps/orders/templates/es.yaml:2\n      ExternalSecret orders uses SecretStore/nowhere, but no SecretStore "nowhere" is declared.',
    );
    expect(r.stdout).not.toMatch(/\bdefault\b/);
  });
});
