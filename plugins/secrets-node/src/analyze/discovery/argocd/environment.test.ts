import {
  labelEnvironment,
  nameEnvironment,
  paramsEnvironment,
  pathEnvironment,
} from './environment';

const known = ['dev', 'staging', 'production'];

describe('environment of an Application', () => {
  it('a generator parameter or a cluster label names it outright', () => {
    expect(paramsEnvironment({ env: 'qa' })).toBe('qa');
    expect(paramsEnvironment({ stage: 'prod' })).toBe('prod');
    expect(paramsEnvironment({ 'values.environment': 'dev' })).toBe('dev');
    expect(paramsEnvironment({ 'metadata.labels.env': 'edge' })).toBe('edge');
    expect(
      paramsEnvironment({ metadata: { labels: { environment: 'eu' } } }),
    ).toBe('eu');
    expect(
      paramsEnvironment({ name: 'x', path: { path: 'a/dev' } }),
    ).toBeUndefined();
  });

  it('labels, name suffixes and path segments count only as said or known', () => {
    expect(labelEnvironment({ metadata: { labels: { env: 'dev' } } })).toBe(
      'dev',
    );
    expect(nameEnvironment('orders-production', known)).toBe('production');
    expect(nameEnvironment('orders-devtools', known)).toBeUndefined();
    expect(nameEnvironment('orders-qa', known)).toBeUndefined();
    expect(
      pathEnvironment(['charts/orders', 'values/staging.yaml'], known),
    ).toBe('staging');
    expect(pathEnvironment(['envs/qa/orders'], known)).toBeUndefined();
  });
});
