import { fileTree } from '../__testUtils__/fileTree';
import { renderChart } from '../helm/chart';
import { DEFAULT_API_VERSIONS } from '../helm/chart/capabilities';
import type { Chart } from './releases';
import { TemplateCache } from './render/caches';

const lib = {
  'libs/kit/Chart.yaml':
    'apiVersion: v2\nname: kit\nversion: 1.0.0\ntype: library\n',
  'libs/kit/values.yaml': 'store: vault\n',
  'libs/kit/templates/_es.tpl':
    '{{- define "kit.es" -}}\nkind: ExternalSecret\nmetadata:\n  name: {{ .Release.Name }}\nstore: {{ .Values.kit.store }}\n{{- end -}}\n',
};
const app = (repository: string) => ({
  'apps/web/Chart.yaml': `apiVersion: v2\nname: web\nversion: 1.0.0\ndependencies:\n  - name: kit\n    version: 1.0.0\n    repository: ${repository}\n`,
  'apps/web/templates/es.yaml': '{{ include "kit.es" . }}\n',
});

function render(files: Record<string, string>) {
  const { loaded } = new TemplateCache().get(
    { dir: 'apps/web' } as Chart,
    fileTree(files),
  );
  return renderChart(
    loaded,
    {},
    { name: 'web', namespace: 'apps' },
    { kubeVersion: 'v1.32.0', apiVersions: [...DEFAULT_API_VERSIONS] },
  ).map(r => r.output ?? r.error?.message);
}

describe('TemplateCache: file:// dependencies', () => {
  it('vendors a file:// dependency of the repository under charts/, as helm dependency build does', () => {
    expect(render({ ...lib, ...app('file://../../libs/kit') })).toStrictEqual([
      'kind: ExternalSecret\nmetadata:\n  name: web\nstore: vault\n',
    ]);
  });

  it('keeps a vendored copy, and ignores directories outside the repository or without a chart', () => {
    const vendored = {
      ...lib,
      ...app('file://../../libs/kit'),
      'apps/web/charts/kit/Chart.yaml': lib['libs/kit/Chart.yaml'],
      'apps/web/charts/kit/values.yaml': 'store: local\n',
      'apps/web/charts/kit/templates/_es.tpl':
        lib['libs/kit/templates/_es.tpl'],
    };
    expect(render(vendored)[0]).toContain('store: local');
    for (const repo of ['file://../../../kit', 'file://../../nowhere'])
      expect(render({ ...lib, ...app(repo) })[0]).toContain(
        'template "kit.es" is not defined',
      );
  });
});
