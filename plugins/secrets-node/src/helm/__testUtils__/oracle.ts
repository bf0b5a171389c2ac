/*
 * The Go oracle of the Helm differential tests: Go's text/template with sprig
 * v3 and Helm's deterministic functions, built from oracle/main.go by
 * scripts/ensure-go.sh (test-all exports its path as SECRETS_HELM_ORACLE).
 * Every case renders in both; the outputs must be byte-equal, or both must
 * fail.
 *
 *   export SECRETS_HELM_ORACLE="$(scripts/ensure-go.sh)"
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { parseTemplate } from '../parse';
import { renderTemplate } from '../render';

const ORACLE = process.env.SECRETS_HELM_ORACLE;

export interface Case {
  id: string;
  templates: Array<{ name: string; src: string }>;
  values: unknown;
}
type Outcome = { output: string } | { error: string };

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

/** The top-level object the oracle renders with (the same release for every case). */
export function oracleTopLevel(values: unknown, templateName: string) {
  return {
    Values: values,
    Release: {
      Name: 'apps-orders',
      Namespace: 'ameide',
      Service: 'Helm',
      IsInstall: true,
      IsUpgrade: false,
      Revision: 1n,
    },
    Chart: { Name: 'orders', Version: '0.1.0' },
    Template: { Name: templateName, BasePath: 'orders/templates' },
  };
}

function renderEngine(c: Case): Outcome {
  try {
    const defines = new Map();
    const parsed = c.templates.map(t => parseTemplate(t.src));
    for (const p of parsed) for (const [k, v] of p.defines) defines.set(k, v);
    const main = c.templates[0].name;
    return {
      output: renderTemplate(
        parsed[0],
        defines,
        oracleTopLevel(c.values ?? {}, main),
      ).output,
    };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** Cases whose outcomes differ, described for the failure message. */
export function mismatches(cases: Case[]): string[] {
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

export const describeOracle = ORACLE ? describe : describe.skip;
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
