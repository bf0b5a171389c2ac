import { parse } from 'yaml';
import { dedent } from '../../../__testUtils__/fileTree';
import { contextOf } from '../../../__testUtils__/argoContext';
import { expandApplicationSet } from './applicationSet';

const origin = { file: 'appset.yaml', line: 1, what: 'ApplicationSet/x' };
const expand = (yaml: string, files: Record<string, string> = {}) => {
  const ctx = contextOf(files);
  const apps = expandApplicationSet(parse(dedent(yaml)), ctx, origin).map(
    a => a.app,
  );
  return { apps, notes: ctx.notes.map(n => n.message) };
};

describe('ApplicationSet expansion', () => {
  it('fasttemplate mode renders every string field and map key', () => {
    const { apps } = expand(`
      spec:
        generators:
          - list:
              elements: [{env: dev, team: shop}]
        template:
          metadata:
            name: 'orders-{{env}}'
            annotations:
              '{{team}}/owner': '{{ team }}'
          spec:
            project: default
            source: {path: 'charts/orders', helm: {valueFiles: ['values-{{env}}.yaml', '{{unknown}}.yaml']}}
            destination: {namespace: '{{env}}'}
    `);
    expect(apps).toStrictEqual([
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'orders-dev', annotations: { 'shop/owner': 'shop' } },
        spec: {
          project: 'default',
          source: {
            path: 'charts/orders',
            helm: { valueFiles: ['values-dev.yaml', '{{unknown}}.yaml'] },
          },
          destination: { namespace: 'dev' },
        },
      },
    ]);
  });

  it('templatePatch injects value files into the sources list (Go mode)', () => {
    const { apps } = expand(`
      spec:
        goTemplate: true
        goTemplateOptions: ["missingkey=error"]
        generators:
          - list:
              elements:
                - {name: orders, env: dev, valueFiles: [common.yaml, dev.yaml]}
        template:
          metadata: {name: '{{ .name }}-{{ .env }}'}
          spec:
            project: apps
            sources:
              - {repoURL: https://x/repo.git, path: 'charts/{{ .name }}'}
        templatePatch: |
          spec:
            project: hijacked
            sources:
              - repoURL: https://x/repo.git
                ref: values
              - repoURL: https://x/repo.git
                path: charts/{{ .name }}
                helm:
                  valueFiles:
                  {{- range .valueFiles }}
                    - $values/values/{{ . }}
                  {{- end }}
          {{- if eq .env "dev" }}
            syncPolicy:
              automated: {prune: true}
          {{- end }}
    `);
    expect(apps[0].spec).toStrictEqual({
      project: 'apps',
      sources: [
        { repoURL: 'https://x/repo.git', ref: 'values' },
        {
          repoURL: 'https://x/repo.git',
          path: 'charts/orders',
          helm: {
            valueFiles: [
              '$values/values/common.yaml',
              '$values/values/dev.yaml',
            ],
          },
        },
      ],
      syncPolicy: { automated: { prune: true } },
    });
  });

  it('templatePatch with valuesObject from toYaml, and a patch rendering empty', () => {
    const { apps } = expand(`
      spec:
        goTemplate: true
        generators:
          - list:
              elements:
                - {name: a, values: {replicas: 2, image: {tag: v1}}}
                - {name: b}
        template:
          metadata: {name: '{{ .name }}'}
          spec:
            source: {path: charts/app, helm: {releaseName: '{{ .name }}'}}
        templatePatch: |
          {{- if hasKey . "values" }}
          spec:
            source:
              helm:
                valuesObject:
                  {{- .values | toYaml | nindent 8 }}
          {{- end }}
    `);
    expect(apps.map(a => a.spec.source.helm)).toStrictEqual([
      { releaseName: 'a', valuesObject: { image: { tag: 'v1' }, replicas: 2 } },
      { releaseName: 'b' },
    ]);
  });

  it('a generator template overrides the ApplicationSet template field by field', () => {
    const { apps } = expand(`
      spec:
        generators:
          - list:
              elements: [{env: dev}]
              template:
                metadata: {}
                spec:
                  source: {path: 'overlays/{{env}}'}
        template:
          metadata: {name: 'app-{{env}}'}
          spec:
            source: {path: base, repoURL: https://x/repo.git}
    `);
    expect(apps[0].metadata.name).toBe('app-dev');
    expect(apps[0].spec.source).toStrictEqual({
      path: 'overlays/dev',
      repoURL: 'https://x/repo.git',
    });
  });

  it('an Application that cannot be rendered is reported, the others kept', () => {
    const { apps, notes } = expand(`
      spec:
        goTemplate: true
        goTemplateOptions: ["missingkey=error"]
        generators:
          - list:
              elements: [{name: a, env: dev}, {name: b}]
        template:
          metadata: {name: '{{ .name }}-{{ .env }}'}
          spec: {}
    `);
    expect(apps.map(a => a.metadata.name)).toStrictEqual(['a-dev']);
    expect(notes).toStrictEqual([
      'ApplicationSet/x: 1 generated Application could not be rendered (map has no entry for key "env"); Argo CD reports an error for the ApplicationSet',
    ]);
  });
});

describe('templatePatch errors', () => {
  it('a patch rendering invalid YAML is reported without quoting the rendered text', () => {
    const { apps, notes } = expand(`
      spec:
        goTemplate: true
        generators:
          - list:
              elements: [{name: a, token: "s3cr3t-value"}]
        template:
          metadata: {name: '{{ .name }}'}
          spec: {}
        templatePatch: |
          spec:
            info: [{{ .token }}
    `);
    expect(apps).toStrictEqual([]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/templatePatch is not valid YAML/);
    expect(notes[0]).not.toContain('s3cr3t');
  });
});
