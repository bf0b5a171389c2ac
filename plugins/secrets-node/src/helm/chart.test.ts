import { dedent } from '../__testUtils__/fileTree';
import { renderChart } from './chart';
import {
  DEFAULT_API_VERSIONS,
  DEFAULT_KUBE_VERSION,
} from './chart/capabilities';
import { missingDependencies, loadChart } from './chart/load';

const caps = {
  kubeVersion: DEFAULT_KUBE_VERSION,
  apiVersions: [...DEFAULT_API_VERSIONS],
};

/**
 * A small library chart built on the mechanisms real library charts use:
 * a loader define, defaults merged with `include | fromYaml`, objects built
 * as YAML and re-read, `.Files.Glob` and `.Capabilities.APIVersions.Has`.
 */
const libFiles: Record<string, string> = {
  'charts/kit/Chart.yaml':
    'apiVersion: v2\nname: kit\nversion: 1.0.0\ntype: library\n',
  'charts/kit/values.yaml': 'global:\n  team: unknown\n',
  'charts/kit/templates/_loader.tpl': dedent(`
    {{- define "kit.loader.init" -}}
      {{- $defaults := include "kit.defaults" . | fromYaml -}}
      {{- $merged := mergeOverwrite $defaults (deepCopy .Values) -}}
      {{- $_ := set . "Values" $merged -}}
    {{- end -}}

    {{- define "kit.loader.all" -}}
      {{- include "kit.loader.init" . -}}
      {{- range $name, $c := .Values.controllers }}
        {{- if $c.enabled }}
    ---
    {{ include "kit.class.deployment" (dict "root" $ "name" $name "c" $c) | fromYaml | toYaml }}
        {{- end }}
      {{- end }}
      {{- if $.Capabilities.APIVersions.Has "external-secrets.io/v1" }}
        {{- range $name, $es := .Values.externalSecrets }}
    ---
    apiVersion: external-secrets.io/v1
    kind: ExternalSecret
    metadata:
      name: {{ printf "%s-%s" $.Release.Name $name | trunc 63 | trimSuffix "-" }}
    spec:
      secretStoreRef: {{ $es.store | toYaml | nindent 4 }}
      data:
      {{- range $es.keys }}
        - secretKey: {{ . }}
          remoteRef: { key: {{ printf "%s/%s" $name . | quote }} }
      {{- end }}
        {{- end }}
      {{- end }}
      {{- with .Files.Glob "files/*.conf" }}
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: {{ $.Release.Name }}-files
    data: {{ .AsConfig | nindent 2 }}
      {{- end }}
    {{- end -}}
  `),
  'charts/kit/templates/_defaults.tpl': dedent(`
    {{- define "kit.defaults" -}}
    controllers: {}
    replicas: 1
    labels:
      managed-by: kit
    {{- end -}}
  `),
  'charts/kit/templates/_deployment.tpl': dedent(`
    {{- define "kit.class.deployment" -}}
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: {{ .root.Release.Name }}-{{ .name }}
      labels: {{ merge (dict "team" .root.Values.global.team) .root.Values.labels | toYaml | nindent 4 }}
    spec:
      replicas: {{ .c.replicas | default .root.Values.replicas }}
      template:
        spec:
          containers:
          {{- range $i, $ctr := .c.containers }}
            - name: {{ $ctr.name | default (printf "c%d" $i) }}
              image: {{ $ctr.image.repository }}:{{ $ctr.image.tag | toString }}
          {{- end }}
    {{- end -}}
  `),
};

const appFiles = (values: string, extra: Record<string, string> = {}) =>
  new Map(
    Object.entries({
      'Chart.yaml': dedent(`
        apiVersion: v2
        name: app
        version: 0.1.0
        dependencies:
          - name: kit
            version: 1.0.0
            repository: file://charts/kit
          - name: redis
            alias: cache
            condition: cache.enabled
      `),
      'values.yaml': values,
      'templates/all.yaml': '{{ include "kit.loader.all" . }}\n',
      'files/a.conf': 'x = 1\n',
      'files/b.conf': 'y = 2\n',
      'files/skip.txt': 'no\n',
      'charts/redis/Chart.yaml':
        'apiVersion: v2\nname: redis\nversion: 7.0.0\n',
      'charts/redis/values.yaml': 'port: 6379\nenabled: false\n',
      'charts/redis/templates/svc.yaml': dedent(`
        apiVersion: v1
        kind: Service
        metadata:
          name: {{ .Release.Name }}-{{ .Chart.Name }}
          labels:
            team: {{ .Values.global.team }}
        spec:
          ports:
            - port: {{ .Values.port }}
      `),
      ...libFiles,
      ...extra,
    }),
  );

const values = dedent(`
  global:
    team: payments
  controllers:
    main:
      enabled: true
      containers:
        - name: app
          image: { repository: ghcr.io/acme/app, tag: 1.2 }
        - image: { repository: busybox, tag: latest }
    off:
      enabled: false
  externalSecrets:
    db:
      store: { kind: ClusterSecretStore, name: vault }
      keys: [password, username]
  cache:
    enabled: true
    port: 6380
`);

function render(v: Record<string, unknown>, files = appFiles('')) {
  const chart = loadChart(files);
  return renderChart(chart, v, { name: 'rel', namespace: 'ns' }, caps);
}

describe('renderChart: library charts and subcharts', () => {
  const parsedValues = require('yaml').parse(values);

  it('a library chart contributes its defines; its templates are not rendered', () => {
    const out = render(parsedValues);
    expect(out.map(o => o.rel)).toStrictEqual([
      'templates/all.yaml',
      'charts/redis/templates/svc.yaml',
    ]);
    expect(out.every(o => !o.error)).toBe(true);
  });

  it('loader, include | fromYaml, mergeOverwrite of defaults, Files.Glob and Capabilities', () => {
    const all = render(parsedValues)[0].output!;
    expect(all).toContain(
      dedent(`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        labels:
          managed-by: kit
          team: payments
        name: rel-main
      spec:
        replicas: 1
        template:
          spec:
            containers:
            - image: ghcr.io/acme/app:1.2
              name: app
            - image: busybox:latest
              name: c1
    `),
    );
    expect(all).not.toContain('rel-off');
    expect(all).toContain('name: rel-db');
    expect(all).toContain('remoteRef: { key: "db/password" }');
    expect(all).toContain(
      'data: \n  a.conf: |\n    x = 1\n  b.conf: |\n    y = 2',
    );
  });

  it('subchart values are scoped under the alias, with global propagated and conditions', () => {
    const svc = render(parsedValues)[1].output!;
    expect(svc).toContain('name: rel-cache');
    expect(svc).toContain('team: payments');
    expect(svc).toContain('port: 6380');
    const off = render({ ...parsedValues, cache: { enabled: false } });
    expect(off.map(o => o.rel)).toStrictEqual(['templates/all.yaml']);
  });

  it('without the ESO API the ExternalSecrets are not rendered', () => {
    const chart = loadChart(appFiles(''));
    const out = renderChart(
      chart,
      parsedValues,
      { name: 'rel', namespace: 'ns' },
      {
        ...caps,
        apiVersions: ['v1', 'apps/v1'],
      },
    );
    expect(out[0].output).not.toContain('ExternalSecret');
  });

  it('templates are registered by path: include of $.Template.BasePath', () => {
    const out = render(
      parsedValues,
      appFiles('', {
        'templates/cm.yaml':
          'kind: ConfigMap\nmetadata:\n  name: {{ .Template.Name }}\n',
        'templates/hash.yaml':
          'checksum: {{ include (print $.Template.BasePath "/cm.yaml") . | sha256sum | trunc 8 }}\n',
      }),
    );
    expect(out.find(o => o.rel === 'templates/cm.yaml')!.output).toBe(
      'kind: ConfigMap\nmetadata:\n  name: app/templates/cm.yaml\n',
    );
    expect(out.find(o => o.rel === 'templates/hash.yaml')!.output).toMatch(
      /^checksum: [0-9a-f]{8}\n$/,
    );
  });

  it('Files: Get, Lines, Glob ranges, AsSecrets; KubeVersion', () => {
    const out = render(
      {},
      appFiles('', {
        'templates/f.yaml': dedent(`
        {{ .Files.Get "files/a.conf" | trim }}|{{ len (.Files.Lines "files/b.conf") }}|{{ .Files.Get "missing" }}
        {{ range $p, $b := .Files.Glob "files/*" }}{{ $p }}={{ $b | toString | trim }};{{ end }}
        {{ (.Files.Glob "files/a.conf").AsSecrets }}
        {{ .Capabilities.KubeVersion.Major }}.{{ .Capabilities.KubeVersion.Minor }} {{ semverCompare ">=1.19-0" .Capabilities.KubeVersion.GitVersion }}
      `),
      }),
    );
    expect(out.find(o => o.rel === 'templates/f.yaml')!.output).toBe(
      'x = 1|1|\nfiles/a.conf=x = 1;files/b.conf=y = 2;files/skip.txt=no;\na.conf: eCA9IDEK\n1.32 true\n',
    );
  });

  it('names a dependency that is not vendored', () => {
    const files = appFiles('');
    files.set(
      'Chart.yaml',
      'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: common\n    repository: https://example.invalid\n',
    );
    expect(missingDependencies(loadChart(files))).toStrictEqual(['common']);
  });
  it("templates of a chart share the top-level object and run in Helm's order (names in reverse)", () => {
    const files = new Map<string, string>([
      ['Chart.yaml', 'apiVersion: v2\nname: app\nversion: 1.0.0\n'],
      ['values.yaml', 'x: default\n'],
      // runs after z.yaml: sees what z.yaml set on `.` and merged into .Values
      [
        'templates/a.yaml',
        '{{ .Values.x }}/{{ .Values.y }}/{{ .Template.Name }}',
      ],
      [
        'templates/z.yaml',
        '{{- $_ := set . "Values" (merge (dict "x" "from-z") .Values) -}}{{- $_ := mergeOverwrite .Values (dict "y" "merged") -}}{{ .Values.x }}',
      ],
    ]);
    const chart = loadChart(files);
    const out = renderChart(
      chart,
      { x: 'user' },
      { name: 'rel', namespace: 'ns' },
      caps,
    );
    expect(out.map(o => [o.rel, o.output])).toStrictEqual([
      ['templates/a.yaml', 'from-z/merged/app/templates/a.yaml'],
      ['templates/z.yaml', 'from-z'],
    ]);
  });
});
