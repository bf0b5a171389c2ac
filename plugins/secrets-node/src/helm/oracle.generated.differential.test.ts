/*
 * Differential test of the template engine against the real thing on
 * generated templates and values (see __testUtils__/oracle.ts).
 *
 *   export SECRETS_HELM_ORACLE="$(scripts/ensure-go.sh)"
 */
import fc from 'fast-check';
import { Case, describeOracle, mismatches } from './__testUtils__/oracle';

const trimL = fc.constantFrom('{{ ', '{{- ', '{{');
const trimR = fc.constantFrom(' }}', ' -}}', '}}');
const text = fc.constantFrom(
  'a',
  ' ',
  '\n',
  'key: ',
  '  - ',
  '日本',
  '\t',
  '',
  ',',
);
const operand = fc.constantFrom(
  '.',
  '$',
  '.Values.s',
  '.Values.n',
  '.Values.f',
  '.Values.i',
  '.Values.b',
  '.Values.list',
  '.Values.m',
  '.Values.missing',
  '.Values.m.k',
  '$.Values.s',
  '$x',
  '"str"',
  '""',
  '3',
  '0',
  '-1.5',
  '1e3',
  'true',
  'false',
  '(list 1 "a" 2.5)',
  '(dict "k" "v" "a" 1)',
);
const filter = fc.constantFrom(
  'quote',
  'squote',
  'upper',
  'toString',
  'default "d"',
  'toYaml',
  'toJson',
  'printf "%v"',
  'printf "%s"',
  'printf "%q"',
  'printf "%d"',
  'printf "%5.2f"',
  'printf "%x"',
  'printf "%T"',
  'printf "%-6v|"',
  'print',
  'indent 2',
  'nindent 2',
  'trim',
  'b64enc',
  'kindOf',
  'typeOf',
  'len',
  'empty',
  'not',
  'first',
  'toStrings',
  'join ","',
  'keys | sortAlpha',
  'sortAlpha',
  'add 1',
  'int',
  'float64',
  'eq "str"',
  'ne 3',
  'include "h"',
  'tpl "{{ . }}"',
  'list',
  'html',
  'urlquery',
  'js',
  'printf "%+d|%05d|%-5s|%.1f|%e|%g|%8.3e|%x|%X|%o|%c|%U|%t|%v|%q"',
  'printf "%[1]v %[1]T %v"',
  'printf "%#v"',
  'printf "%s %s"',
  'printf "%*d" 3',
  'toPrettyJson',
  'toRawJson',
  'toToml',
  'fromYaml',
  'fromJson',
  'toYaml | fromYaml',
  'toJson | fromJson',
  'nospace',
  'trunc 3',
  'trunc -2',
  'substr 1 3',
  'abbrev 5',
  'title',
  'replace "a" "b"',
  'repeat 2',
  'wrap 5',
  'sha256sum',
  'b64dec',
  'b32enc',
  'splitList ","',
  'split ","',
  'regexFindAll "[a-z]+" -1',
  'regexReplaceAll "[0-9]" "#"',
  'semverCompare ">1.0"',
  'compact',
  'uniq',
  'reverse',
  'last',
  'rest',
  'initial',
  'has "a"',
  'without "a"',
  'pick "a" "k"',
  'omit "a"',
  'values | sortAlpha',
  'deepCopy',
  'dig "k" "d"',
  'hasKey "a"',
  'get "k"',
  'ternary "y" "n"',
  'coalesce 0',
  'max 2',
  'min 2',
  'mul 3',
  'div 2',
  'mod 3',
  'sub 1',
  'addf 0.1',
  'mulf 1.5',
  'divf 3',
  'ceil',
  'floor',
  'int64',
  'atoi',
  'toDecimal',
  'quote | squote',
  'cat "x"',
  'indent 4 | trim',
  'index 0',
  'len | add1',
  'typeIs "string"',
  'kindIs "map"',
  'urlParse',
  'base',
  'dir',
  'ext',
  'clean',
  'tuple 1',
  'append 1',
  'prepend 0',
  'concat (list 9)',
  'chunk 2',
  'sortAlpha | join "+"',
);
const pipeline = fc
  .tuple(operand, fc.array(filter, { maxLength: 3 }))
  .map(([o, fs]) => [o, ...fs].join(' | '));
const cond = fc.oneof(
  pipeline,
  fc
    .tuple(
      fc.constantFrom('eq', 'ne', 'lt', 'le', 'gt', 'ge', 'and', 'or'),
      operand,
      operand,
    )
    .map(([f, a, b]) => `${f} ${a} ${b}`),
  operand.map(o => `not ${o}`),
  operand.map(o => `empty ${o}`),
);
const body: fc.Arbitrary<string> = fc.letrec<{ node: string; nodes: string }>(
  tie => ({
    nodes: fc.array(tie('node'), { maxLength: 4 }).map(xs => xs.join('')),
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      text,
      text,
      fc.tuple(trimL, pipeline, trimR).map(([l, p, r]) => `${l}${p}${r}`),
      fc
        .tuple(trimL, cond, trimR, tie('nodes'), fc.option(tie('nodes')))
        .map(
          ([l, c, r, a, b]) =>
            `${l}if ${c}${r}${a}${
              b === null ? '' : `${l}else${r}${b}`
            }${l}end${r}`,
        ),
      fc
        .tuple(trimL, operand, trimR, tie('nodes'), fc.option(tie('nodes')))
        .map(
          ([l, o, r, a, b]) =>
            `${l}with ${o}${r}${a}${
              b === null ? '' : `${l}else${r}${b}`
            }${l}end${r}`,
        ),
      fc
        .tuple(
          trimL,
          fc.constantFrom('', '$v := ', '$k, $v := ', '$i := '),
          fc.constantFrom(
            '.Values.list',
            '.Values.m',
            '.Values.missing',
            '.Values.s',
            '(list)',
            '.Values.n',
          ),
          trimR,
          tie('nodes'),
          fc.option(tie('nodes')),
        )
        .map(
          ([l, d, o, r, a, b]) =>
            `${l}range ${d}${o}${r}${a}${
              b === null ? '' : `${l}else${r}${b}`
            }${l}end${r}`,
        ),
      fc.tuple(trimL, operand, trimR).map(([l, o, r]) => `${l}$x = ${o}${r}`),
      fc
        .tuple(trimL, operand, trimR)
        .map(([l, o, r]) => `${l}template "h" ${o}${r}`),
      fc.constantFrom('{{/* note */}}', '{{- /* trimmed */ -}}'),
      fc
        .tuple(
          trimL,
          fc.constantFrom(
            '.Values.list',
            '.Values.m',
            '.Values.deep',
            '(list 3 1 2)',
            '(dict "b" 1 "a" 2)',
          ),
          fc.constantFrom(
            '',
            '{{ if eq (toString $i) "1" }}{{ continue }}{{ end }}',
            '{{ if eq (toString $i) "1" }}{{ break }}{{ end }}',
            '{{- if $v }}{{ continue }}{{ end -}}',
          ),
          trimR,
          tie('nodes'),
        )
        .map(
          ([l, o, ctl, r, b]) =>
            `${l}range $i, $v := ${o}${r}${ctl}[{{ $i }}={{ $v }}]${b}${l}end${r}`,
        ),
      fc
        .tuple(trimL, operand, trimR, tie('nodes'))
        .map(
          ([l, o, r, b]) => `${l}block "blk" ${o}${r}{{ . }}${b}${l}end${r}`,
        ),
      fc
        .tuple(trimL, operand, trimR)
        .map(([l, o, r]) => `${l}include "h2" (dict "a" ${o}) | nindent 2${r}`),
      fc
        .tuple(
          trimL,
          fc.constantFrom(
            '.Values.s',
            '"{{ .Values.n }}:{{ . | kindOf }}"',
            '(toYaml .Values.m)',
          ),
          trimR,
        )
        .map(([l, t, r]) => `${l}tpl ${t} $${r}`),
      fc
        .tuple(trimL, operand, operand, trimR)
        .map(
          ([l, a, b, r]) =>
            `${l}printf "%v|%5v|%-4q|%T" ${a} ${b} ${a} ${b}${r}`,
        ),
      fc
        .tuple(
          trimL,
          fc.constantFrom(
            '.Values',
            '.Values.m',
            '.Values.list',
            '.Values.deep',
            '$',
          ),
          trimR,
        )
        .map(([l, o, r]) => `${l}toYaml ${o} | nindent 4${r}`),
    ),
  }),
).nodes;

/**
 * Characters of the generated strings: ASCII, YAML and JSON specials, accents,
 * CJK, astral characters. Only characters assigned long ago: Go's Unicode
 * tables (strconv.IsPrint) follow the Go release, the engine's follow Node's.
 */
const char = fc.constantFrom(
  ...'abcXYZ019 _-.:#/\\\'"{}[],&*!|>%@`?=~+<'.split(''),
  '\t',
  '\n',
  '\r',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u00e9',
  '\u00df',
  '\u65e5',
  '\u672c',
  '\u{1F600}',
  '\u{1D11E}',
  '\u0301',
  '\ufeff',
  '\u0000',
  '\u007f',
);
const text16 = (maxLength: number) =>
  fc.array(char, { maxLength }).map(cs => cs.join(''));
const scalar = fc.oneof(
  text16(8),
  fc.string({ maxLength: 100 }),
  fc.constantFrom('yes', 'null', '012', '1.5', 'a: b', ' x', '#c', '', 'true'),
  fc.integer({ min: -1000, max: 1_000_000 }),
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .map(d => (d === 0 ? 0 : d)),
  fc.boolean(),
  fc.constant(null),
);
const key = fc.oneof(
  text16(6),
  fc.constantFrom('a', 'b', 'B', '10', '9', 'k', 'a1', 'a10'),
);
const generatedValues = fc.record({
  s: fc.oneof(text16(12), fc.constantFrom('str', '')),
  n: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(1000000)),
  f: fc
    .double({ min: -1e7, max: 1e7, noNaN: true })
    .map(d => (d === 0 ? 0 : d)),
  i: fc.bigInt({ min: -3n, max: 3n }),
  b: fc.boolean(),
  list: fc.array(scalar, { maxLength: 4 }),
  m: fc.dictionary(key, fc.oneof(scalar, fc.array(scalar, { maxLength: 2 })), {
    maxKeys: 4,
  }),
  deep: fc.dictionary(
    key,
    fc.oneof(
      text16(120),
      fc.dictionary(key, fc.oneof(scalar, text16(90)), { maxKeys: 3 }),
      fc.array(fc.dictionary(key, scalar, { maxKeys: 2 }), { maxLength: 2 }),
      fc.array(fc.array(scalar, { maxLength: 2 }), { maxLength: 2 }),
    ),
    { maxKeys: 3 },
  ),
});

const GENERATED_HELPERS = `{{- define "h" -}}<{{ . }}>{{- end -}}
{{- define "h2" -}}{{ .a | toYaml }}/{{ include "h" .a }}{{- end -}}`;

describeOracle('Helm renderer vs Go on generated templates', () => {
  it('renders generated templates and values exactly as Go', () => {
    // SECRETS_HELM_ORACLE_RUNS / _SEED widen the search when hunting for differences
    const samples = fc.sample(fc.tuple(body, generatedValues), {
      seed: Number(process.env.SECRETS_HELM_ORACLE_SEED ?? 20261202),
      numRuns: Number(process.env.SECRETS_HELM_ORACLE_RUNS ?? 3000),
    });
    const cases: Case[] = samples.map(([src, values], i) => ({
      id: `gen#${i}`,
      templates: [
        {
          name: 'orders/templates/gen.yaml',
          src: `{{- $x := .Values.s -}}${src}`,
        },
        { name: 'orders/templates/_helpers.tpl', src: GENERATED_HELPERS },
      ],
      values,
    }));
    const found = mismatches(cases);
    expect({ count: found.length, first: found.slice(0, 40) }).toEqual({
      count: 0,
      first: [],
    });
  });
});
