import { normalizeKey, parseYaml, toData } from '@ameideio/plugin-secrets-node';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { FixtureDigests } from '../types';
import { digestOf } from './NodeVaultSource';

/**
 * Digests of every fixture value in the fixture map files the engine found
 * (`report.fixtureMap.files`), per key and property. Values are hashed as
 * they are read and never kept; empty overrides are skipped.
 */
export async function readFixtureDigests(
  root: string | ((file: string) => Promise<string | undefined>),
  files: string[],
  fixtureKey = 'fixtures',
): Promise<FixtureDigests> {
  const load =
    typeof root === 'string'
      ? (f: string) => fs.readFile(join(root, f), 'utf8')
      : root;
  const out = new Map<string, Map<string, Set<string>>>();
  const add = (key: string, property: string, v: unknown) => {
    if (v === null || v === undefined || v === '' || typeof v === 'object')
      return;
    const k = normalizeKey(key);
    let props = out.get(k);
    if (!props) out.set(k, (props = new Map()));
    let set = props.get(property);
    if (!set) props.set(property, (set = new Set()));
    set.add(digestOf(String(v)));
  };
  for (const file of files) {
    let text: string | undefined;
    try {
      text = await load(file);
    } catch {
      continue;
    }
    if (text === undefined) continue;
    for (const doc of parseYaml(text, file).documents) {
      const d = toData(doc);
      if ('error' in d) continue;
      const map = (d.value as Record<string, unknown> | null)?.[fixtureKey];
      if (!map || typeof map !== 'object') continue;
      for (const [key, v] of Object.entries(map as Record<string, unknown>)) {
        if (v && typeof v === 'object' && !Array.isArray(v)) {
          for (const [p, x] of Object.entries(v as Record<string, unknown>))
            add(key, p, x);
        } else {
          add(key, 'value', v);
        }
      }
    }
  }
  return out;
}
