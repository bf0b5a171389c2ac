import { parseYaml, toData } from '@ameideio/plugin-secrets-node';
import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import { SourceError } from './types';

/**
 * Reads a JSON or YAML file into data. Multi-document YAML is returned as
 * an array. Errors name the file, never its content.
 */
export async function readStructured(file: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SourceError(
      code === 'ENOENT' ? 'not-found' : 'unreadable',
      `Snapshot ${basename(file)} could not be read (${code ?? 'error'})`,
    );
  }
  const parsed = parseYaml(text, basename(file));
  if (parsed.errors.length) {
    const e = parsed.errors[0];
    throw new SourceError(
      'invalid',
      `Snapshot ${basename(file)}: ${e.message}${
        e.line ? ` at line ${e.line}` : ''
      }`,
    );
  }
  const out: unknown[] = [];
  for (const doc of parsed.documents) {
    const d = toData(doc);
    if ('error' in d)
      throw new SourceError(
        'invalid',
        `Snapshot ${basename(file)}: ${d.error}`,
      );
    if (d.value !== null && d.value !== undefined) out.push(d.value);
  }
  return out;
}
