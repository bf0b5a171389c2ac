/*
 * Differential test of the template engine against the real thing: Go's
 * text/template with sprig v3 and Helm's deterministic functions, built from
 * oracle/main.go by scripts/ensure-go.sh (test-all exports its path as
 * SECRETS_HELM_ORACLE). Every case renders in both; the outputs must be
 * byte-equal, or both must fail.
 *
 *   export SECRETS_HELM_ORACLE="$(scripts/ensure-go.sh)"
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseTemplate } from './parse';
import { renderTemplate } from './render';
import { BUILTINS } from './render/builtins';
import { HELM_FUNCS } from './render/functions';
import { GENERATED, KNOWN_FUNCTIONS, UNKNOWN_AT_RENDER } from './sprig';

const ORACLE = process.env.SECRETS_HELM_ORACLE;

interface Case {
  id: string;
  templates: Array<{ name: string; src: string }>;
  values: unknown;
}
type Outcome = { output: string } | { error: string };

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
  // text/template builtins
  and: ['{{ and 1 "" 3 }}', '{{ and .Values.t .Values.s }}', '{{ and }}'],
  or: ['{{ or 0 "" .Values.s }}', '{{ or .Values.nil .Values.empty }}'],
  not: ['{{ not .Values.emptyList }}', '{{ not .Values.s }}'],
  len: [
    '{{ len "日本" }}',
    '{{ len (dict) }}',
    '{{ len .Values.uni }}',
    '{{ len .Values.m }}',
    '{{ len .Values.list }}',
    '{{ len .Values.n }}',
    '{{ len .Values.nil }}',
  ],
  index: [
    '{{ index .Values.list -1 }}',
    '{{ index .Values.list 1.0 }}',
    '{{ index (dict "1" "x") "1" }}',
    '{{ index .Values.list 1 }}',
    '{{ index .Values.m "z-k" }}',
    '{{ index .Values.m "missing" }}',
    '{{ index .Values.m "nested" "c" 1 }}',
    '{{ index .Values.list 9 }}',
    '{{ index .Values.nil "x" }}',
    '{{ index .Values.s 1 }}',
  ],
  slice: [
    '{{ slice .Values.list 1 3 }}',
    '{{ slice .Values.list 2 }}',
    '{{ slice .Values.word 1 3 }}',
    '{{ slice .Values.list 3 1 }}',
  ],
  print: [
    '{{ print 1 2 "a" "b" 3 .Values.f .Values.nil }}',
    '{{ print .Values.m }}',
    '{{ print .Values.mixed }}',
  ],
  printf: [
    '{{ printf "%v %v %v" 1e21 1e20 123456789.0 }}',
    '{{ printf "%.0f %.3e %g" 2.5 0.00012345 100000000.0 }}',
    '{{ printf "%d %d" 1.0 "x" }}',
    '{{ printf "%s" (list "a" (list "b" nil)) }}',
    '{{ printf "%v" (dict "b" (list 1 2) "a" (dict "c" nil)) }}',
    '{{ printf "%x %X %o %b" -255 255 -8 5 }}',
    '{{ printf "%5.1q|%-8x|%08.3f|%+.2e" "abc" "hi" -3.14159 12345.678 }}',
    '{{ printf "%t %t" true 1 }}',
    '{{ printf "%c%c%c" 72 105 128512 }}',
    '{{ printf "%s|%d|%v|%q|%x|%5.2f|%-4s|%t|%T" .Values.word 7 .Values.list .Values.s "hi" .Values.f "ab" .Values.t .Values.n }}',
    '{{ printf "%d" .Values.n }}',
    '{{ printf "%s" 3 }}',
    '{{ printf "%v %v" .Values.big .Values.huge }}',
    '{{ printf "%+v %#v" .Values.m .Values.list }}',
    '{{ printf "%e %g %G %.3g" 123456.789 0.000012 1e21 3.14159 }}',
    '{{ printf "%08.3f|%+d|% d|%x|%X|%o|%b|%c|%U" -3.5 5 5 255 255 8 5 65 9731 }}',
    '{{ printf "%s %s" "only-one" }}',
    '{{ printf "%!" }}',
    '{{ printf "%*d|%-*d|" 5 42 4 7 }}',
    '{{ printf "%[2]s %[1]s" "a" "b" }}',
    '{{ printf "%q %q" .Values.uni 65 }}',
    '{{ printf "%v" .Values.nil }}',
    '{{ printf "%s" .Values.nil }}',
    '{{ printf "%6.2v|%10s|%-10q|" 3.14159 "right" "left" }}',
  ],
  println: ['{{ println 1 "a" "b" 2 }}'],
  html: ['{{ html .Values.html }}', '{{ html 1 "<" }}'],
  js: ['{{ js .Values.html }}', '{{ js "line\\nbreak = ok" }}'],
  urlquery: ['{{ urlquery "a b&c=d/é" }}', '{{ urlquery 1 2 }}'],
  call: ['{{ call .Values.nil }}'],
  eq: [
    '{{ eq .Values.n 42.0 }}',
    '{{ eq .Values.n 42 }}',
    '{{ eq 1 2 3 1 }}',
    '{{ eq .Values.s "Héllo, Wörld" }}',
    '{{ eq .Values.nil .Values.missing }}',
    '{{ eq .Values.list .Values.list }}',
    '{{ eq "a" 1 }}',
  ],
  ne: ['{{ ne .Values.word "x" }}', '{{ ne 1 1 }}', '{{ ne .Values.nil 1 }}'],
  lt: [
    '{{ lt 1 2 }}',
    '{{ lt "b" "a" }}',
    '{{ lt .Values.f 2.0 }}',
    '{{ lt 1 "a" }}',
  ],
  le: ['{{ le 2 2 }}', '{{ le .Values.f 1.5 }}'],
  gt: ['{{ gt 3 2 }}', '{{ gt "ab" "aa" }}', '{{ gt .Values.nil 1 }}'],
  ge: ['{{ ge 2 3 }}', '{{ ge .Values.n 42.0 }}'],
  // Helm
  include: [
    '{{ include "h.wrap" .Values.nope | quote }}',
    '{{ include "h.wrap" .Values.nope | len }}',
    '{{ include "h.wrap" .Values.word }}',
    '{{ include "h.wrap" .Values.m | upper }}',
    '{{ include "h.missing" . }}',
    '{{ include "h.values" . | nindent 2 }}',
  ],
  tpl: [
    '{{ tpl "{{ include \\"h.wrap\\" .Values.word }}" . }}',
    '{{ tpl "{{ .Values.nope }}|{{ print .Values.nope }}" . }}',
    '{{ tpl "{{ .Values.word }}-{{ .Release.Name }}" . }}',
    '{{ tpl "{{ define \\"inner\\" }}I{{ end }}{{ include \\"inner\\" . }}" . }}',
    '{{ tpl "{{ .Template.Name }}" . }}',
    '{{ tpl "{{ .nope }}" .Values }}',
    '{{ tpl "{{ if }}" . }}',
  ],
  required: [
    '{{ required "need word" .Values.word }}',
    '{{ required "need missing" .Values.missing }}',
    '{{ required "need empty" .Values.empty }}',
    '{{ required "zero is fine" .Values.zero }}',
    '{{ required "false is fine" .Values.no }}',
  ],
  fail: ['{{ fail "stop here" }}'],
  toYaml: [
    '{{ toYaml (dict "k" "a very long line of text that goes on and on beyond the eighty column limit of the yaml emitter so that it folds") }}',
    '{{ toYaml (dict "k" "trailing space " "l" "line\\nbreak " "m" "tab\\tinside" "n" "\\nleading" "o" "a\\n\\n") }}',
    '{{ toYaml (list (list) (dict) (list (dict "a" (list 1)))) }}',
    '{{ toYaml (dict "1.0" 1 "0x10" 2 "1e3" 3 "+1" 4 ".5" 5 "1_000" 6 "2024-01-01T00:00:00Z" 7 "12:30" 8 "-" 9 "?" 10 "- a" 11) }}',
    '{{ toYaml .Values.m }}',
    '{{ toYaml .Values.mixed }}',
    '{{ toYaml .Values.s }}',
    '{{ toYaml .Values.nil }}',
    '{{ toYaml .Values.emptyMap }}',
    '{{ toYaml .Values.emptyList }}',
    '{{ toYaml .Values.big }}',
    '{{ toYaml .Values.huge }}',
    '{{ toYaml (dict "y" "yes" "n" "no" "on" "true" "num" "012" "e" "" "multi" "a\\nb\\n" "sp" " x" "colon" "a: b" "hash" "#x" "star" "*x" "date" "2024-01-01" "float" "1.5" "uni" .Values.uni "null" "null" "tilde" "~") }}',
    '{{ toYaml (list 1 2.5 -0.5 1e21 0.000001 true) }}',
    '{{ toYaml .Values.listOfMaps | nindent 4 }}',
  ],
  mustToYaml: ['{{ mustToYaml .Values.m }}'],
  fromYaml: [
    '{{ fromYaml "a: yes\\nb: 0o17\\nc: 0x1F\\nd: 1e3\\ne: ~\\nf: 2024-01-01\\ng: .inf" | toJson }}',
    '{{ fromYaml "a: &x 1\\nb: *x\\n<<: {c: 2}" | toJson }}',
    '{{ fromYaml "- 1" | toJson }}',
    '{{ fromYaml "a: 1\\n---\\nb: 2" | toJson }}',
    '{{ (fromYaml .Values.yaml).b }}',
    '{{ fromYaml .Values.yaml | toJson }}',
    '{{ fromYaml "a: [" | toJson }}',
    '{{ fromYaml "" | toJson }}',
    '{{ (fromYaml "n: 3\\nf: 1.0\\nbig: 1000000").big }}',
  ],
  fromYamlArray: [
    '{{ fromYamlArray .Values.yamlList | toJson }}',
    '{{ fromYamlArray "a: 1" | toJson }}',
  ],
  toJson: [
    '{{ toJson (dict "html" "<&>" "u2028" "\\u2028" "ctl" "\\u0001" "emoji" "😀") }}',
    '{{ toJson (list 0.1 1e-7 -0.0 100000000000000000000.0 1.5e300) }}',
    '{{ toJson .Values.m }}',
    '{{ toJson .Values.html }}',
    '{{ toJson .Values.mixed }}',
    '{{ toJson .Values.nil }}',
    '{{ toJson (list .Values.big .Values.huge 0.1 1e21 1e-7) }}',
    '{{ toJson .Values.uni }}',
  ],
  mustToJson: ['{{ mustToJson .Values.listOfMaps }}'],
  fromJson: [
    '{{ fromJson "null" | toJson }}',
    '{{ (fromJson "{\\"n\\":12345678901234567890}").n }}',
    '{{ (fromJson .Values.json).b }}',
    '{{ fromJson .Values.json | toYaml }}',
    '{{ fromJson "{bad" | toJson }}',
    '{{ (fromJson "{\\"n\\": 10}").n | printf "%T" }}',
  ],
  fromJsonArray: [
    '{{ fromJsonArray "[[1,{\\"b\\":2,\\"a\\":1}],null]" | toJson }}',
    '{{ fromJsonArray "null" | toJson }}',
    '{{ fromJsonArray .Values.jsonList | toYaml }}',
    '{{ fromJsonArray "{}" | toJson }}',
  ],
  toToml: [
    '{{ toToml (dict "a b" 1 "t" (dict "x" (list (dict "y" 1))) "s" "q\\"u\\\\o\\nte") }}',
    '{{ toToml (dict "mixed" (list 1 "a")) }}',
    '{{ toToml (dict "e" (list)) }}',
    '{{ toToml .Values.m }}',
    '{{ toToml (dict "a" 1 "b" "x" "c" (list 1 2) "d" (dict "e" true)) }}',
    '{{ toToml .Values.listOfMaps }}',
  ],
  // sprig: strings
  hello: ['{{ hello }}'],
  abbrev: [
    '{{ abbrev 5 .Values.s }}',
    '{{ abbrev 3 .Values.s }}',
    '{{ abbrev 40 .Values.s }}',
  ],
  abbrevboth: [
    '{{ abbrevboth 5 10 "1234 5678 9123" }}',
    '{{ abbrevboth 1 3 "abc" }}',
  ],
  trunc: [
    '{{ trunc 5 .Values.s }}',
    '{{ trunc -5 .Values.s }}',
    '{{ trunc 63 .Values.word }}',
    '{{ trunc 3 .Values.uni }}',
  ],
  trim: [
    '[{{ trim "\\u00a0\\u3000x\\u2003" }}]',
    '[{{ trim .Values.spaced }}]',
  ],
  upper: ['{{ upper .Values.s }}', '{{ upper .Values.uni }}'],
  lower: ['{{ lower .Values.s }}'],
  title: [
    '{{ title "o\'neil mcdonald-smith x_y 3rd" }}',
    '{{ title "hello wörld-foo bar_baz" }}',
  ],
  untitle: ['{{ untitle "ABC Def" }}', '{{ untitle "Hello World ABC" }}'],
  substr: [
    '{{ substr 3 1 "abcdef" }}',
    '{{ substr 2 99 "abc" }}',
    '{{ substr 5 6 "abc" }}',
    '{{ substr 1 4 .Values.word }}',
    '{{ substr 2 -1 .Values.word }}',
    '{{ substr -1 3 .Values.word }}',
    '{{ substr 0 100 .Values.word }}',
  ],
  repeat: ['{{ repeat -1 "x" }}', '{{ repeat 3 "ab" }}', '{{ repeat 0 "ab" }}'],
  trimall: ['{{ trimall "-" "--a-b--" }}'],
  trimAll: ['{{ trimAll "ab" "abcxba" }}', '{{ trimAll "$" "$5.00$" }}'],
  trimSuffix: ['{{ trimSuffix ".gz" .Values.path }}'],
  trimPrefix: ['{{ trimPrefix "/a" .Values.path }}'],
  nospace: ['{{ nospace "a b\\tc\\nd" }}'],
  initials: [
    '{{ initials "hello World-wide web" }}',
    '{{ initials "" }}',
    '{{ initials "First Try again" }}',
  ],
  swapcase: ['{{ swapcase "Hello wORLD ß" }}', '{{ swapcase "Hello World" }}'],
  snakecase: [
    '{{ snakecase "SimpleXMLParser" }}',
    '{{ snakecase "already_snake" }}',
    '{{ snakecase .Values.camel }}',
    '{{ snakecase "HTTPServer" }}',
  ],
  camelcase: [
    '{{ camelcase "foo_bar-baz qux" }}',
    '{{ camelcase "http_server" }}',
  ],
  kebabcase: [
    '{{ kebabcase "SimpleXMLParser" }}',
    '{{ kebabcase .Values.camel }}',
    '{{ kebabcase "HTTPServer" }}',
  ],
  wrap: [
    '{{ wrap 3 "ab cd efghij k" }}',
    '{{ wrap 10 "a fairly long line of words to wrap around" }}',
  ],
  wrapWith: [
    '{{ wrapWith 3 "|" "abcdefgh ij" }}',
    '{{ wrapWith 5 "\\t" "Hello World" }}',
  ],
  contains: ['{{ contains "llo" .Values.s }}', '{{ contains "" "" }}'],
  hasPrefix: ['{{ hasPrefix "orders" .Values.word }}'],
  hasSuffix: ['{{ hasSuffix "api" .Values.word }}'],
  quote: [
    '{{ quote "日本\\u00a0\\u200b" }}',
    '{{ quote .Values.s }}',
    '{{ quote .Values.n .Values.nil .Values.t "a\\"b" }}',
    '{{ .Values.list | quote }}',
    '{{ quote .Values.uni "\\x01\\t" }}',
  ],
  squote: ['{{ squote .Values.s 1 .Values.nil }}'],
  cat: ['{{ cat "a" 1 .Values.nil "b" .Values.list }}'],
  indent: ['{{ indent 4 "a\\nb\\n" }}', '{{ indent 0 "x" }}'],
  nindent: ['{{ nindent 2 "a\\n\\nb" }}'],
  replace: ['{{ replace "a" "b" "banana" }}', '{{ replace "" "-" "abc" }}'],
  plural: [
    '{{ plural "a" "b" 0 }}',
    '{{ plural "one" "many" 1 }}',
    '{{ plural "one" "many" 2 }}',
  ],
  sha1sum: ['{{ sha1sum .Values.s }}'],
  sha256sum: ['{{ sha256sum .Values.uni }}'],
  sha512sum: ['{{ sha512sum "x" }}'],
  adler32sum: [
    '{{ adler32sum .Values.uni }}',
    '{{ adler32sum "" }}',
    '{{ adler32sum .Values.s }}',
  ],
  toString: [
    '{{ toString .Values.n }}',
    '{{ toString .Values.nil }}',
    '{{ toString .Values.m }}',
    '{{ toString 12 }}',
  ],
  atoi: [
    '{{ atoi "-12" }}',
    '{{ atoi "+5" }}',
    '{{ atoi "0x1" }}',
    '{{ atoi "42" }}',
    '{{ atoi "4.2" }}',
    '{{ atoi " 1" }}',
  ],
  int64: ['{{ int64 "0x1F" }}', '{{ int64 .Values.f }}', '{{ int64 "1e3" }}'],
  int: [
    '{{ int "1e3" }}',
    '{{ int "0x10" }}',
    '{{ int 3.99 }}',
    '{{ int -3.99 }}',
    '{{ int true }}',
    '{{ int .Values.neg }}',
    '{{ int "12" }}',
    '{{ int .Values.nil }}',
    '{{ int "012" }}',
  ],
  float64: [
    '{{ float64 "1e3" }}',
    '{{ float64 " 1" }}',
    '{{ float64 "1_000" }}',
    '{{ float64 true }}',
    '{{ float64 "1.25" }}',
    '{{ float64 3 }}',
    '{{ float64 "x" }}',
  ],
  seq: [
    '{{ seq -3 }}',
    '{{ seq 1 -1 -3 }}',
    '{{ seq 1 2 3 4 }}',
    '{{ seq 3 }}',
    '{{ seq 2 5 }}',
    '{{ seq 0 2 10 }}',
    '{{ seq 5 2 }}',
    '{{ seq }}',
  ],
  toDecimal: ['{{ toDecimal "0777" }}', '{{ toDecimal 8 }}'],
  split: ['{{ split "," "a,b,,c" }}', '{{ (split "," "a,b")._1 }}'],
  splitList: ['{{ splitList "," "a,b,,c" }}', '{{ splitList "" "abc" }}'],
  splitn: [
    '{{ splitn "," 1 "a,b" | toJson }}',
    '{{ splitn "," 0 "a,b" | toJson }}',
    '{{ splitn "" 2 "abc" | toJson }}',
    '{{ splitn "," 2 "a,b,c" }}',
  ],
  toStrings: [
    '{{ toStrings .Values.mixed }}',
    '{{ toStrings .Values.nums | sortAlpha }}',
  ],
  until: ['{{ until 4 }}', '{{ until -2 }}'],
  untilStep: [
    '{{ untilStep 0 -5 -2 }}',
    '{{ untilStep 0 5 0 }}',
    '{{ untilStep 0 10 3 }}',
    '{{ untilStep 5 0 -2 }}',
  ],
  // numbers
  add1: ['{{ add1 .Values.n }}', '{{ add1 "3" }}'],
  add: [
    '{{ add "2" 3.9 true }}',
    '{{ add 1 2 .Values.f }}',
    '{{ add }}',
    '{{ add .Values.big 1 }}',
  ],
  sub: ['{{ sub 10 .Values.f }}'],
  div: ['{{ div 7 2 }}', '{{ div 7 0 }}'],
  mod: ['{{ mod 5 0 }}', '{{ mod 7 3 }}', '{{ mod -7 3 }}'],
  mul: ['{{ mul 3 .Values.f 2 }}'],
  add1f: ['{{ add1f .Values.f }}'],
  addf: ['{{ addf 1 .Values.f "2.25" }}'],
  subf: ['{{ subf 10 .Values.f 0.1 }}'],
  divf: ['{{ divf 1 3 }}', '{{ divf 1 0 }}'],
  mulf: ['{{ mulf 1.1 3 }}'],
  biggest: ['{{ biggest 1 5 3 }}'],
  max: ['{{ max "5" 3.9 }}', '{{ max 1 .Values.n 3 }}'],
  min: ['{{ min 4 2 8 }}'],
  maxf: ['{{ maxf 1 .Values.f 0.5 }}'],
  minf: ['{{ minf 1 .Values.neg }}'],
  ceil: ['{{ ceil "2.1" }}', '{{ ceil 1.2 }}', '{{ ceil .Values.neg }}'],
  floor: ['{{ floor .Values.neg }}'],
  round: [
    '{{ round 1234.5678 -2 }}',
    '{{ round 0.5 0 }}',
    '{{ round "2.345" 2 }}',
    '{{ round 2.5 0 }}',
    '{{ round 3.14159 2 }}',
    '{{ round -2.5 0 }}',
    '{{ round 1.005 2 0.4 }}',
  ],
  // defaults and flow
  default: [
    '{{ default 5 .Values.zero }}',
    '{{ default (list 1) .Values.emptyList }}',
    '{{ .Values.nope | default .Values.nil | default "x" }}',
    '{{ default "d" .Values.missing }}',
    '{{ default "d" .Values.empty }}',
    '{{ default "d" .Values.zero }}',
    '{{ default "d" .Values.no }}',
    '{{ default "d" .Values.emptyList }}',
    '{{ .Values.word | default "d" }}',
  ],
  empty: [
    '{{ empty .Values.emptyMap }}',
    '{{ empty "0" }}',
    '{{ empty 0.0 }}',
    '{{ empty .Values.zero }}',
    '{{ empty .Values.m }}',
    '{{ empty .Values.nil }}',
  ],
  coalesce: [
    '{{ coalesce .Values.missing .Values.empty 0 "x" }}',
    '{{ coalesce }}',
  ],
  all: ['{{ all 1 "a" .Values.list }}', '{{ all 1 "" }}'],
  any: ['{{ any 0 "" .Values.nil }}', '{{ any 0 "x" }}'],
  compact: [
    '{{ compact .Values.mixed }}',
    '{{ compact (list 0 "" "a" false) }}',
  ],
  mustCompact: ['{{ mustCompact .Values.list }}'],
  ternary: [
    '{{ ternary "a" "b" nil }}',
    '{{ ternary "yes" "no" .Values.t }}',
    '{{ ternary 1 2 false }}',
  ],
  deepCopy: ['{{ deepCopy .Values.m | toJson }}'],
  mustDeepCopy: ['{{ mustDeepCopy .Values.listOfMaps | toJson }}'],
  toPrettyJson: [
    '{{ toPrettyJson (list (dict "b" (list) "a" (dict)) 1.5 "<x>") }}',
    '{{ toPrettyJson .Values.m }}',
    '{{ toPrettyJson .Values.emptyMap }}',
  ],
  mustToPrettyJson: ['{{ mustToPrettyJson .Values.mixed }}'],
  toRawJson: ['{{ toRawJson .Values.html }}'],
  mustToRawJson: ['{{ mustToRawJson .Values.m }}'],
  // encodings
  b64enc: [
    '{{ b64enc .Values.uni }}',
    '{{ b64enc .Values.s }}',
    '{{ b64enc "" }}',
  ],
  b64dec: ['{{ b64dec .Values.b64 }}', '{{ b64dec "!!" }}'],
  b32enc: ['{{ b32enc .Values.word }}'],
  b32dec: ['{{ b32dec .Values.b32 }}', '{{ b32dec "x" }}'],
  // lists
  list: ['{{ list 1 "a" .Values.nil }}', '{{ list }}'],
  tuple: ['{{ tuple 1 2 }}'],
  first: [
    '{{ first .Values.list }}',
    '{{ first .Values.emptyList }}',
    '{{ first .Values.nil }}',
  ],
  mustFirst: ['{{ mustFirst .Values.nums }}'],
  rest: ['{{ rest .Values.list }}'],
  mustRest: ['{{ mustRest .Values.emptyList }}'],
  last: ['{{ last .Values.list }}'],
  mustLast: ['{{ mustLast .Values.nums }}'],
  initial: ['{{ initial .Values.list }}'],
  mustInitial: ['{{ mustInitial .Values.nums }}'],
  append: [
    '{{ append (list) nil | len }}',
    '{{ append .Values.list "z" }}',
    '{{ append .Values.nil "z" }}',
  ],
  mustAppend: [
    '{{ mustAppend .Values.nums 4 }}',
    '{{ mustAppend .Values.s 4 }}',
  ],
  push: ['{{ push .Values.list "z" }}'],
  mustPush: ['{{ mustPush .Values.list "z" }}'],
  prepend: ['{{ prepend .Values.list "z" }}'],
  mustPrepend: ['{{ mustPrepend .Values.nums 0 }}'],
  concat: [
    '{{ concat (list 1) nil (list 2) }}',
    '{{ concat .Values.list .Values.nums (list "x") }}',
  ],
  reverse: [
    '{{ reverse (list) }}',
    '{{ reverse "abc" }}',
    '{{ reverse .Values.list }}',
  ],
  mustReverse: ['{{ mustReverse .Values.nums }}'],
  uniq: [
    '{{ uniq (list (dict "a" 1) (dict "a" 1) (list 1) (list 1)) }}',
    '{{ uniq .Values.list }}',
    '{{ uniq (list 1 1.0 "1" 1) }}',
  ],
  mustUniq: ['{{ mustUniq .Values.nums }}'],
  without: [
    '{{ without (list 1 1.0 "1") 1 }}',
    '{{ without .Values.list "a" }}',
  ],
  mustWithout: ['{{ mustWithout .Values.nums 1 }}'],
  has: [
    '{{ has nil (list nil) }}',
    '{{ has "1" (list 1) }}',
    '{{ has "a" .Values.list }}',
    '{{ has 1 .Values.nums }}',
    '{{ has 1.0 .Values.nums }}',
  ],
  mustHas: ['{{ mustHas "z" .Values.list }}'],
  chunk: ['{{ chunk 0 (list 1 2) }}', '{{ chunk 3 (list 1 2 3 4 5 6 7) }}'],
  mustChunk: ['{{ mustChunk 2 .Values.list }}'],
  sortAlpha: [
    '{{ sortAlpha (list "b" "B" "a" "10" "9" "é" "") }}',
    '{{ sortAlpha .Values.list }}',
    '{{ sortAlpha .Values.mixed }}',
  ],
  join: [
    '{{ join "," (list 1 2.5 true nil "x") }}',
    '{{ join ", " .Values.list }}',
    '{{ join "-" .Values.mixed }}',
    '{{ join "," .Values.s }}',
  ],
  mustSlice: ['{{ mustSlice .Values.list 1 }}'],
  // dicts
  dict: [
    '{{ dict "a" 1 "a" 2 | toJson }}',
    '{{ dict 1 "x" true "y" | toJson }}',
    '{{ dict "a" 1 "b" }}',
    '{{ dict 1 2 }}',
    '{{ dict | toJson }}',
  ],
  get: ['{{ get .Values.m "a" }}', '{{ get .Values.m "missing" }}'],
  set: [
    '{{ $d := dict }}{{ set $d "k" (list 1) | toJson }}',
    '{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ toJson $d }}',
  ],
  unset: [
    '{{ $d := dict "a" 1 "b" 2 }}{{ $_ := unset $d "a" }}{{ toJson $d }}',
  ],
  hasKey: [
    '{{ hasKey .Values.emptyMap "a" }}',
    '{{ hasKey .Values.m "a" }}',
    '{{ hasKey .Values.m "zz" }}',
  ],
  pluck: [
    '{{ pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" nil) }}',
    '{{ pluck "name" (index .Values.listOfMaps 0) (index .Values.listOfMaps 1) }}',
  ],
  keys: [
    '{{ keys (dict "b" 1) (dict "a" 2 "b" 3) | sortAlpha }}',
    '{{ keys .Values.m | sortAlpha }}',
    '{{ keys .Values.m .Values.other | sortAlpha }}',
  ],
  pick: ['{{ pick .Values.m "a" "zz" | toJson }}'],
  omit: ['{{ omit .Values.m "a" "nested" | toJson }}'],
  merge: [
    '{{ merge (dict "a" (dict "x" 1 "y" (list 1))) (dict "a" (dict "y" (list 2) "z" 3) "b" nil) | toJson }}',
    '{{ merge (dict "a" "") (dict "a" "set") | toJson }}',
    '{{ merge (dict "a" 0) (dict "a" 5) (dict "a" 7) | toJson }}',
    '{{ merge (dict "a" false) (dict "a" true) | toJson }}',
    '{{ $d := dict "a" 0 "x" (dict "y" 1) }}{{ merge $d .Values.other .Values.m | toJson }}',
  ],
  mergeOverwrite: [
    '{{ mergeOverwrite (dict "a" (dict "x" 1)) (dict "a" (dict "x" "") "b" 0) | toJson }}',
    '{{ mergeOverwrite (dict "a" (list 1 2)) (dict "a" (list)) | toJson }}',
    '{{ mergeOverwrite (dict "a" 1) (dict "a" nil) | toJson }}',
    '{{ mergeOverwrite (dict "a" 0 "k" "keep") .Values.other | toJson }}',
  ],
  mustMerge: ['{{ mustMerge (dict) .Values.m | toJson }}'],
  mustMergeOverwrite: [
    '{{ mustMergeOverwrite (dict "a" 9) .Values.m | toJson }}',
  ],
  values: ['{{ values .Values.other | sortAlpha }}'],
  dig: [
    '{{ dig "a" "b" "d" (dict "a" "str") }}',
    '{{ dig "a" "d" (dict "a" nil) }}',
    '{{ dig "x" 3 .Values.m }}',
    '{{ dig "nested" "c" "dflt" .Values.m }}',
    '{{ dig "x" "y" "dflt" .Values.m }}',
    '{{ dig "a" "dflt" .Values.m }}',
  ],
  deepEqual: [
    '{{ deepEqual .Values.m .Values.m }}',
    '{{ deepEqual (list 1) (list 1.0) }}',
  ],
  // types and reflection
  typeOf: [
    '{{ typeOf (list) }}',
    '{{ typeOf (dict) }}',
    '{{ typeOf (splitList "," "a") }}',
    '{{ typeOf (split "," "a") }}',
    '{{ typeOf (toDate "2006-01-02" "2024-01-01") }}',
    '{{ typeOf (semver "1.2.3") }}',
    '{{ typeOf (urlParse "http://x") }}',
    '{{ typeOf (b64dec "eA==") }}',
    '{{ typeOf .Values.n }}',
    '{{ typeOf 1 }}',
    '{{ typeOf .Values.m }}',
    '{{ typeOf .Values.list }}',
    '{{ typeOf .Values.nil }}',
    '{{ typeOf .Values.s }}',
  ],
  typeIs: ['{{ typeIs "float64" .Values.n }}', '{{ typeIs "int" 1 }}'],
  typeIsLike: ['{{ typeIsLike "float64" .Values.f }}'],
  kindOf: [
    '{{ kindOf (toDate "2006-01-02" "2024-01-01") }}',
    '{{ kindOf (semver "1.2.3") }}',
    '{{ kindOf true }}',
    '{{ kindOf .Values.m }}',
    '{{ kindOf .Values.list }}',
    '{{ kindOf 1 }}',
    '{{ kindOf .Values.nil }}',
  ],
  kindIs: [
    '{{ kindIs "map" .Values.m }}',
    '{{ kindIs "slice" .Values.s }}',
    '{{ kindIs "invalid" .Values.nil }}',
  ],
  // paths and urls
  base: ['{{ base .Values.path }}', '{{ base "" }}', '{{ base "/" }}'],
  dir: ['{{ dir .Values.path }}', '{{ dir "file" }}'],
  clean: ['{{ clean .Values.path }}', '{{ clean "a//b/./../c/" }}'],
  ext: ['{{ ext .Values.path }}', '{{ ext "noext" }}'],
  isAbs: ['{{ isAbs .Values.path }}', '{{ isAbs "rel/p" }}'],
  osBase: ['{{ osBase .Values.path }}'],
  osClean: ['{{ osClean .Values.path }}'],
  osDir: ['{{ osDir .Values.path }}'],
  osExt: ['{{ osExt .Values.path }}'],
  osIsAbs: ['{{ osIsAbs .Values.path }}'],
  urlParse: [
    '{{ urlParse .Values.url | toJson }}',
    '{{ (urlParse "relative/p?x=1").path }}',
  ],
  // regexes
  regexMatch: [
    '{{ regexMatch "^[a-z]+-api$" .Values.word }}',
    '{{ regexMatch "(" "x" }}',
  ],
  mustRegexMatch: [
    '{{ mustRegexMatch "^\\\\d{3}$" "123" }}',
    '{{ mustRegexMatch "(?P<x>a)" "a" }}',
    '{{ mustRegexMatch "(" "x" }}',
  ],
  regexFindAll: [
    '{{ regexFindAll "a*" "baaab" -1 }}',
    '{{ regexFindAll "" "abc" 2 }}',
    '{{ regexFindAll "[a-c]" "abcabc" 3 }}',
    '{{ regexFindAll "a" "banana" -1 }}',
  ],
  mustRegexFindAll: ['{{ mustRegexFindAll "\\\\d+" "a1b22c333" -1 }}'],
  regexFind: [
    '{{ regexFind "[\\\\p{Han}]+" .Values.uni }}',
    '{{ regexFind "(?i)wÖrld" .Values.s }}',
    '{{ regexFind "[0-9]+" "abc123def456" }}',
    '{{ regexFind "z" "abc" }}',
  ],
  mustRegexFind: ['{{ mustRegexFind "(?i)HÉ" .Values.s }}'],
  regexReplaceAll: [
    '{{ regexReplaceAll "(a)(b)?" "ab a" "[$1|$2|$$|${1}x|$3]" }}',
    '{{ regexReplaceAll "^" "multi\\nline" "> " }}',
    '{{ regexReplaceAll "(?m)^" "multi\\nline" "> " }}',
    '{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}',
    '{{ regexReplaceAll "(?P<w>\\\\w+)" "hi there" "<$w>" }}',
  ],
  mustRegexReplaceAll: ['{{ mustRegexReplaceAll "[aeiou]" .Values.word "_" }}'],
  regexReplaceAllLiteral: [
    '{{ regexReplaceAllLiteral "[aeiou]" "banana" "$0" }}',
    '{{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}" }}',
  ],
  mustRegexReplaceAllLiteral: [
    '{{ mustRegexReplaceAllLiteral "-" .Values.word "$" }}',
  ],
  regexSplit: [
    '{{ regexSplit "" "abc" -1 }}',
    '{{ regexSplit "b*" "abbbc" -1 }}',
    '{{ regexSplit "z+" "pizza" -1 }}',
    '{{ regexSplit "," "a,b,c" 2 }}',
  ],
  mustRegexSplit: ['{{ mustRegexSplit "\\\\s+" "a  b c" -1 }}'],
  regexQuoteMeta: ['{{ regexQuoteMeta "1.2.3+[x]" }}'],
  // semver
  semver: [
    '{{ (semver "1.2.3-rc.1+b5").Patch }}|{{ (semver "v1").String }}',
    '{{ (semver "1.2.3").Compare (semver "1.2.4") }}',
    '{{ semver "1.2.3" }}',
    '{{ (semver .Values.ver).Major }}.{{ (semver .Values.ver).Minor }}/{{ (semver .Values.ver).Prerelease }}/{{ (semver .Values.ver).Metadata }}',
    '{{ (semver "v2.1").Original }}',
    '{{ semver "not-a-version" }}',
  ],
  semverCompare: [
    '{{ semverCompare "~1" "1.9.9" }}',
    '{{ semverCompare "^0.2.3" "0.3.0" }}',
    '{{ semverCompare ">= 1.2, < 3.0.0 || >= 4.2.3" "4.3.0" }}',
    '{{ semverCompare "1.2.3 - 1.4.5" "1.4.0" }}',
    '{{ semverCompare "*" "1.0.0-alpha" }}',
    '{{ semverCompare "<1.2.3" "1.2.3-alpha" }}',
    '{{ semverCompare ">=1.2.3" "1.2.3-alpha" }}',
    '{{ semverCompare "1.2.x" "1.2.9" }}',
    '{{ semverCompare "!=1.2.3" "1.2.4" }}',
    '{{ semverCompare ">1.0 <2.0" "1.5.0" }}',
    '{{ semverCompare "=1.0" "v1.0.0" }}',
    '{{ semverCompare ">=1.2.0-0" .Values.ver }}',
    '{{ semverCompare "^1.2" "1.9.0" }}',
    '{{ semverCompare "~1.2.3" "1.3.0" }}',
    '{{ semverCompare ">=1.21-0" "v1.32.0" }}',
    '{{ semverCompare "1.x || >=3" "2.0.0" }}',
    '{{ semverCompare "bad constraint" "1.0.0" }}',
  ],
  // dates (deterministic given a parsed time)
  toDate: [
    '{{ toDate "2006-01-02T15:04:05Z07:00" "2024-03-05T14:07:09+02:00" }}',
    '{{ toDate "02 Jan 06 15:04 MST" "05 Mar 24 14:07 UTC" | date "2006-01-02T15:04:05Z07:00" }}',
    '{{ (toDate "2006-01-02" "2024-03-05").Year }}',
    '{{ toDate "2006-01-02 15:04" "2024-02-29 07:08" | date "Jan _2 3:04PM" }}',
    '{{ toDate "2006-01-02" "2024-02-30" }}',
    '{{ toDate "2006-01-02" "2024-03-05" | date "2006-01-02 Mon Jan" }}',
  ],
  mustToDate: ['{{ mustToDate "2006-01-02" "not-a-date" }}'],
  date: [
    '{{ date "Mon Jan 2 15:04:05 2006" (toDate "2006-01-02T15:04:05Z07:00" "2024-03-05T14:07:09+02:00") }}',
    '{{ date "2006-01-02 .000 .999 ,000" (toDate "2006-01-02T15:04:05.999999999Z07:00" "2024-03-05T14:07:09.120Z") }}',
    '{{ date "Monday, 02-Jan-06 15:04:05.000 MST -0700 PM pm" (toDate "2006-01-02T15:04:05.999999999Z07:00" "2024-12-31T23:59:58.123456789+05:30") }}',
    '{{ date "2006-01-02" 0 }}',
    '{{ date "02/01/06 15:04:05 MST" (toDate "2006-01-02T15:04:05Z07:00" .Values.date) }}',
  ],
  dateInZone: [
    '{{ dateInZone "2006-01-02 15:04 MST -07:00" (toDate "2006-01-02T15:04:05Z07:00" .Values.date) "Europe/Paris" }}',
    '{{ dateInZone "15:04 MST" (toDate "2006-01-02T15:04:05Z07:00" .Values.date) "America/New_York" }}',
    '{{ dateInZone "15:04" (toDate "2006-01-02T15:04:05Z07:00" .Values.date) "Not/AZone" }}',
    '{{ dateInZone "2006-01-02 15:04 MST" (toDate "2006-01-02T15:04:05Z07:00" .Values.date) "UTC" }}',
  ],
  date_in_zone: [
    '{{ date_in_zone "Jan 2, 2006 at 3:04pm" (toDate "2006-01-02T15:04:05Z07:00" .Values.date) "UTC" }}',
  ],
  htmlDate: [
    '{{ htmlDate (toDate "2006-01-02T15:04:05Z07:00" .Values.date) }}',
  ],
  htmlDateInZone: [
    '{{ htmlDateInZone (toDate "2006-01-02T15:04:05Z07:00" "2024-03-05T23:30:00Z") "Asia/Tokyo" }}',
    '{{ htmlDateInZone (toDate "2006-01-02T15:04:05Z07:00" .Values.date) "UTC" }}',
  ],
  dateModify: [
    '{{ dateModify "-1.5h" (toDate "2006-01-02T15:04:05Z07:00" .Values.date) | date "2006-01-02T15:04" }}',
  ],
  date_modify: [
    '{{ date_modify "24h" (toDate "2006-01-02" "2024-02-28") | date "2006-01-02" }}',
  ],
  mustDateModify: [
    '{{ mustDateModify "bogus" (toDate "2006-01-02" "2024-02-28") }}',
  ],
  must_date_modify: [
    '{{ must_date_modify "90m" (toDate "2006-01-02" "2024-02-28") | date "15:04" }}',
  ],
  unixEpoch: [
    '{{ unixEpoch (toDate "2006-01-02T15:04:05Z07:00" .Values.date) }}',
  ],
  duration: [
    '{{ duration "90061" }}',
    '{{ duration "-5" }}',
    '{{ duration "1.5" }}',
    '{{ duration 95 }}',
    '{{ duration "3600" }}',
    '{{ duration 0 }}',
  ],
  durationRound: [
    '{{ durationRound "8760h" }}',
    '{{ durationRound "1h59m" }}',
    '{{ durationRound "720h1m" }}',
    '{{ durationRound "bogus" }}',
    '{{ durationRound "2h10m5s" }}',
    '{{ durationRound 400000 }}',
    '{{ durationRound "-3s" }}',
  ],
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

/**
 * Known differences, each with its reason: kept short on purpose. Keyed by
 * case id (`fn#i` for function cases).
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'toDate#0':
    'times carry no zone in the engine: a parsed offset is kept as the instant, printed in UTC',
  'dateInZone#0':
    'named time zones are not modelled: the engine renders an unknown value',
  'dateInZone#1':
    'named time zones are not modelled: the engine renders an unknown value',
  'dateInZone#2':
    'named time zones are not modelled: the engine renders an unknown value',
  'htmlDateInZone#0':
    'named time zones are not modelled: the engine renders an unknown value',
  'fromJson#0':
    'Go returns a nil map for "null" (printed map[], written null); the engine has no typed nil and returns an empty map',
  'fromJsonArray#1':
    'Go returns a nil slice for "null" (printed [], written null); the engine has no typed nil and returns an empty list',
  'regexFind#0':
    'Unicode classes (\\p{...}) are outside the regular expressions the engine translates; it reports them instead',
  'fromYaml#6':
    'the YAML parser behind fromYaml words its syntax errors in its own way; both return a map with the one Error key',
  'duration#3':
    'the engine has one integer type: Go gives 0s for an int (only int64 and strings count), the engine reads any integer',
};

/**
 * Rewrites applied to both outputs before comparing, each with its reason.
 */
const NORMALISE: Array<[RegExp, string, string]> = [
  [
    /(int|INT)64/g,
    '$1',
    'the engine has one integer type for Go int and int64: typeOf, kindOf and %T say int where Go says int64',
  ],
  [
    /(error converting YAML to JSON: [^\]]*|invalid character '(\\'|[^'])*'[^\])]*|unexpected end of JSON input|Unexpected token [\s\S]*? is not valid JSON|Unexpected end of JSON input|Unexpected non-whitespace character after JSON at position \d+[^\]]*|Expected [^\]]*in JSON at position \d+[^\]]*|Unterminated string in JSON at position \d+[^\]]*|Bad (control character|escaped character) in string literal in JSON at position \d+[^\]]*|No number after minus sign in JSON at position \d+[^\]]*|Exponent part is missing a number in JSON at position \d+[^\]]*|Unterminated fractional number in JSON at position \d+[^\]]*)/g,
    'SYNTAX ERROR',
    'the parsers behind fromYaml and fromJson word syntax errors in their own way; both return the Error key Helm returns',
  ],
];
NORMALISE.push([
  /\ufffd+/g,
  '\ufffd',
  'a string cut inside a character (trunc, substr over bytes) is invalid UTF-8: Go keeps the bytes, the engine decodes them to one U+FFFD per broken sequence',
]);
const normalise = (s: string) =>
  NORMALISE.reduce((acc, [re, to]) => acc.replace(re, to), s);

function runOracle(cases: Case[]): Map<string, Outcome> {
  const input = JSON.stringify(cases, (_k, v) =>
    typeof v === 'bigint' ? { $int: v.toString() } : v,
  );
  // the batch, for measurements (bench/wasm-vs-ts.ts)
  if (process.env.SECRETS_HELM_ORACLE_CASES)
    appendFileSync(process.env.SECRETS_HELM_ORACLE_CASES, `${input}\n`);
  const res = spawnSync(ORACLE!, [], {
    input,
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  });
  if (res.status !== 0)
    throw new Error(`oracle failed: ${res.stderr || res.error}`);
  const out = JSON.parse(res.stdout) as Array<{ id: string } & Outcome>;
  return new Map(out.map(r => [r.id, r]));
}

function renderEngine(c: Case): Outcome {
  try {
    const defines = new Map();
    const parsed = c.templates.map(t => parseTemplate(t.src));
    for (const p of parsed) for (const [k, v] of p.defines) defines.set(k, v);
    const main = c.templates[0].name;
    return {
      output: renderTemplate(parsed[0], defines, {
        Values: c.values ?? {},
        Release: {
          Name: 'apps-orders',
          Namespace: 'ameide',
          Service: 'Helm',
          IsInstall: true,
          IsUpgrade: false,
          Revision: 1n,
        },
        Chart: { Name: 'orders', Version: '0.1.0' },
        Template: { Name: main, BasePath: 'orders/templates' },
      }).output,
    };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** Cases whose outcomes differ, described for the failure message. */
function mismatches(cases: Case[]): string[] {
  const oracle = runOracle(cases);
  const out: string[] = [];
  for (const c of cases) {
    if (KNOWN_DIFFERENCES[c.id]) continue;
    const want = oracle.get(c.id)!;
    const got = renderEngine(c);
    const same =
      'error' in want
        ? 'error' in got
        : 'output' in got && normalise(got.output) === normalise(want.output);
    if (!same && process.env.SECRETS_HELM_ORACLE_DUMP)
      appendFileSync(
        process.env.SECRETS_HELM_ORACLE_DUMP,
        `${JSON.stringify({ ...c, go: want, ts: got }, (_k, v) =>
          typeof v === 'bigint' ? { $int: String(v) } : v,
        )}\n`,
      );
    if (!same)
      out.push(
        `${c.id}: ${JSON.stringify(c.templates[0].src)}\n  go: ${JSON.stringify(
          want,
        )}\n  ts: ${JSON.stringify(got)}`,
      );
  }
  return out;
}

const describeOracle = ORACLE ? describe : describe.skip;
if (!ORACLE) {
  if (process.env.CI)
    throw new Error(
      'SECRETS_HELM_ORACLE is not set: CI must run the Helm differential test (scripts/ensure-go.sh)',
    );
  // eslint-disable-next-line no-console
  console.warn(
    'Skipping the Helm differential test: set SECRETS_HELM_ORACLE="$(scripts/ensure-go.sh)" to run it.',
  );
}

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

/* ---------- generated templates ---------- */

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
