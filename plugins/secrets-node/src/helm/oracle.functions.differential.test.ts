/*
 * Differential test of the template engine against the real thing, one or
 * more cases per function the engine knows (see __testUtils__/oracle.ts).
 *
 *   export SECRETS_HELM_ORACLE="$(scripts/ensure-go.sh)"
 */
import { BUILTINS } from './render/builtins';
import { HELM_FUNCS } from './render/functions';
import { GENERATED, KNOWN_FUNCTIONS, UNKNOWN_AT_RENDER } from './sprig';
import { Case, describeOracle, mismatches } from './__testUtils__/oracle';
import { TEMPLATE_AND_HELM_CASES } from './__testUtils__/oracleCases/templateAndHelm';
import { SPRIG_STRING_AND_NUMBER_CASES } from './__testUtils__/oracleCases/sprigStringsAndNumbers';
import { SPRIG_FLOW_LIST_AND_DICT_CASES } from './__testUtils__/oracleCases/sprigFlowListsAndDicts';
import { SPRIG_TYPE_PATH_AND_DATE_CASES } from './__testUtils__/oracleCases/sprigTypesPathsAndDates';

/** Values of the function cases: the shapes charts use, and their edges. */
const VALUES = {
  s: 'Héllo, Wörld',
  word: 'orders-api',
  empty: '',
  spaced: '  padded\t\n',
  camel: 'fooBarBaz_qux',
  uni: '日本語のテキスト',
  n: 42,
  f: 1.5,
  neg: -3.75,
  big: 1000000,
  huge: 12345678901234,
  zero: 0,
  t: true,
  no: false,
  nil: null,
  list: ['{{ list (list) nil "" | len }}', 'b', 'a', 'c', 'a'],
  nums: [3, 1, 2],
  mixed: ['x', 1, true, null, { k: 'v' }],
  emptyList: [],
  m: { b: 2, a: 1, 'z-k': 'v', nested: { c: [1, 'two'] } },
  other: { a: 'other', d: 4 },
  emptyMap: {},
  listOfMaps: [
    { name: 'a', v: 1 },
    { name: 'b', v: 2 },
  ],
  yaml: 'a: 1\nb: [x, y]\nc:\n  d: true\n',
  yamlList: '- 1\n- two\n- k: v\n',
  json: '{"a":1,"b":[true,null],"c":"x"}',
  jsonList: '[1,"two",{"k":"v"}]',
  url: 'https://user:pw@example.com:8080/p/a?q=1&r=2#frag',
  path: '/a/b/../c/file.tar.gz',
  ver: '1.2.3-beta.1+build.5',
  b64: 'aGVsbG8gd29ybGQ=',
  b32: 'NBSWY3DP',
  html: '<a href="x">&\'</a>',
  date: '2024-03-05T14:07:09Z',
};

/** One or more cases per function the engine knows; `.V` is VALUES. */
const FUNCTION_CASES: Record<string, string[]> = {
  ...TEMPLATE_AND_HELM_CASES,
  ...SPRIG_STRING_AND_NUMBER_CASES,
  ...SPRIG_FLOW_LIST_AND_DICT_CASES,
  ...SPRIG_TYPE_PATH_AND_DATE_CASES,
};

/** Values only the cluster, the clock or chance decide: not comparable. */
const NON_DETERMINISTIC = new Set([
  ...GENERATED,
  ...UNKNOWN_AT_RENDER,
  'lookup',
]);

/** Helpers every case may call. */
const HELPERS = `{{- define "h.wrap" -}}[{{ . }}]{{- end -}}
{{- define "h.values" -}}
word: {{ .Values.word }}
n: {{ .Values.n }}
{{- end -}}`;

describeOracle('Helm renderer vs Go text/template + sprig', () => {
  it('has a case for every deterministic function the engine registers', () => {
    const registered = [...BUILTINS, ...HELM_FUNCS, ...KNOWN_FUNCTIONS];
    const missing = registered.filter(
      f => !NON_DETERMINISTIC.has(f) && !FUNCTION_CASES[f]?.length,
    );
    expect(missing).toEqual([]);
  });

  it('renders every function case exactly as Go', () => {
    const cases: Case[] = [];
    for (const [fn, srcs] of Object.entries(FUNCTION_CASES))
      srcs.forEach((src, i) =>
        cases.push({
          id: `${fn}#${i}`,
          templates: [
            { name: 'orders/templates/case.yaml', src },
            { name: 'orders/templates/_helpers.tpl', src: HELPERS },
          ],
          values: VALUES,
        }),
      );
    expect(mismatches(cases)).toEqual([]);
  });
});
