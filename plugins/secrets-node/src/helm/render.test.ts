import { dedent } from '../__testUtils__/fileTree';
import { parseTemplate } from './parse';
import { TemplateError } from './parse/ast';
import { renderTemplate, UNKNOWN_MARKER } from './render';

const context = (Values: unknown = {}) => ({
  Values,
  Release: { Name: 'apps-orders', Namespace: 'ameide' },
  Chart: { Name: 'orders', Version: '0.1.0' },
});

/** Renders `src` with the given values and optional helper templates. */
function render(src: string, values: unknown = {}, helpers = '') {
  const defines = parseTemplate(helpers).defines;
  const t = parseTemplate(src);
  for (const [k, v] of t.defines) defines.set(k, v);
  return renderTemplate(t, defines, context(values));
}
const out = (src: string, values: unknown = {}, helpers = '') =>
  render(src, values, helpers).output;

describe('renderTemplate: paths and context', () => {
  it('reads .Values, .Release and .Chart paths', () => {
    expect(
      out(
        '{{ .Values.a.b }}/{{ .Release.Name }}/{{ .Release.Namespace }}/{{ .Chart.Name }}',
        { a: { b: 'x' } },
      ),
    ).toBe('x/apps-orders/ameide/orders');
  });

  it('renders a missing value as empty; a field of a missing map fails as in Helm', () => {
    expect(out('[{{ .Values.nope }}]')).toBe('[]');
    expect(out('[{{ (.Values.nope).deeper }}]')).toBe('[]');
    expect(() => out('[{{ .Values.nope.deeper }}]')).toThrow(
      new TemplateError('nil pointer evaluating interface {}.deeper', 1),
    );
  });

  it('honours whitespace trim markers', () => {
    expect(out('a  {{- "b" -}}  \n c')).toBe('abc');
  });

  it('supports $ and variables', () => {
    expect(
      out(
        '{{ $n := .Values.n }}{{ range .Values.l }}{{ $n }}{{ $.Release.Name }};{{ end }}',
        { n: 1, l: [0, 0] },
      ),
    ).toBe('1apps-orders;1apps-orders;');
  });
});

describe('renderTemplate: control flow', () => {
  it('if / else if / else', () => {
    const src =
      '{{ if eq .Values.x "a" }}A{{ else if eq .Values.x "b" }}B{{ else }}C{{ end }}';
    expect(['a', 'b', 'c'].map(x => out(src, { x }))).toEqual(['A', 'B', 'C']);
  });

  it('treats empty maps, lists, 0 and "" as false', () => {
    const src = '{{ if .Values.v }}T{{ else }}F{{ end }}';
    expect(
      [{}, [], 0, '', false, null, 'x', 1, [1], { a: 1 }].map(v =>
        out(src, { v }),
      ),
    ).toEqual(['F', 'F', 'F', 'F', 'F', 'F', 'T', 'T', 'T', 'T']);
  });

  it('with rebinds the dot and has an else', () => {
    expect(
      out('{{ with .Values.db }}{{ .name }}{{ else }}none{{ end }}', {
        db: { name: 'pg' },
      }),
    ).toBe('pg');
    expect(
      out('{{ with .Values.db }}{{ .name }}{{ else }}none{{ end }}', {}),
    ).toBe('none');
  });

  it('range over lists, maps (sorted keys) and with else', () => {
    expect(
      out('{{ range $i, $v := .Values.l }}{{ $i }}={{ $v }} {{ end }}', {
        l: ['a', 'b'],
      }),
    ).toBe('0=a 1=b ');
    expect(
      out('{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }} {{ end }}', {
        m: { z: 1, a: 2 },
      }),
    ).toBe('a=2 z=1 ');
    expect(
      out('{{ range .Values.l }}x{{ else }}empty{{ end }}', { l: [] }),
    ).toBe('empty');
  });

  it('and / or are lazy', () => {
    expect(
      out(
        '{{ if and .Values.a (required "never evaluated" .Values.missing) }}T{{ else }}F{{ end }}',
        { a: false },
      ),
    ).toBe('F');
    expect(out('{{ or .Values.a "fallback" }}', {})).toBe('fallback');
  });
});

describe('renderTemplate: define / include / template', () => {
  const helpers = dedent(`
    {{- define "app.fullname" -}}
    {{ .Release.Name | trunc 63 | trimSuffix "-" }}
    {{- end }}
    {{- define "app.labels" -}}
    app: {{ include "app.fullname" . }}
    chart: {{ .Chart.Name }}
    {{- end }}
  `);

  it('include with a pipeline into nindent', () => {
    expect(
      out('labels:{{ include "app.labels" . | nindent 2 }}', {}, helpers),
    ).toBe('labels:\n  app: apps-orders\n  chart: orders');
  });

  it('template action renders a define in place', () => {
    expect(out('name: {{ template "app.fullname" . }}', {}, helpers)).toBe(
      'name: apps-orders',
    );
  });

  it('an undefined template is an error with its line', () => {
    expect(() => out('a\n\n{{ include "nope" . }}')).toThrow(
      new TemplateError('template "nope" is not defined', 3),
    );
  });

  it('recursive includes are bounded', () => {
    expect(() =>
      out('{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}'),
    ).toThrow(TemplateError);
  });
});

describe('renderTemplate: functions', () => {
  it.each([
    ['{{ .Values.missing | default "d" }}', 'd'],
    ['{{ .Values.s | default "d" }}', 'set'],
    ['{{ .Values.s | quote }}', '"set"'],
    ['{{ printf "%s-%d-%v" .Values.s 7 true }}', 'set-7-true'],
    ['{{ .Values.s | b64enc }}', Buffer.from('set').toString('base64')],
    ['{{ "ABC" | lower }}', 'abc'],
    ['{{ "abcdef" | trunc 3 }}', 'abc'],
    ['{{ "name-" | trimSuffix "-" }}', 'name'],
    ['{{ dig "a" "b" "none" .Values.m }}', 'deep'],
    ['{{ dig "a" "x" "none" .Values.m }}', 'none'],
    ['{{ hasKey .Values.m "a" }}/{{ hasKey .Values.m "z" }}', 'true/false'],
    ['{{ "x" | indent 2 }}', '  x'],
    ['{{ .Values.two | nindent 2 }}', '\n  x\n  y'],
    ['{{ required "need s" .Values.s }}', 'set'],
    ['{{ tpl .Values.t . }}', 'rendered apps-orders'],
    ['{{ toYaml .Values.m | nindent 2 }}', '\n  a:\n    b: deep'],
    ['{{ range until 3 }}{{ . }}{{ end }}', '012'],
    ['{{ concat (list 1 2) (tuple 3) | uniq | len }}', '3'],
    ['{{ without (list "a" "b" "c") "b" | join "," }}', 'a,c'],
    ['{{ (mergeOverwrite (dict "a" 1 "b" 1) (dict "b" 2)).b }}', '2'],
    [
      '{{ " a b " | nospace }}/{{ trimAll "-" "--x--" }}/{{ substr 1 3 "abcd" }}',
      'ab/x/bc',
    ],
    ['{{ kindOf .Values.m }}/{{ kindIs "string" .Values.s }}', 'map/true'],
  ])('%s', (src, expected) => {
    expect(
      out(src, {
        s: 'set',
        m: { a: { b: 'deep' } },
        t: 'rendered {{ .Release.Name }}',
        two: 'x\ny',
      }),
    ).toBe(expected);
  });

  it('required fails with its message and line', () => {
    expect(() =>
      out('\n{{ required "image.tag is required" .Values.image.tag }}', {
        image: {},
      }),
    ).toThrow(
      new TemplateError('required value missing: image.tag is required', 2),
    );
  });

  it('an undefined function is an error, not a silent skip', () => {
    expect(() => out('{{ fancyFunc 1 }}')).toThrow(
      new TemplateError('function "fancyFunc" not defined', 1),
    );
  });

  it('lookup is unknown at render time and noted', () => {
    const r = render('pw: {{ (lookup "v1" "Secret" "ns" "s").data }}');
    expect(r.output).toBe(`pw: ${UNKNOWN_MARKER}`);
    expect(r.notes).toStrictEqual([
      {
        line: 1,
        message:
          '`lookup` reads the live cluster and is unknown at render time',
        kind: 'unknown',
      },
    ]);
  });

  it('randAlphaNum is noted as Helm-generated', () => {
    const r = render('pw: {{ randAlphaNum 16 | b64enc }}');
    expect(r.notes).toStrictEqual([
      {
        line: 1,
        message:
          '`randAlphaNum` generates a value in the cluster (Helm-generated, cluster-managed)',
        kind: 'generated',
      },
    ]);
  });
});

describe('renderTemplate: ESO templating', () => {
  it('keeps {{ .password }} inside spec.target.template verbatim', () => {
    const src = dedent(
      `
      spec:
        target:
          name: {{ .Values.name }}
          template:
            data:
              url: "postgres://{{ .username }}:{{ .password }}@db:5432/app"
              dsn: {{ ` +
        '`{{ .dsn }}`' +
        ` }}
    `,
    );
    expect(out(src, { name: 'orders-db' })).toBe(
      dedent(`
        spec:
          target:
            name: orders-db
            template:
              data:
                url: "postgres://{{ .username }}:{{ .password }}@db:5432/app"
                dsn: {{ .dsn }}
      `),
    );
  });
});

describe('parseTemplate errors', () => {
  it.each([
    ['{{ if .Values.a }}x', 'missing {{ end }} for {{ if }}', 1],
    ['a\n{{ end }}', 'unexpected {{ end }}', 2],
    ['x\n{{ .Values.a', 'unclosed action "{{"', 2],
    [
      '{{ if .Values.a }}{{ break }}{{ end }}',
      '{{ break }} outside {{ range }}',
      1,
    ],
  ])('%j', (src, message, line) => {
    expect(() => parseTemplate(src)).toThrow(new TemplateError(message, line));
  });
});

describe('renderTemplate: unknown values', () => {
  it('a transform of a generated value stays unknown', () => {
    expect(out('{{ randAlphaNum 24 | b64enc | quote }}')).toBe(
      `"${UNKNOWN_MARKER}"`,
    );
    expect(
      out(
        '{{ (lookup "v1" "Secret" "ns" "s").data.password | b64dec | nindent 2 }}',
      ),
    ).toBe(`\n  ${UNKNOWN_MARKER}`);
  });
});

describe('renderTemplate: no values in errors', () => {
  it('a computed required/fail message is withheld, a literal one is kept', () => {
    expect(() =>
      out('{{ required (printf "pw %s" .Values.pw) .Values.x }}', {
        pw: 'v4lue',
      }),
    ).toThrow(
      new TemplateError(
        'required value missing: (computed message not shown)',
        1,
      ),
    );
    expect(() => out('{{ fail .Values.pw }}', { pw: 'v4lue' })).toThrow(
      new TemplateError(
        'template called fail: (computed message not shown)',
        1,
      ),
    );
    expect(() => out('{{ fail "stop" }}')).toThrow(
      new TemplateError('template called fail: stop', 1),
    );
  });
});
