/*
 * The sprig v3 function set over the Go value model, with Go's argument type
 * checks (a string parameter given a number is an error, as in Helm).
 * Functions whose result cannot be known at render time are listed apart.
 */
import { type Expr, TemplateError } from './parse/ast';
import { goType, isMap, Unknown, UNKNOWN_MARKER } from './goValues';
import { regexFunctions } from './regex';
import { semverCompare, semverObject } from './semver';
import { dateFunctions, UnknownTime } from './dates';
import { Param, S, Spec } from './sprig/spec';
import { conversionFunctions } from './sprig/conversions';
import { stringFunctions } from './sprig/strings';
import { mathFunctions } from './sprig/math';
import { encodingFunctions } from './sprig/encoding';
import { defaultFunctions } from './sprig/defaults';
import { listFunctions } from './sprig/lists';
import { dictFunctions } from './sprig/dicts';

/** Generate a value in the cluster: unknown, and noted as Helm-generated. */
export const GENERATED = new Set([
  'randAlphaNum',
  'randAlpha',
  'randAscii',
  'randNumeric',
  'randBytes',
  'randInt',
  'uuidv4',
  'genPrivateKey',
  'genCA',
  'genCAWithKey',
  'genSelfSignedCert',
  'genSelfSignedCertWithKey',
  'genSignedCert',
  'genSignedCertWithKey',
  'buildCustomCert',
  'derivePassword',
  'htpasswd',
  'bcrypt',
  'encryptAES',
  'shuffle',
]);

/** Functions whose result depends on the clock or the network. */
export const UNKNOWN_AT_RENDER = new Set([
  'now',
  'ago',
  'getHostByName',
  'env',
  'expandenv',
  'decryptAES',
]);

export const SPRIG: Record<string, Spec> = {
  hello: S('', () => 'Hello!'),
  ...stringFunctions,
  ...conversionFunctions,
  ...mathFunctions,
  ...defaultFunctions,
  ...encodingFunctions,
  ...listFunctions,
  ...dictFunctions,
  semver: S('s', semverObject),
  semverCompare: S('ss', semverCompare),
  fail: S('s', (m: string) => {
    throw new TemplateError(m, 0);
  }),
  ...regexFunctions(),
  ...dateFunctions(),
};

/** Every name Helm knows (sprig plus text/template builtins plus Helm's own). */
export const KNOWN_FUNCTIONS = new Set([
  ...Object.keys(SPRIG),
  ...GENERATED,
  ...UNKNOWN_AT_RENDER,
  'date_in_zone',
  'date_modify',
  'must_date_modify',
  'sha512sum',
  'getHostByName',
]);

/** The error of an argument not of the parameter's Go type; nil is an invalid value, unless `nilIsInvalid` is false. */
function argumentError(expected: string, v: unknown, nilIsInvalid = true) {
  if (nilIsInvalid && (v === undefined || v === null))
    return new Error(`invalid value; expected ${expected}`);
  return new Error(
    `wrong type for value; expected ${expected}; got ${goType(v)}`,
  );
}

function convert(
  p: Param,
  v: unknown,
  expr: Expr | undefined,
  fn: string,
): unknown {
  const literal = expr?.type === 'number';
  switch (p) {
    case 'a':
      return v === undefined ? null : v;
    case 's':
      if (typeof v === 'string') return v;
      throw argumentError('string', v);
    case 'S':
      if (typeof v === 'string') return v;
      throw argumentError('string', v, false);
    case 'i':
      if (typeof v === 'bigint') return v;
      if (literal && typeof v === 'number' && Number.isInteger(v))
        return BigInt(v);
      throw argumentError('int', v);
    case 'f':
      if (typeof v === 'number') return v;
      if (literal && typeof v === 'bigint') return Number(v);
      throw argumentError('float64', v);
    case 'b':
      if (typeof v === 'boolean') return v;
      throw argumentError('bool', v);
    case 'm':
      if (v === undefined || v === null) return null;
      if (isMap(v)) return v;
      throw argumentError('map[string]interface {}', v);
    default:
      void fn;
      return v;
  }
}

/** Calls a sprig function with Go's argument checks. */
export function callSprig(
  fn: string,
  a: unknown[],
  argExprs: Expr[],
  line: number,
): unknown {
  const spec = SPRIG[fn];
  const n = spec.params.length;
  if (spec.variadic ? a.length < n : a.length !== n) {
    throw new TemplateError(
      `wrong number of args for ${fn}: want ${
        spec.variadic ? 'at least ' : ''
      }${n} got ${a.length}`,
      line,
    );
  }
  if (!spec.structural) {
    const unknown = a.find(x => x instanceof Unknown);
    if (unknown) return unknown;
  }
  const argv = a.map((v, i) => {
    const p = i < n ? spec.params[i] : spec.variadic!;
    // a structural function keeps an unknown value, as its marker where it wants text
    if (v instanceof Unknown) return p === 's' ? UNKNOWN_MARKER : v;
    try {
      return convert(p, v, argExprs[i], fn);
    } catch (e) {
      throw new TemplateError(
        `error calling ${fn}: ${(e as Error).message}`,
        line,
      );
    }
  });
  try {
    return spec.fn(...argv);
  } catch (e) {
    // a date function given something other than a time formats the clock
    if (e instanceof UnknownTime) return new Unknown(fn);
    throw e;
  }
}
