import {
  mkdtempSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chart, externalSecret, fileTree } from '../__testUtils__/fileTree';
import { fixtureRelease, platformStore } from '../__testUtils__/repo';
import { runCli } from './main';

const DEMO = resolve(__dirname, '../../../../examples/gitops');

async function cli(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(argv, {
    stdout: s => stdout.push(s),
    stderr: s => stderr.push(s),
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

let dir: string;
function writeRepo(files: Record<string, string>) {
  for (const [path, text] of fileTree(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'secrets-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const clean = {
  ...fixtureRelease('orders-db: local-dev\n'),
  ...platformStore(),
  ...chart(
    'apps',
    'orders',
    {
      'es.yaml': externalSecret({
        name: 'orders',
        data: [{ secretKey: 'p', key: 'orders-db', property: 'value' }],
      }),
    },
    'namespace: ameide\n',
  ),
};

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

  it('--output writes the report to a file; --config reads engine options', async () => {
    writeRepo({
      ...clean,
      'guardrails.json': JSON.stringify({
        environments: ['dev'],
        fixtureKey: 'seeds',
      }),
    });
    const out = join(dir, 'report.json');
    const r = await cli(
      'check',
      dir,
      '--config',
      join(dir, 'guardrails.json'),
      '--format',
      'json',
      '--output',
      out,
    );
    expect(r.stdout).toBe('');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.environments).toStrictEqual(['dev']);
    expect(report.fixtureMap.present).toBe(false);
    expect(r.code).toBe(0);
  });

  it.each([
    [
      '{"environments": "dev"}',
      'Invalid --config guardrails.json: "environments" must be a list of non-empty strings.',
    ],
    [
      '{"fixtureKey": 3}',
      'Invalid --config guardrails.json: "fixtureKey" must be a non-empty string.',
    ],
    [
      '{"enviroments": ["dev"]}',
      'Invalid --config guardrails.json: unknown option "enviroments".',
    ],
    [
      '{"discovery": ["helmfile"]}',
      'Invalid --config guardrails.json: "discovery[0]" must be one of argocd, flux, layout (got "helmfile").',
    ],
    [
      '{"placeholderPattern": "("}',
      'Invalid --config guardrails.json: "placeholderPattern" must be a valid regular expression.',
    ],
    [
      '{"externalSyncWriterPattern": "("}',
      'Invalid --config guardrails.json: "externalSyncWriterPattern" must be a valid regular expression.',
    ],
    [
      '{"entities": [{"chart": "x"}]}',
      'Invalid --config guardrails.json: "entities[0].entityRef" is required.',
    ],
    [
      '[1]',
      'Invalid --config guardrails.json: engine options must be a JSON object.',
    ],
    [
      '{"fixtureKey": "hunter2',
      'Invalid --config guardrails.json: not valid JSON.',
    ],
  ])(
    'a bad --config exits 2 with a clear error: %s',
    async (config, message) => {
      writeRepo({ ...clean, 'guardrails.json': config });
      const r = await cli(
        'check',
        dir,
        '--config',
        join(dir, 'guardrails.json'),
      );
      expect(r).toStrictEqual({
        code: 2,
        stdout: '',
        stderr: message.replace(
          'guardrails.json',
          join(dir, 'guardrails.json'),
        ),
      });
    },
  );

  it('a --config with several wrong keys names each, one line apiece', async () => {
    writeRepo({
      ...clean,
      'guardrails.json': JSON.stringify({
        chartsRoot: '',
        helm: { kubeVersion: 'latest' },
        argocd: { gitFileGlobbing: 'lazy' },
      }),
    });
    const file = join(dir, 'guardrails.json');
    const r = await cli('check', dir, '--config', file);
    expect(r).toStrictEqual({
      code: 2,
      stdout: '',
      stderr: [
        `Invalid --config ${file}: "chartsRoot" must be a non-empty string.`,
        `Invalid --config ${file}: "helm.kubeVersion" must be a version such as v1.32.0.`,
        `Invalid --config ${file}: "argocd.gitFileGlobbing" must be greedy or strict.`,
      ].join('\n'),
    });
  });

  it('--config tree options choose the files read', async () => {
    writeRepo({
      ...clean,
      'guardrails.json': JSON.stringify({ tree: { extensions: ['.yml'] } }),
    });
    const r = await cli(
      'check',
      dir,
      '--config',
      join(dir, 'guardrails.json'),
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    // the repository's files are all .yaml: none is read
    expect(JSON.parse(r.stdout).externalSecrets).toStrictEqual([]);
  });

  it('a missing --config file exits 2', async () => {
    const r = await cli('check', DEMO, '--config', '/nonexistent/config.json');
    expect(r).toStrictEqual({
      code: 2,
      stdout: '',
      stderr: 'Cannot read --config /nonexistent/config.json.',
    });
  });

  it.each([
    [[], 2, 'Usage: secrets-guardrails'],
    [['lint'], 2, 'Unknown command "lint"'],
    [['check'], 2, 'Missing <dir>'],
    [
      ['check', '/nonexistent/repo'],
      2,
      'Cannot read directory /nonexistent/repo.',
    ],
    [
      ['check', '.', '--format', 'xml'],
      2,
      '--format must be text, json or sarif (got "xml").',
    ],
    [
      ['check', '.', '--fail-on', 'sometimes'],
      2,
      '--fail-on must be error, warning or never',
    ],
    [['check', '.', '--env'], 2, '--env needs a value'],
    [['check', '.', '--bogus'], 2, 'unknown option --bogus'],
  ])('usage errors exit 2: %j', async (argv, code, text) => {
    const r = await cli(...argv);
    expect(r.code).toBe(code);
    expect(`${r.stdout}${r.stderr}`).toContain(text);
  });

  it('--help exits 0', async () => {
    const r = await cli('check', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exit codes:');
  });
});

describe('secrets-guardrails as a process writing to pipes', () => {
  const BIN = resolve(__dirname, '../../bin/secrets-guardrails');
  const NODE = process.execPath;

  /** Runs a command with piped stdout and stderr; resolves with the bytes read. */
  function run(args: string[]) {
    return new Promise<{ code: number | null; stdout: Buffer; stderr: Buffer }>(
      (done, fail) => {
        const child = spawn(NODE, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', b => out.push(b));
        child.stderr.on('data', b => err.push(b));
        child.on('error', fail);
        child.on('close', code =>
          done({
            code,
            stdout: Buffer.concat(out),
            stderr: Buffer.concat(err),
          }),
        );
      },
    );
  }

  /** A repository whose report is well over 1 MB: many charts, many keys, no fixtures. */
  function bigRepo() {
    const files: Record<string, string> = {
      ...fixtureRelease('unrelated: x\n'),
      ...platformStore(),
      'sources/values/env/dev/globals.yaml': 'x: 1\n',
      'sources/values/env/production/globals.yaml': 'x: 1\n',
    };
    for (let i = 0; i < 250; i++) {
      Object.assign(
        files,
        chart(
          'apps',
          `service-${i}`,
          {
            'es.yaml': externalSecret({
              name: `service-${i}`,
              data: Array.from({ length: 16 }, (_, k) => ({
                secretKey: `k${k}`,
                key: `service-${i}-key-${k}`,
                property: 'value',
              })),
            }),
          },
          'namespace: ameide\n',
        ),
      );
    }
    writeRepo(files);
  }

  for (const format of ['json', 'sarif', 'text']) {
    // eslint-disable-next-line no-loop-func
    it(`writes the whole ${format} report to a pipe`, async () => {
      bigRepo();
      const file = join(dir, `report.${format}`);
      const piped = await run([BIN, 'check', dir, '--format', format]);
      await run([BIN, 'check', dir, '--format', format, '--output', file]);
      // the run's time and duration differ between the two runs
      const timeless = (b: Buffer) =>
        b.toString().replace(/"(generatedAt|durationMs)": [^,\n]*/g, '"$1": 0');
      const written = readFileSync(file);
      expect(piped.code).toBe(1);
      expect(piped.stderr.toString()).toBe('');
      expect(written.length).toBeGreaterThan(1024 * 1024);
      expect(Math.abs(piped.stdout.length - written.length)).toBeLessThan(8);
      expect(timeless(piped.stdout)).toBe(timeless(written));
      if (format !== 'text')
        // eslint-disable-next-line jest/no-conditional-expect
        expect(() => JSON.parse(piped.stdout.toString())).not.toThrow();
    }, 60_000);
  }

  it('writes a long stderr to a pipe before exiting, with the exit code', async () => {
    const script = `
      require(${JSON.stringify(
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      )});
      const { processIO } = require(${JSON.stringify(
        resolve(__dirname, 'main.ts'),
      )});
      const { io, finish } = processIO();
      io.stderr('e'.repeat(3 * 1024 * 1024));
      io.stdout('o'.repeat(2 * 1024 * 1024));
      finish(3);
    `;
    const r = await run(['-e', script]);
    expect(r.code).toBe(3);
    expect(r.stderr.length).toBe(3 * 1024 * 1024 + 1);
    expect(r.stdout.length).toBe(2 * 1024 * 1024 + 1);
  }, 60_000);
});

describe('secrets-guardrails impact', () => {
  it('follows a Vault key of the demo to the workload that reads its Secret', async () => {
    const r = await cli(
      'impact',
      DEMO,
      '--vault-key',
      'payments-stripe-api-key',
      '--env',
      'dev',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const imp = JSON.parse(r.stdout);
    expect(imp.summary).toEqual(
      expect.objectContaining({ environments: ['dev'], externalSecrets: 1 }),
    );
    expect(imp.edges.some((e: any) => e.label === 'produces')).toBe(true);
    const text = await cli(
      'impact',
      DEMO,
      '--vault-key',
      'payments-stripe-api-key',
      '--env',
      'dev',
    );
    expect(text.stdout).toContain('-produces-> Secret ameide/payments-stripe');
  });

  it('refuses a query without exactly one starting point, and an unknown environment', async () => {
    expect((await cli('impact', DEMO)).code).toBe(2);
    expect(
      (await cli('impact', DEMO, '--vault-key', 'a', '--store', 'b')).code,
    ).toBe(2);
    const r = await cli('impact', DEMO, '--vault-key', 'a', '--env', 'mars');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown environment "mars"');
  });
});

describe('secrets-guardrails check with live snapshots', () => {
  // kubectl get externalsecrets,secretstores,clustersecretstores,events -A -o json
  const clusterList = {
    apiVersion: 'v1',
    kind: 'List',
    metadata: { resourceVersion: '' },
    items: [
      {
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        metadata: { name: 'orders', namespace: 'ameide' },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
          target: { name: 'orders' },
        },
        status: {
          conditions: [
            {
              type: 'Ready',
              status: 'False',
              reason: 'SecretSyncedError',
              message: 'could not get secret data from provider',
            },
          ],
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Event',
        type: 'Warning',
        reason: 'UpdateFailed',
        message: 'Code: 403. Errors: * permission denied',
        lastTimestamp: '2026-11-25T03:00:00Z',
        involvedObject: {
          kind: 'ExternalSecret',
          namespace: 'ameide',
          name: 'orders',
        },
        metadata: { name: 'orders.1', namespace: 'ameide' },
      },
    ],
  };

  it('reports a sync error with the id and message of the backend', async () => {
    writeRepo(clean);
    writeFileSync(join(dir, 'cluster.json'), JSON.stringify(clusterList));
    const r = await cli(
      'check',
      dir,
      '--env',
      'dev',
      '--cluster-snapshot',
      `dev:kind-dev=${join(dir, 'cluster.json')}`,
      '--format',
      'json',
    );
    expect(r.code).toBe(1);
    const live = JSON.parse(r.stdout).findings.filter((f: { id: string }) =>
      f.id.startsWith('live:'),
    );
    expect(live.map((f: { id: string }) => f.id)).toEqual([
      'live:sync-error:kind-dev:ameide:orders',
    ]);
    expect(live[0].severity).toBe('error');
    expect(live[0].message).toBe(
      'ExternalSecret ameide/orders in cluster kind-dev is not synced (Ready=False, SecretSyncedError): Code: 403. Errors: * permission denied',
    );
    // the single analysed environment is meant; the cluster is named after it
    writeFileSync(
      join(dir, 'cluster.yaml'),
      `apiVersion: v1\nkind: List\nitems:\n${clusterList.items
        .map(item => `- ${JSON.stringify(item)}\n`)
        .join('')}`,
    );
    const text = await cli(
      'check',
      dir,
      '--env',
      'dev',
      '--cluster-snapshot',
      join(dir, 'cluster.yaml'),
    );
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      'ExternalSecret ameide/orders in cluster dev is not synced',
    );
  });

  it('reports a placeholder left in the production Vault from a metadata dump', async () => {
    const file = join(dir, 'vault.json');
    writeFileSync(
      file,
      JSON.stringify({
        mount: 'secret',
        keys: {
          'platform-app-client-secret': {
            current_version: 1,
            created_time: '2026-06-01T10:00:00Z',
            updated_time: '2026-06-01T10:00:00Z',
            custom_metadata: null,
            versions: {
              '1': {
                created_time: '2026-06-01T10:00:00Z',
                deletion_time: '',
                destroyed: false,
              },
            },
            placeholder: { value: true },
          },
        },
        subkeys: { 'platform-app-client-secret': { subkeys: { value: null } } },
      }),
    );
    const r = await cli(
      'check',
      DEMO,
      '--vault-snapshot',
      `production=${file}`,
      '--format',
      'sarif',
      '--fail-on',
      'never',
    );
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout).runs[0].results as Array<{
      ruleId: string;
      level: string;
      message: { text: string };
    }>;
    const placeholder = results.filter(
      x =>
        x.ruleId === 'placeholder-in-vault' &&
        /still holds/.test(x.message.text),
    );
    expect(
      placeholder.map(x => [x.level, x.message.text.split(' Fix: ')[0]]),
    ).toEqual([
      [
        'error',
        'Vault key "platform-app-client-secret" (property "value") in production still holds a dev fixture value.',
      ],
    ]);
  });

  it('exits 2 naming the file on a missing, malformed or wrongly shaped snapshot', async () => {
    writeRepo(clean);
    writeFileSync(
      join(dir, 'bad.yaml'),
      'items: [\n  - {kind: ExternalSecret\n',
    );
    writeFileSync(join(dir, 'shape.json'), '{"foo": 1}');
    writeFileSync(
      join(dir, 'values.json'),
      '{"keys": {"a": {"data": {"value": "hunter2"}}}}',
    );
    const cases: Array<[string, string, RegExp]> = [
      [
        '--cluster-snapshot',
        join(dir, 'missing.yaml'),
        /Cannot read snapshot .*missing\.yaml \(ENOENT\)/,
      ],
      [
        '--cluster-snapshot',
        join(dir, 'bad.yaml'),
        /Invalid snapshot .*bad\.yaml: /,
      ],
      [
        '--cluster-snapshot',
        join(dir, 'shape.json'),
        /Invalid snapshot .*shape\.json: not the output of kubectl/,
      ],
      [
        '--vault-snapshot',
        join(dir, 'shape.json'),
        /Invalid snapshot .*shape\.json: Vault snapshot for dev has no "keys" map/,
      ],
      [
        '--vault-snapshot',
        join(dir, 'values.json'),
        /values\.json: .*contains values \(key a\); dump metadata only/,
      ],
      [
        '--cluster-snapshot',
        `prod=${join(dir, 'shape.json')}`,
        /environment "prod" is not one the check analysed \(dev\)/,
      ],
    ];
    for (const [option, value, message] of cases) {
      const r = await cli('check', dir, '--env', 'dev', option, value);
      expect({ value, code: r.code }).toEqual({ value, code: 2 });
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at |hunter2/);
    }
    // several environments: the snapshot must say which
    const r = await cli(
      'check',
      DEMO,
      '--cluster-snapshot',
      join(dir, 'shape.json'),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/say which environment it is/);
  });
});
