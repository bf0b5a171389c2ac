/*
 * Property-based robustness of the whole engine: arbitrary repositories made
 * of realistic paths and hostile contents never make it throw.
 */
import fc from 'fast-check';
import { analyze } from './analyze';

const paths = fc.constantFrom(
  'sources/charts/apps/a/Chart.yaml',
  'sources/charts/apps/a/values.yaml',
  'sources/charts/apps/a/templates/es.yaml',
  'sources/charts/apps/a/templates/_helpers.tpl',
  'sources/charts/foundation/vault-bootstrap/Chart.yaml',
  'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml',
  'sources/values/env/dev/apps/apps-a.yaml',
  'sources/values/_shared/globals.yaml',
  'sources/manifests/x/m.yaml',
  'argocd/app.yaml',
  'clusters/dev/hr.yaml',
  'catalog-info.yaml',
);

const content = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc
    .array(
      fc.constantFrom(
        'apiVersion: external-secrets.io/v1\n',
        'kind: ExternalSecret\n',
        'kind: Secret\n',
        'kind: Application\n',
        'apiVersion: argoproj.io/v1alpha1\n',
        'kind: HelmRelease\n',
        'apiVersion: helm.toolkit.fluxcd.io/v2\n',
        'metadata:\n  name: x\n',
        'spec:\n  data:\n    - remoteRef: k\n',
        'spec:\n  source:\n    path: sources/charts/apps/a\n',
        'fixtures:\n  k: v\n',
        'fixtures: [1]\n',
        'secretWriters: {a: 1}\n',
        'clusterManagedSecrets: [{}]\n',
        'secrets:\n  enabled: false\n',
        'stringData:\n  password: x\n',
        '{{ if .Values.a }}',
        '{{ end }}',
        '{{ range .Values.l }}{{ . }}{{ end }}',
        '---\n',
        '{{ include "x" . }}',
        '{{ define "x" }}y{{ end }}',
        'a: &a [*a]\n',
        'name: {{ .Release.Name }}\n',
        ': :\n',
        '\t\n',
        'annotations:\n    ameide.io/chart: sources/charts/apps/a\n',
        'spec:\n  conditions:\n    - namespaceRegexes: ["("]\n',
        'dataFrom:\n  - find:\n      name:\n        regexp: "["\n',
        'name: __proto__\n',
        'constructor: {prototype: 1}\n',
      ),
      { maxLength: 12 },
    )
    .map(p => p.join('')),
);

describe('engine properties', () => {
  it('never throws on arbitrary repositories', () => {
    fc.assert(
      fc.property(fc.dictionary(paths, content, { maxKeys: 8 }), files => {
        const report = analyze(new Map(Object.entries(files)), {
          environments: ['dev', 'production'],
        });
        expect(Array.isArray(report.findings)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
