import { isSecretReference } from './secretReference';

describe('secret references', () => {
  it('recognises references resolved by other tools, not values', () => {
    for (const v of [
      'op://kubernetes/1password/OP_CONNECT_TOKEN',
      'op://vault/item/section/field\n',
      'ref+vault://secret/data/app#/password',
      '<path:secret/data/app#password>',
      'vault:secret/data/app#password',
      'berglas://bucket/secret',
    ])
      expect([v, isSecretReference(v)]).toEqual([v, true]);
    for (const v of ['hunter2', 'op://', 'https://example.org', 'x op://a/b'])
      expect([v, isSecretReference(v)]).toEqual([v, false]);
  });
});
