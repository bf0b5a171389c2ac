import {
  ENGINE_OPTION_KEYS,
  parseEngineOptions,
  runCli,
} from '@ameideio/plugin-secrets-node';
import { ConfigReader } from '@backstage/config';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSecretsConfig } from './config';

type AppConfig = ConstructorParameters<typeof ConfigReader>[0];
const read = (secrets: object) =>
  readSecretsConfig(new ConfigReader({ secrets } as AppConfig));

describe('secrets.engine', () => {
  it('passes every engine option through, the original top-level keys folded in', () => {
    const cfg = read({
      environments: ['dev'],
      fixtureRelease: 'bootstrap',
      engine: {
        chartsRoot: 'charts',
        defaultProducers: false,
        producers: [
          {
            apiVersion: 'cache.example.com/*',
            kind: 'Redis',
            secrets: ['{{name}}-auth'],
          },
        ],
        writerSelectors: [
          { path: 'azure.secrets[].key', writer: 'azure-sync' },
        ],
        placeholderPaths: ['bootstrap.placeholders'],
      },
    });
    expect(cfg.engine).toStrictEqual({
      chartsRoot: 'charts',
      defaultProducers: false,
      producers: [
        {
          apiVersion: 'cache.example.com/*',
          kind: 'Redis',
          secrets: ['{{name}}-auth'],
        },
      ],
      writerSelectors: [{ path: 'azure.secrets[].key', writer: 'azure-sync' }],
      placeholderPaths: ['bootstrap.placeholders'],
      environments: ['dev'],
      fixtureRelease: 'bootstrap',
    });
  });

  it('no engine section: the original keys alone', () => {
    expect(read({ fixtureEnvironments: ['dev'] }).engine).toStrictEqual({
      fixtureEnvironments: ['dev'],
    });
    expect(read({}).engine).toStrictEqual({});
  });

  it('refuses unknown keys and wrong values at start-up, naming the key', () => {
    expect(() => read({ engine: { chartRoot: 'x' } })).toThrow(
      'Invalid option at secrets.engine.chartRoot: unknown option "chartRoot"',
    );
    expect(() => read({ engine: { defaultProducers: 'yes' } })).toThrow(
      'Invalid option at secrets.engine.defaultProducers',
    );
    expect(() => read({ engine: { placeholderPattern: '(' } })).toThrow(
      'Invalid option at secrets.engine.placeholderPattern: "placeholderPattern" must be a valid regular expression',
    );
    expect(() =>
      read({ engine: { producers: [{ kind: 'Cluster' }] } }),
    ).toThrow('Invalid option at secrets.engine.producers');
    expect(() => read({ engine: ['x'] })).toThrow('Invalid secrets.engine');
    expect(() => read({ engine: { environments: ['Prod'] } })).toThrow(
      'Invalid environment "Prod" at secrets.engine.environments',
    );
  });

  it('refuses an option set both at the top level and in the engine section', () => {
    expect(() =>
      read({ environments: ['dev'], engine: { environments: ['dev'] } }),
    ).toThrow(
      'Invalid secrets.environments: also set at secrets.engine.environments',
    );
  });
});

/**
 * Every engine option, as app-config YAML gives it and as a `--config` JSON
 * file gives it: both must reach the engine as the same options.
 */
const EVERY_OPTION: Array<[string, Record<string, unknown>]> = [
  ['environments', { environments: ['dev', 'prod'] }],
  ['fixtureEnvironments', { fixtureEnvironments: ['dev'] }],
  ['productionEnvironments', { productionEnvironments: ['prod'] }],
  ['knownEnvironments', { knownEnvironments: ['dev', 'qa', 'prod'] }],
  ['chartsRoot', { chartsRoot: 'charts' }],
  ['valuesRoot', { valuesRoot: 'values' }],
  ['sharedValuesDir', { sharedValuesDir: 'common' }],
  ['envValuesDir', { envValuesDir: 'envs' }],
  ['foundationGroups', { foundationGroups: ['platform'] }],
  ['fixtureRelease', { fixtureRelease: 'vault-seed' }],
  ['fixtureKey', { fixtureKey: 'seeds' }],
  ['writersKey', { writersKey: 'vaultWriters' }],
  ['externalSyncWriterPattern', { externalSyncWriterPattern: 'azure-sync' }],
  ['clusterManagedKey', { clusterManagedKey: 'operatorSecrets' }],
  ['originAnnotation', { originAnnotation: 'acme.io/origin' }],
  ['ignorePaths', { ignorePaths: ['legacy/', '*.example.yaml'] }],
  ['defaultIgnores', { defaultIgnores: false }],
  ['discovery', { discovery: ['argocd', 'layout'] }],
  [
    'entities',
    {
      entities: [
        { entityRef: 'component:default/orders', chart: 'charts/orders' },
        {
          entityRef: 'component:default/billing',
          chart: 'charts/billing',
          releases: ['billing-eu'],
        },
      ],
    },
  ],
  ['placeholderPattern', { placeholderPattern: 'todo|fixme' }],
  [
    'argocd',
    {
      argocd: {
        repoURLs: ['https://github.com/acme/platform.git'],
        clusters: [
          {
            name: 'prod-eu',
            server: 'https://prod-eu.example.com',
            labels: { env: 'prod' },
            annotations: { team: 'platform' },
            project: 'platform',
          },
        ],
        gitFileGlobbing: 'strict',
      },
    },
  ],
  [
    'producers',
    {
      producers: [
        {
          apiVersion: 'cache.example.com/*',
          kind: 'Redis',
          operator: 'Redis operator',
          secrets: [
            '{{name}}-auth',
            {
              name: '{{item.name|lower}}-acl',
              forEach: 'spec.acls[]',
              when: 'spec.acls',
              namespace: '{{namespace}}',
            },
          ],
          consumes: [{ name: '{{spec.passwordSecret}}', optional: true }],
        },
      ],
    },
  ],
  ['defaultProducers', { defaultProducers: false }],
  [
    'writerSelectors',
    {
      writerSelectors: [
        {
          release: 'platform-*',
          path: 'azureKeyVault.secrets[].vaultKey',
          writer: 'azure-keyvault-sync',
          kind: 'external-sync',
          properties: ['value'],
          environments: ['prod'],
        },
      ],
    },
  ],
  ['placeholderPaths', { placeholderPaths: ['bootstrap.placeholders'] }],
  [
    'rotation',
    {
      rotation: {
        maxAgeDays: { external: 180, default: 365 },
        environments: { production: { external: 90 } },
        keys: [{ pattern: 'payments/**', maxAgeDays: 30 }],
        severity: 'warning',
      },
    },
  ],
  [
    'helm',
    {
      helm: {
        kubeVersion: 'v1.30.4',
        apiVersions: ['v1', 'apps/v1', 'monitoring.coreos.com/v1/PodMonitor'],
      },
    },
  ],
  [
    'tree',
    { tree: { extensions: ['.yaml', '.yml'], maxFileSize: 1024, maxFiles: 9 } },
  ],
];

/** A wrong value of every option, and the key the refusal must name. */
const WRONG: Array<[string, Record<string, unknown>]> = [
  ['environments', { environments: 'dev' }],
  ['knownEnvironments', { knownEnvironments: [''] }],
  ['chartsRoot', { chartsRoot: 3 }],
  ['fixtureKey', { fixtureKey: '' }],
  ['externalSyncWriterPattern', { externalSyncWriterPattern: '(' }],
  ['placeholderPattern', { placeholderPattern: '[' }],
  ['defaultIgnores', { defaultIgnores: 'no' }],
  ['discovery[1]', { discovery: ['argocd', 'helmfile'] }],
  ['entities[0].chart', { entities: [{ entityRef: 'component:x' }] }],
  ['argocd.repoURL', { argocd: { repoURL: 'https://x' } }],
  ['argocd.gitFileGlobbing', { argocd: { gitFileGlobbing: 'lazy' } }],
  [
    'argocd.clusters[0].labels',
    { argocd: { clusters: [{ name: 'a', server: 'https://a', labels: 1 }] } },
  ],
  [
    'producers[0].secrets[0]',
    { producers: [{ apiVersion: 'a/*', kind: 'X', secrets: ['{{name'] }] },
  ],
  [
    'producers[0].secrets[0].name',
    {
      producers: [
        { apiVersion: 'a/*', kind: 'X', secrets: [{ name: '{{name|upper}}' }] },
      ],
    },
  ],
  ['producers[0].apiVersion', { producers: [{ kind: 'X' }] }],
  ['defaultProducers', { defaultProducers: 1 }],
  [
    'writerSelectors[0].path',
    { writerSelectors: [{ path: 'a..b', writer: 'w' }] },
  ],
  ['writerSelectors[0].writer', { writerSelectors: [{ path: 'a' }] }],
  ['placeholderPaths[0]', { placeholderPaths: ['a[b'] }],
  [
    'rotation.maxAgeDays.external',
    { rotation: { maxAgeDays: { external: 0 } } },
  ],
  ['rotation.maxAgeDays.secret', { rotation: { maxAgeDays: { secret: 10 } } }],
  ['rotation.keys[0].pattern', { rotation: { keys: [{ maxAgeDays: 3 }] } }],
  ['rotation.severity', { rotation: { severity: 'fatal' } }],
  ['helm.kubeVersion', { helm: { kubeVersion: 'latest' } }],
  ['helm.apiVersions[0]', { helm: { apiVersions: ['Deployment'] } }],
  ['helm.kubeVerison', { helm: { kubeVerison: 'v1.30.0' } }],
  ['tree.maxFiles', { tree: { maxFiles: 0 } }],
  ['tree.extension', { tree: { extension: ['.yaml'] } }],
  ['chartRoot', { chartRoot: 'charts' }],
];

describe('secrets.engine and the CLI --config: one set of options', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'secrets-engine-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** What the CLI makes of a JSON file: the engine's own parse. */
  const fromJsonFile = (options: object) => {
    const file = join(dir, 'engine.json');
    writeFileSync(file, JSON.stringify(options));
    return {
      file,
      ...parseEngineOptions(JSON.parse(readFileSync(file, 'utf8'))),
    };
  };
  const cli = async (file: string) => {
    const stderr: string[] = [];
    const code = await runCli(['check', dir, '--config', file], {
      stdout: () => {},
      stderr: s => stderr.push(s),
    });
    return { code, stderr: stderr.join('\n') };
  };

  it('the table covers every engine option', () => {
    expect(EVERY_OPTION.map(([key]) => key).sort()).toStrictEqual(
      [...ENGINE_OPTION_KEYS].sort(),
    );
  });

  it.each(EVERY_OPTION)(
    '%s round-trips from app-config and from --config to the same options',
    async (_key, options) => {
      const { file, ...json } = fromJsonFile(options);
      expect(json.errors).toStrictEqual([]);
      const cfg = read({ engine: options });
      expect({ options: cfg.engine, tree: cfg.tree }).toStrictEqual({
        options: json.options,
        tree: json.tree,
      });
      const { tree, ...analysis } = options;
      expect(cfg.engine).toStrictEqual(analysis);
      expect(cfg.tree).toStrictEqual(tree ?? {});
      // the CLI accepts it and runs
      expect(await cli(file)).toStrictEqual({ code: 0, stderr: '' });
    },
  );

  it('every option at once round-trips too', () => {
    const all = Object.assign({}, ...EVERY_OPTION.map(([, o]) => o));
    const cfg = read({ engine: all });
    const json = fromJsonFile(all);
    expect(json.errors).toStrictEqual([]);
    expect(cfg.engine).toStrictEqual(json.options);
    expect(cfg.tree).toStrictEqual(json.tree);
  });

  it.each(WRONG)(
    'a wrong %s is refused by both, naming the key',
    async (key, options) => {
      expect(() => read({ engine: options })).toThrow(
        `Invalid option at secrets.engine.${key}: `,
      );
      const { file, errors } = fromJsonFile(options);
      expect(errors.map(e => e.key)).toStrictEqual([key]);
      const r = await cli(file);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`Invalid --config ${file}: ${errors[0].message}.`);
      expect(errors[0].message).toContain(`"${key}"`);
    },
  );

  it('reports every wrong key at once', () => {
    expect(() =>
      read({ engine: { chartsRoot: 3, helm: { kubeVersion: 'x' } } }),
    ).toThrow(
      'Invalid option at secrets.engine.chartsRoot: "chartsRoot" must be a non-empty string; ' +
        'Invalid option at secrets.engine.helm.kubeVersion: "helm.kubeVersion" must be a version such as v1.32.0',
    );
  });
});

describe('secrets.history', () => {
  it('keeps 90 days unless told otherwise', () => {
    expect(read({}).history).toStrictEqual({ retentionDays: 90 });
    expect(read({ history: { retentionDays: 30 } }).history).toStrictEqual({
      retentionDays: 30,
    });
  });

  it.each([0, -5, 1.5, 10_000, 'a month'])(
    'refuses retentionDays %p at start-up, naming the key',
    retentionDays => {
      expect(() => read({ history: { retentionDays } })).toThrow(
        expect.objectContaining({
          name: 'InputError',
          message: expect.stringMatching(
            /^Invalid secrets\.history\.retentionDays: expected/,
          ),
        }),
      );
    },
  );
});
