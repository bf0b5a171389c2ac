/* One fmt verb applied to one value, and %#v's Go syntax. */

import {
  formatFloatG,
  isMap,
  sortedKeys,
  fmtValue,
  UNKNOWN_MARKER,
  Unknown,
} from '../goValues';
import { intText, floatText, hexFloat } from './numbers';
import { goQuote, goQuoteRune } from './quote';
import { Spec, padString, pad, typeName } from './spec';

/** %#v: Go syntax for the values templates hold. */
function goSyntax(v: unknown, top: boolean): string {
  if (v === null || v === undefined) return top ? '<nil>' : 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return formatFloatG(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v))
    return `${typeName(v)}{${v.map(x => goSyntax(x, false)).join(', ')}}`;
  if (isMap(v))
    return `${typeName(v)}{${sortedKeys(v)
      .map(k => `${goQuote(k)}:${goSyntax(v[k], false)}`)
      .join(', ')}}`;
  return fmtValue(v);
}

/** fmt's printArg / printValue: composites apply the verb and flags to each element. */
export function formatOne(
  verb: string,
  v: unknown,
  spec: Spec,
  nested = false,
): string {
  if (v instanceof Unknown) return UNKNOWN_MARKER;
  if (verb === 'T') return pad(typeName(v), spec);
  if (v === null || v === undefined) {
    // a nil inside a composite is written bare; at the top %v pads it
    if (nested) return '<nil>';
    if (verb === 'v') return padString('<nil>', spec);
    return bad(verb, v, spec);
  }
  if (verb === 'v' && spec.sharp) return pad(goSyntax(v, true), spec);
  if (Array.isArray(v))
    return `[${v.map(x => formatOne(verb, x, spec, true)).join(' ')}]`;
  if (isMap(v))
    return `map[${sortedKeys(v)
      .map(
        k =>
          `${formatOne(verb, k, spec, true)}:${formatOne(
            verb,
            v[k],
            spec,
            true,
          )}`,
      )
      .join(' ')}]`;
  if (typeof v === 'string') {
    switch (verb) {
      case 'v':
      case 's':
        return padString(v, spec);
      case 'q': {
        const t =
          spec.prec !== undefined ? [...v].slice(0, spec.prec).join('') : v;
        return pad(
          spec.sharp && !t.includes('`') ? `\`${t}\`` : goQuote(t),
          spec,
        );
      }
      case 'x':
      case 'X': {
        const t =
          spec.prec !== undefined ? [...v].slice(0, spec.prec).join('') : v;
        let h = Buffer.from(t, 'utf8').toString('hex');
        if (verb === 'X') h = h.toUpperCase();
        return pad(h, spec);
      }
      default:
        return bad(verb, v, spec);
    }
  }
  if (typeof v === 'bigint') {
    switch (verb) {
      case 'v':
      case 'd':
      case 'b':
      case 'o':
      case 'O':
      case 'x':
      case 'X':
        return intText(v, verb === 'v' ? 'd' : verb, spec);
      case 'c': {
        const cp =
          v < 0n || v > 0x10ffffn || (v >= 0xd800n && v < 0xe000n)
            ? 0xfffd
            : Number(v);
        return pad(String.fromCodePoint(cp), spec);
      }
      case 'q':
        return pad(goQuoteRune(v), spec);
      case 'U':
        return pad(
          `U+${(v < 0n ? -v : v).toString(16).toUpperCase().padStart(4, '0')}`,
          spec,
        );
      default:
        return bad(verb, v, spec);
    }
  }
  if (typeof v === 'number') {
    switch (verb) {
      case 'v':
        return floatText(v, 'g', spec);
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
        return floatText(v, verb, spec);
      case 'x':
      case 'X':
        return pad(hexFloat(v, verb === 'X', spec), spec, true);
      default:
        return bad(verb, v, spec);
    }
  }
  if (typeof v === 'boolean') {
    if (verb === 'v' || verb === 't') return pad(String(v), spec);
    return bad(verb, v, spec);
  }
  if (verb === 'v' || verb === 's') return pad(fmtValue(v), spec);
  return bad(verb, v, spec);
}

/** fmt's badVerb: the verb, the type and the value printed with %v (same flags). */
export function bad(verb: string, v: unknown, spec: Spec): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${formatOne('v', v, spec)})`;
}
