import { parseRendered, parseText } from './yamlCache';

describe('parseRendered', () => {
  const rendered = [
    'apiVersion: external-secrets.io/v1',
    'kind: ExternalSecret',
    'metadata:',
    '  name: orders',
    '  name: orders-db',
    'spec:',
    '  refreshInterval: 1h',
    '---',
    'kind: ConfigMap',
    'data: { a: "1", a: "2" }',
    '',
  ].join('\n');

  it('reports duplicate keys exactly as the YAML layer does', () => {
    const fast = parseRendered(rendered, 'rendered.yaml');
    const slow = parseText(rendered, 'rendered.yaml');
    expect(fast.errors).toEqual(slow.errors);
    expect(fast.errors.map(e => [e.line, e.code])).toEqual([
      [5, 'duplicate-key'],
      [10, 'duplicate-key'],
    ]);
    // the documents are still read, the later value winning
    expect(fast.docs.map(d => d.value)).toEqual(slow.docs.map(d => d.value));
    expect((fast.docs[0].value as any).metadata.name).toBe('orders-db');
  });

  it('keeps the fast path for text without duplicates', () => {
    const text = 'kind: ConfigMap\ndata:\n  a: "1"\n---\nkind: Secret\n';
    const fast = parseRendered(text, 'rendered.yaml');
    expect(fast.errors).toEqual([]);
    expect(fast.docs.map(d => d.value)).toEqual([
      { kind: 'ConfigMap', data: { a: '1' } },
      { kind: 'Secret' },
    ]);
    // the fast path does not locate lines; the YAML layer does
    expect(fast.docs[0].lineOfPath(['data'])).toBeUndefined();
  });
});
