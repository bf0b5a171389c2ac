/*
 * Helm's toYaml byte for byte: the value goes through encoding/json and back
 * (numbers become ints when their JSON text is integral, keys strings), then
 * gopkg.in/yaml.v2 writes it: keys in its natural order, strings plain when
 * they would read back as strings, else single or double quoted, multi-line
 * strings as literal blocks, long lines folded at 80 columns, sequences not
 * indented under a key.
 */
import {
  formatFloatG,
  isMap,
  JsonUnsupported,
  toPlain,
  type GoMap,
} from './goValues';
import { Writer } from './yamlEmit/writer';

/**
 * encoding/json leaves U+0085 as it is, and yaml.v2 reads it back as a line
 * break inside a quoted scalar: one folds to a space, n to n-1 newlines,
 * with the spaces around them; in a key it fails the conversion.
 */
function foldNel(v: unknown): unknown {
  const fold = (s: string) =>
    s.includes('\x85')
      ? s.replace(/ *\x85(?: *\x85)* */g, m => {
          const n = m.split('\x85').length - 1;
          return n === 1 ? ' ' : '\n'.repeat(n - 1);
        })
      : s;
  if (typeof v === 'string') return fold(v);
  if (Array.isArray(v)) return v.map(foldNel);
  if (isMap(v)) {
    const out: GoMap = {};
    for (const k of Object.keys(v)) {
      // in a key it breaks the flow mapping yaml.v2 reads: the conversion fails
      if (k.includes('\x85'))
        throw new JsonUnsupported(
          'error converting JSON to YAML: yaml: line break in a key',
        );
      out[k] = foldNel(v[k]);
    }
    return out;
  }
  return v;
}

/** Characters encoding/json writes as they are but yaml.v2 refuses to read back. */
const UNREADABLE = /[\x7f-\x84\x86-\x9f\ufffe\uffff]/;

function checkReadable(v: unknown): void {
  if (typeof v === 'string') {
    if (UNREADABLE.test(v))
      throw new JsonUnsupported(
        'error converting JSON to YAML: yaml: control characters are not allowed',
      );
  } else if (Array.isArray(v)) v.forEach(checkReadable);
  else if (isMap(v))
    for (const k of Object.keys(v)) {
      checkReadable(k);
      checkReadable(v[k]);
    }
  else if (typeof v === 'number' && !Number.isFinite(v))
    throw new JsonUnsupported(`json: unsupported value: ${formatFloatG(v)}`);
}

/** Helm's toYaml (sigs.k8s.io/yaml over yaml.v2), without the final newline. Throws JsonUnsupported. */
export function yamlV2(v: unknown): string {
  const plain = foldNel(toPlain(v));
  checkReadable(plain);
  const w = new Writer();
  w.node(plain, {});
  // the document ends at the start of a line (a block scalar may already be there)
  w.indent = -1;
  w.writeIndent();
  return w.out.replace(/\n$/, '');
}
