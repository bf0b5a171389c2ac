import { ArgoTemplateError } from './fasttemplate';
import { goReplace } from './goTemplate';

const mode = { goTemplate: true, options: [] as string[] };
const strict = { goTemplate: true, options: ['missingkey=error'] };
const params = {
  name: 'orders',
  env: 'dev',
  path: {
    path: 'apps/shop/orders',
    basename: 'orders',
    segments: ['apps', 'shop', 'orders'],
  },
  valueFiles: ['a.yaml', 'b.yaml'],
  metadata: { labels: { 'app.kubernetes.io/env': 'dev' } },
};

describe('Go template mode', () => {
  it('renders fields of the parameter set, nested objects and Sprig functions', () => {
    expect(goReplace('{{ .name }}-{{.env}}', params, mode)).toBe('orders-dev');
    expect(
      goReplace('{{ .path.path }}/{{ index .path.segments 1 }}', params, mode),
    ).toBe('apps/shop/orders/shop');
    expect(
      goReplace('{{ .name | upper }}-{{ default "x" .nope }}', params, mode),
    ).toBe('ORDERS-x');
    expect(
      goReplace(
        '{{ index .metadata.labels "app.kubernetes.io/env" }}',
        params,
        mode,
      ),
    ).toBe('dev');
    expect(goReplace('{{ dig "nameSuffix" "" . }}', params, strict)).toBe('');
  });

  it('`$` is the parameter set inside range, as in Go', () => {
    expect(
      goReplace(
        '{{- range .valueFiles }}\n- {{ $.name }}/{{ . }}{{- end }}',
        params,
        mode,
      ),
    ).toBe('\n- orders/a.yaml\n- orders/b.yaml');
  });

  it('prints <no value> for a missing key, as Go does', () => {
    expect(goReplace('x-{{ .nope }}', params, mode)).toBe('x-<no value>');
  });

  it('fails on a missing key with missingkey=error, and on a missing key inside a chain in every mode', () => {
    expect(() => goReplace('{{ .nope }}', params, strict)).toThrow(
      ArgoTemplateError,
    );
    expect(() => goReplace('{{ .nope.deeper }}', params, mode)).toThrow(
      /nope\.deeper/,
    );
    // only evaluated actions count: a guarded lookup does not fail
    expect(
      goReplace(
        '{{ if hasKey . "nope" }}{{ .nope }}{{ end }}ok',
        params,
        strict,
      ),
    ).toBe('ok');
  });

  it('reports what the template implementation cannot evaluate as a template error', () => {
    expect(() =>
      goReplace('{{ .name | noSuchFunction }}', params, mode),
    ).toThrow(ArgoTemplateError);
    expect(() => goReplace('{{ if .name }}', params, mode)).toThrow(
      ArgoTemplateError,
    );
  });

  it('leaves text without actions alone', () => {
    expect(goReplace('plain', params, strict)).toBe('plain');
  });
});

describe('Argo CD template functions', () => {
  const p = {
    cluster: 'Feature/ABC_123',
    path: { path: 'apps/shop/orders/' },
    list: ['x/y'],
  };
  it('normalize and the path functions on fields and literals', () => {
    expect(goReplace('{{ .cluster | normalize }}-app', p, mode)).toBe(
      'feature-abc-123-app',
    );
    expect(goReplace('{{ normalize "A_B" }}', p, mode)).toBe('a-b');
    expect(
      goReplace('{{ base .path.path }}/{{ dir .path.path }}', p, mode),
    ).toBe('orders/apps/shop/orders');
    expect(goReplace('{{ .path.path | clean | base | upper }}', p, mode)).toBe(
      'ORDERS',
    );
    expect(goReplace('{{ ext "values.yaml" }}', p, mode)).toBe('.yaml');
  });

  it('inside range, `.` is not the parameter set: `$` fields are still evaluated', () => {
    expect(
      goReplace('{{ range .list }}{{ base $.path.path }}{{ end }}', p, mode),
    ).toBe('orders');
    // `.` is the element: sprig's base of "x/y", as Go renders it
    expect(goReplace('{{ range .list }}{{ base . }}{{ end }}', p, mode)).toBe(
      'y',
    );
  });
});
