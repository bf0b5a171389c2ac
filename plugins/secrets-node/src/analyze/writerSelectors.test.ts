/*
 * A team's own values layout: writers declared by selectors over values,
 * fixture entries read from the team's own placeholder paths.
 */
import { chart, externalSecret, fileTree } from '../__testUtils__/fileTree';
import { fixtureRelease, platformStore } from '../__testUtils__/repo';
import { analyze } from './analyze';
import { validateAnalyzeOptions } from './options';
import { selectWriters, validateWriterSelectors } from './writerSelectors';

const app = (values: string) =>
  chart(
    'apps',
    'orders',
    {
      'es.yaml': externalSecret({
        name: 'orders',
        data: [
          { secretKey: 'a', key: 'orders-db', property: 'value' },
          { secretKey: 'b', key: 'orders-api', property: 'value' },
        ],
      }),
    },
    `namespace: ameide\n${values}`,
  );
const rows = (r: ReturnType<typeof analyze>) =>
  r.coverage.map(c => [c.key, c.environment, c.fixture, c.writers]);

describe('writer selectors', () => {
  it('selects Vault keys from values by path and release glob', () => {
    const values = {
      azureKeyVault: { secrets: [{ vaultKey: 'a' }, { vaultKey: 'b' }] },
    };
    const selectors = [
      {
        release: 'apps-*',
        path: 'azureKeyVault.secrets[].vaultKey',
        writer: 'azure-sync',
        kind: 'external-sync',
      },
    ];
    expect(selectWriters('apps-orders', values, selectors)).toStrictEqual([
      { key: 'a', writer: 'azure-sync', kind: 'external-sync' },
      { key: 'b', writer: 'azure-sync', kind: 'external-sync' },
    ]);
    expect(selectWriters('platform-x', values, selectors)).toStrictEqual([]);
  });

  it('a selected writer covers its keys where it writes, following the writer rules', () => {
    const r = analyze(
      fileTree({
        ...fixtureRelease('orders-api: local-dev\n'),
        ...platformStore(),
        ...app('azureKeyVault:\n  secrets:\n    - vaultKey: orders-db\n'),
      }),
      {
        environments: ['dev', 'production'],
        writerSelectors: [
          {
            path: 'azureKeyVault.secrets[].vaultKey',
            writer: 'azure-keyvault-sync',
          },
        ],
      },
    );
    // an external key-vault sync (by name) writes production, not the fixture environment dev
    expect(rows(r)).toStrictEqual([
      ['orders-db', 'dev', 'missing', []],
      ['orders-api', 'dev', 'present', []],
      ['orders-db', 'production', 'other-writer', ['azure-keyvault-sync']],
      ['orders-api', 'production', 'present', []],
    ]);
  });

  it('refuses malformed selectors', () => {
    expect(() => validateWriterSelectors([{ path: 'a' }])).toThrow(
      '"writerSelectors[0].writer" must be a non-empty string',
    );
    expect(() =>
      validateWriterSelectors([{ path: 'a..b', writer: 'w' }]),
    ).toThrow('"writerSelectors[0].path": malformed path');
    expect(() =>
      validateAnalyzeOptions({
        writerSelectors: [{ path: 'a', writer: 'w', x: 1 }],
      }),
    ).toThrow('unknown field "x"');
  });
});

describe('placeholder paths', () => {
  it("fixture entries are read from the team's own values path, with their lines", () => {
    const files = {
      ...chart('foundation', 'vault-bootstrap', {}, ''),
      'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml':
        'bootstrap:\n  placeholders:\n    orders-db: local-dev-db\n    orders-api: local-dev-api\n',
      ...platformStore(),
      ...app(''),
    };
    const r = analyze(fileTree(files), {
      environments: ['dev'],
      placeholderPaths: ['bootstrap.placeholders'],
    });
    expect(r.fixtureMap.present).toBe(true);
    expect(rows(r)).toStrictEqual([
      ['orders-db', 'dev', 'present', []],
      ['orders-api', 'dev', 'present', []],
    ]);
    expect(r.coverage[0].fixtureRef).toStrictEqual({
      file: 'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml',
      line: 3,
    });
    expect(r.findings).toStrictEqual([]);
    // without the option the map is not seen: coverage is not applicable
    const without = analyze(fileTree(files), { environments: ['dev'] });
    expect(without.fixtureMap.present).toBe(false);
  });

  it('a list of { key, value } entries is a fixture map too', () => {
    const r = analyze(
      fileTree({
        ...chart('foundation', 'vault-bootstrap', {}, ''),
        'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml':
          'seed:\n  - key: orders-db\n    value: local-dev\n',
        ...platformStore(),
        ...app(''),
      }),
      { environments: ['dev'], placeholderPaths: ['seed'] },
    );
    expect(rows(r)).toStrictEqual([
      ['orders-db', 'dev', 'present', []],
      ['orders-api', 'dev', 'missing', []],
    ]);
  });

  it('refuses a malformed path', () => {
    expect(() =>
      validateAnalyzeOptions({ placeholderPaths: ['a..b'] }),
    ).toThrow('"placeholderPaths[0]": malformed path');
  });
});
