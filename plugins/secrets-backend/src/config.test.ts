import { ConfigReader } from '@backstage/config';
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
