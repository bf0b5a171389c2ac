import { chart, fileTree } from '../__testUtils__/fileTree';
import { analyze } from './analyze';

const dir = 'sources/charts/apps/web';

function findingsOf(templates: Record<string, string>, chartYaml?: string) {
  const files = chart('apps', 'web', templates, 'name: web\n');
  if (chartYaml) files[`${dir}/Chart.yaml`] = chartYaml;
  return analyze(fileTree(files), { environments: ['dev'] }).findings.filter(
    f => f.type === 'unevaluable-template',
  );
}

describe('template problems: unsupported constructs are info, chart errors are errors', () => {
  it('a dependency that is not vendored is named at info level', () => {
    const f = findingsOf(
      { 'all.yaml': '{{ include "common.loader.all" . }}\n' },
      'apiVersion: v2\nname: web\nversion: 1.0.0\ndependencies:\n  - name: common\n    version: 4.x\n    repository: https://charts.example.invalid\n',
    );
    expect(f.map(x => [x.severity, x.message])).toStrictEqual([
      [
        'info',
        'Template not evaluated by the engine for dev: template "common.loader.all" is not defined: the chart depends on "common", which is neither vendored under charts/ nor a file:// chart of the repository (the engine reads no chart repository).',
      ],
    ]);
  });

  it('a regular expression the engine will not run is named at info level', () => {
    const f = findingsOf({
      'cm.yaml':
        'kind: ConfigMap\nmetadata:\n  name: {{ regexFind "(a+)+$" .Values.name }}\n',
    });
    expect(f.map(x => x.severity)).toStrictEqual(['info']);
    expect(f[0].message).toContain('nested quantifiers');
  });

  it('fail, required and parse errors in the chart stay errors', () => {
    const f = findingsOf({
      'a.yaml': '{{ fail "unsupported mode" }}\n',
      'b.yaml': '{{ required "x is required" .Values.x }}\n',
      'c.yaml': '{{ if .Values.name }}\n',
    });
    expect(f.map(x => [x.severity, x.message]).sort()).toStrictEqual([
      [
        'error',
        'Template could not be evaluated for dev: missing {{ end }} for {{ if }}.',
      ],
      [
        'error',
        'Template could not be evaluated for dev: required value missing: x is required.',
      ],
      [
        'error',
        'Template could not be evaluated for dev: template called fail: unsupported mode.',
      ],
    ]);
  });
});
