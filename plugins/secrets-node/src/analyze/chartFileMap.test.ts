import { fileTree } from '../__testUtils__/fileTree';
import { analyze } from './analyze';
import { chartFileMap } from './render/chartFiles';

const lib = {
  'charts/lib/Chart.yaml':
    'apiVersion: v2\nname: lib\ntype: library\nversion: 1.0.0\n',
  'charts/lib/templates/_es.tpl': `{{- define "lib.externalSecret" -}}
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: {{ .Release.Name }}
spec:
  secretStoreRef: { kind: ClusterSecretStore, name: vault }
  target: { name: {{ .Values.target }} }
  data:
    - secretKey: password
      remoteRef: { key: {{ .Release.Name }}/db, property: password }
{{- end -}}
`,
};

const wrapper = (name: string, target: string) => ({
  [`apps/${name}/Chart.yaml`]: `apiVersion: v2\nname: ${name}\nversion: 1.0.0\ndependencies:\n  - name: lib\n    version: 1.0.0\n    repository: file://../../charts/lib\n`,
  [`apps/${name}/values.yaml`]: `target: ${target}\n`,
  [`apps/${name}/templates/es.yaml`]: '{{ include "lib.externalSecret" . }}\n',
});

describe('in-repository chart dependencies (file://)', () => {
  it('places the dependency under charts/<name>/ as helm dependency build would', () => {
    const tree = fileTree({ ...lib, ...wrapper('web', 'web-db') });
    expect([...chartFileMap(tree, 'apps/web')].sort()).toStrictEqual([
      ['Chart.yaml', 'apps/web/Chart.yaml'],
      ['charts/lib/Chart.yaml', 'charts/lib/Chart.yaml'],
      ['charts/lib/templates/_es.tpl', 'charts/lib/templates/_es.tpl'],
      ['templates/es.yaml', 'apps/web/templates/es.yaml'],
      ['values.yaml', 'apps/web/values.yaml'],
    ]);
  });

  it('a vendored copy wins over the file:// source', () => {
    const tree = fileTree({
      ...lib,
      ...wrapper('web', 'web-db'),
      'apps/web/charts/lib/Chart.yaml':
        'apiVersion: v2\nname: lib\ntype: library\nversion: 0.9.0\n',
    });
    expect(chartFileMap(tree, 'apps/web').get('charts/lib/Chart.yaml')).toBe(
      'apps/web/charts/lib/Chart.yaml',
    );
  });

  it('wrapper charts render through the library, so their ExternalSecrets are analysed', () => {
    const r = analyze(
      fileTree({
        ...lib,
        ...wrapper('web', 'shared'),
        ...wrapper('api', 'shared'),
      }),
      { discovery: ['layout'] },
    );
    expect(
      r.externalSecrets.map(e => `${e.chart}:${e.targetSecret}`).sort(),
    ).toStrictEqual(['apps/api:shared', 'apps/web:shared']);
    // a library chart is never installed on its own
    expect(r.releases.map(x => x.chart).sort()).toStrictEqual([
      'apps/api',
      'apps/web',
    ]);
    expect(
      r.findings.filter(f => f.type === 'unevaluable-template'),
    ).toStrictEqual([]);
  });
});
