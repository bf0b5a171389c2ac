import { parsePath, selectPath } from './paths';

describe('paths', () => {
  const values = {
    azureKeyVault: {
      secrets: [{ vaultKey: 'a' }, { vaultKey: 'b' }, { other: 'c' }],
    },
    users: { app_user: ['login'], reader: [] },
    nested: { list: [[{ k: 1 }], [{ k: 2 }]] },
  };

  it('reads dotted keys, each list element and each map value with its key', () => {
    expect(
      selectPath(values, 'azureKeyVault.secrets[].vaultKey').map(m => m.value),
    ).toStrictEqual(['a', 'b']);
    expect(selectPath(values, 'users.*').map(m => m.key)).toStrictEqual([
      'app_user',
      'reader',
    ]);
    expect(
      selectPath(values, 'nested.list[][].k').map(m => m.value),
    ).toStrictEqual([1, 2]);
  });

  it('reaches nothing through a missing key or a value of the wrong shape', () => {
    expect(selectPath(values, 'absent.key')).toStrictEqual([]);
    expect(selectPath(values, 'users[]')).toStrictEqual([]);
    expect(selectPath(values, 'azureKeyVault.*.x')).toStrictEqual([]);
  });

  it('refuses malformed paths', () => {
    expect(() => parsePath('')).toThrow('non-empty');
    expect(() => parsePath('a..b')).toThrow('malformed path');
    expect(() => parsePath('a[0]')).toThrow('malformed path');
    expect(() => parsePath('a[]b')).toThrow('malformed path');
  });
});
