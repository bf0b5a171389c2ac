/*
 * The fixture map per environment (keys and, per property, whether the
 * value is empty or a placeholder; values are dropped here) and the
 * declared writers of Vault keys.
 */
import {
  WHOLE_KEY_PROPERTY,
  type SourceRef,
} from '@ameideio/plugin-secrets-common';
import type { FixtureEntry, Writer } from '../context';
import { type ExtractedES, normalizeKey } from '../extract';
import { fixtureMaps } from '../fixtureMaps';
import type { ResolvedOptions } from '../options';
import type { ReleaseEnv } from '../render';
import { selectWriters } from '../writerSelectors';
import type { YamlCache } from '../yamlCache';

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Fixtures {
  fixtureReleaseEnvs: ReleaseEnv[];
  fixtureMapPresent: boolean;
  /** env -> key -> entry */
  fixtures: Map<string, Map<string, FixtureEntry>>;
  /** Files that define fixture entries. */
  fixtureFiles: Set<string>;
}

export function collectFixtures(
  releaseEnvs: ReleaseEnv[],
  o: ResolvedOptions,
  yaml: YamlCache,
  onValue?: (f: {
    environment: string;
    key: string;
    property: string;
    value: string;
  }) => void,
): Fixtures {
  const fixtureReleaseEnvs = releaseEnvs.filter(
    r => r.release.name === o.fixtureRelease,
  );
  const fixtureMapPresent = fixtureReleaseEnvs.some(
    r => fixtureMaps(r.values, o).length > 0,
  );
  const fixtureFiles = new Set<string>();
  const fixtures = new Map<string, Map<string, FixtureEntry>>();
  for (const re of fixtureReleaseEnvs) {
    const entries = new Map<string, FixtureEntry>();
    for (const { at, map } of fixtureMaps(re.values, o)) {
      for (const [rawKey, v] of Object.entries(map)) {
        const key = normalizeKey(rawKey);
        const props = new Map<
          string,
          { empty: boolean; placeholder: boolean }
        >();
        const look = (x: unknown, property: string) => {
          const s = x === null || x === undefined ? '' : String(x);
          // handed over, never kept: the entry keeps two booleans
          if (onValue && s !== '' && (typeof x !== 'object' || x === null))
            onValue({ environment: re.environment, key, property, value: s });
          return {
            empty: s === '',
            placeholder: s !== '' && o.placeholder.test(s),
          };
        };
        if (isMap(v))
          for (const [p, x] of Object.entries(v)) props.set(p, look(x, p));
        else props.set('value', look(v, 'value'));
        // where is it defined? the last value file that mentions the key
        let ref: SourceRef = {
          file: re.release.valueFiles[re.environment]?.slice(-1)[0] ?? '',
        };
        for (const f of re.release.valueFiles[re.environment] ?? []) {
          for (const d of yaml.docs(f)) {
            const line = at.length ? d.lineOfPath([...at, rawKey]) : undefined;
            if (line) ref = { file: f, line };
          }
        }
        fixtureFiles.add(ref.file);
        entries.set(key, { properties: props, ref });
      }
    }
    fixtures.set(re.environment, entries);
  }
  return { fixtureReleaseEnvs, fixtureMapPresent, fixtures, fixtureFiles };
}

/** A fixture entry as a whole: empty only when every property is empty. */
export function wholeEntry(entry: FixtureEntry): {
  empty: boolean;
  placeholder: boolean;
} {
  const props = [...entry.properties.values()];
  return {
    empty: props.every(p => p.empty),
    placeholder: props.some(p => p.placeholder),
  };
}

/**
 * Whether a `secretWriters` entry writes in an environment. An explicit
 * `environments:` list decides; otherwise an external key-vault sync writes
 * the real environments only (the fixture map seeds the fixture
 * environments), and any other writer writes wherever its release is installed.
 */
function writesIn(
  w: Record<string, unknown>,
  writer: string,
  env: string,
  o: ResolvedOptions,
): boolean {
  if (Array.isArray(w.environments))
    return w.environments.map(String).includes(env);
  const externalSync =
    w.kind === 'external-sync' || o.externalSyncWriter.test(writer);
  return !(externalSync && o.fixtureEnvironments.includes(env));
}

/** Writers declared in values (`secretWriters`, writer selectors) and PushSecrets. */
export function collectWriters(
  releaseEnvs: ReleaseEnv[],
  all: ExtractedES[],
  o: ResolvedOptions,
): Writer[] {
  const writers: Writer[] = [];
  for (const re of releaseEnvs) {
    if (!re.installed) continue;
    const declared = re.values[o.writersKey];
    const list = [
      ...(Array.isArray(declared) ? declared : []),
      ...selectWriters(re.release.name, re.values, o.writerSelectors),
    ];
    for (const w of list) {
      if (!isMap(w) || !w.key) continue;
      const writer = String(w.writer ?? w.name ?? re.release.name);
      if (!writesIn(w, writer, re.environment, o)) continue;
      writers.push({
        key: normalizeKey(String(w.key)),
        properties: Array.isArray(w.properties)
          ? w.properties.map(String)
          : undefined,
        writer,
        environments: [re.environment],
        release: re.release.name,
      });
    }
  }
  for (const es of all.filter(e => e.kind === 'PushSecret')) {
    for (const k of es.keys) {
      writers.push({
        key: k.key,
        properties: k.property ? [k.property] : undefined,
        writer: `PushSecret/${es.name}`,
        environments: [es.environment],
        release: es.release,
      });
    }
  }
  return writers;
}

/** The writers of a key and property in an environment. */
export function writersOf(
  writers: Writer[],
  key: string,
  property: string,
  env: string,
): string[] {
  return writers
    .filter(
      w =>
        w.key === key &&
        (!w.environments || w.environments.includes(env)) &&
        (!w.properties ||
          property === WHOLE_KEY_PROPERTY ||
          w.properties.includes(property)),
    )
    .map(w => w.writer);
}
