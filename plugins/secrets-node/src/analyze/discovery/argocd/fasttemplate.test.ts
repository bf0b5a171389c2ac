import { ArgoTemplateError, fastReplace } from './fasttemplate';

describe('fasttemplate (default template mode)', () => {
  const params = { name: 'orders', 'path.basename': 'shop', env: 'dev', n: 3 };

  it('replaces string parameters, with or without spaces in the tag', () => {
    expect(fastReplace('{{name}}-{{ env }}', params)).toBe('orders-dev');
    expect(fastReplace('apps/{{path.basename}}/{{  name  }}', params)).toBe(
      'apps/shop/orders',
    );
  });

  it('leaves unknown, non-string and Go-syntax tags untouched, as Argo CD does', () => {
    expect(fastReplace('{{missing}}/{{ .name }}/{{n}}/{{}}', params)).toBe(
      '{{missing}}/{{ .name }}/{{n}}/{{}}',
    );
  });

  it('fails on an unclosed tag after a template tag; text without a closed tag is left alone', () => {
    expect(() => fastReplace('{{name}} {{env', params)).toThrow(
      ArgoTemplateError,
    );
    expect(fastReplace('a {{name', params)).toBe('a {{name');
  });
});
