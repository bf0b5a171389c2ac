/* The producer registry: rules configured by the team. */
import { applyProducers, compileProducers, renderName } from './registry';
import { validateProducerRules } from './validate';

describe('producer registry: configuration', () => {
  it('a configured rule adds to the built-ins, and defaultProducers: false switches them off', () => {
    const rule = {
      apiVersion: 'redis.example.com/*',
      kind: 'Redis',
      secrets: [
        '{{name}}-auth',
        { name: '{{item}}-acl', forEach: 'spec.acls[]' },
      ],
    };
    const redis = {
      apiVersion: 'redis.example.com/v1',
      kind: 'Redis',
      metadata: { name: 'cache' },
      spec: { acls: ['ro', 'rw'] },
    };
    expect(
      applyProducers(redis, compileProducers([rule])).produces.map(p => p.name),
    ).toStrictEqual(['cache-auth', 'ro-acl', 'rw-acl']);
    const cnpg = {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: 'pg' },
    };
    expect(
      applyProducers(cnpg, compileProducers([rule], false)).produces,
    ).toStrictEqual([]);
  });

  it('templates: a placeholder with no value drops the name; filters apply in order', () => {
    const obj = { metadata: { name: 'Db_One' }, spec: { n: 3 } };
    expect(renderName('{{name|dashes|lower}}-{{spec.n}}', { obj })).toBe(
      'db-one-3',
    );
    expect(renderName('{{spec.absent}}-x', { obj })).toBeUndefined();
    expect(renderName('{{key|afterDot}}', { obj, key: 'ns.user' })).toBe(
      'user',
    );
  });

  it('refuses malformed rules with the place that is wrong', () => {
    expect(() => validateProducerRules({})).toThrow(
      '"producers" must be a list',
    );
    expect(() => validateProducerRules([{ kind: 'X' }])).toThrow(
      '"producers[0].apiVersion" must be a non-empty string',
    );
    expect(() =>
      validateProducerRules([{ apiVersion: 'a/*', kind: 'X', secrets: [{}] }]),
    ).toThrow('"producers[0].secrets[0]" must be a name template');
    expect(() =>
      validateProducerRules([
        {
          apiVersion: 'a/*',
          kind: 'X',
          secrets: [{ name: 'n', forEach: 'a..b' }],
        },
      ]),
    ).toThrow('"producers[0].secrets[0].forEach": malformed path');
    expect(() =>
      validateProducerRules([{ apiVersion: 'a/*', kind: 'X', extra: 1 }]),
    ).toThrow('unknown field "extra"');
  });
});
