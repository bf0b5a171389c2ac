/*
 * Property-based tests of the template evaluator: on arbitrary input it
 * either renders or throws a TemplateError, and it always finishes quickly.
 */
import fc from 'fast-check';
import { parseTemplate } from './parse';
import { TemplateError } from './parse/ast';
import { renderTemplate } from './render';

const context = {
  Values: {
    a: { b: 'x', list: [1, 2, 3], n: 5 },
    s: 'str',
    enabled: true,
    m: { k: 'v' },
  },
  Release: { Name: 'r', Namespace: 'ns' },
  Chart: { Name: 'c' },
};

/** Fragments of real chart syntax, glued in random order: reaches deep paths of the parser. */
const fragment = fc.constantFrom(
  '{{',
  '}}',
  '{{-',
  '-}}',
  ' ',
  '\n',
  '  ',
  'kind: ExternalSecret\n',
  'key: ',
  '{{ .Values.a.b }}',
  '{{ $.Values.s }}',
  '{{ if .Values.enabled }}',
  '{{ else }}',
  '{{ else if .Values.s }}',
  '{{ end }}',
  '{{ range .Values.a.list }}',
  '{{ range $k, $v := .Values.m }}',
  '{{ with .Values.m }}',
  '{{ . }}',
  '{{ define "t" }}',
  '{{ include "t" . }}',
  '{{ template "t" . }}',
  '{{ include "t" . | nindent 4 }}',
  '{{ tpl .Values.s . }}',
  '{{ toYaml .Values.a | indent 2 }}',
  '{{ default "d" .Values.x | quote }}',
  '{{ printf "%s-%d" .Values.s 3 }}',
  '{{ required "r" .Values.s }}',
  '{{ lookup "v1" "Secret" "ns" "n" }}',
  '{{ .password }}',
  '{{ range .Values.a.n }}',
  '{{ $x := 1 }}',
  '{{ $x }}',
  '(',
  ')',
  '|',
  '"',
  '`',
  '$',
  '.',
  '{{ dig "a" "b" "" .Values }}',
  '{{ b64enc "x" | trunc 3 | lower | trimSuffix "=" }}',
  '{{ hasKey .Values "a" }}',
  '{{/* comment */}}',
  '{{ randAlphaNum 8 }}',
  '{{ fail "x" }}',
  '{{ break }}',
  '{{ (index .Values.a.list 0) }}',
);

/** Renders `src`; returns 'ok' or 'template-error', rethrows anything else. */
function renderOrTemplateError(src: string): 'ok' | 'template-error' {
  try {
    const t = parseTemplate(src);
    renderTemplate(t, t.defines, context);
    return 'ok';
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    return 'template-error';
  }
}
const settled = expect.stringMatching(/^(ok|template-error)$/);

describe('template evaluator properties', () => {
  it('never crashes on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), src => {
        expect(renderOrTemplateError(src)).toEqual(settled);
      }),
      { numRuns: 300 },
    );
  });

  it('never crashes on random compositions of chart syntax', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), parts => {
        expect(renderOrTemplateError(parts.join(''))).toEqual(settled);
      }),
      { numRuns: 400 },
    );
  });

  it('bounds work: nested ranges, recursion and long outputs stop with a TemplateError', () => {
    const hostile = [
      '{{ range 10000 }}{{ range 10000 }}{{ range 10000 }}x{{ end }}{{ end }}{{ end }}',
      '{{ define "r" }}{{ include "r" . }}{{ include "r" . }}{{ end }}{{ include "r" . }}',
      '{{ define "t" }}{{ tpl "{{ include \\"t\\" . }}" . }}{{ end }}{{ include "t" . }}',
    ];
    for (const src of hostile) {
      const started = Date.now();
      expect(renderOrTemplateError(src)).toBe('template-error');
      expect(Date.now() - started).toBeLessThan(3000);
    }
  });

  it('every run finishes fast on random compositions', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 60 }), parts => {
        const started = Date.now();
        expect(renderOrTemplateError(parts.join(''))).toEqual(settled);
        expect(Date.now() - started).toBeLessThan(1000);
      }),
      { numRuns: 200 },
    );
  });
});
