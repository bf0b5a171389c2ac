import { ConfigReader } from '@backstage/config';
import {
  defaultSecretsScaffolderConfig,
  readSecretsScaffolderConfig,
} from './config';

describe('readSecretsScaffolderConfig', () => {
  it('reads the engine options of secrets.engine, the backend check applied', () => {
    expect(
      readSecretsScaffolderConfig(
        new ConfigReader({
          secrets: {
            engine: { fixtureKey: 'seedData', tree: { maxFiles: 10 } },
          },
        }),
      ),
    ).toStrictEqual({
      ...defaultSecretsScaffolderConfig,
      engine: { fixtureKey: 'seedData' },
      tree: { maxFiles: 10 },
    });
    expect(readSecretsScaffolderConfig(new ConfigReader({}))).toStrictEqual(
      defaultSecretsScaffolderConfig,
    );
    expect(() =>
      readSecretsScaffolderConfig(
        new ConfigReader({ secrets: { engine: { discovery: ['helm'] } } }),
      ),
    ).toThrow(
      'Invalid option at secrets.engine.discovery[0]: "discovery[0]" must be one of argocd, flux, layout (got "helm")',
    );
  });
});
