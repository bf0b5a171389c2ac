/*
 * Fixture coverage: for every Vault key an ExternalSecret reads in an
 * environment, whether the fixture map seeds it, another writer provides
 * it, or it is missing. The report's coverage rows, and the items the
 * fixture detectors judge.
 */
import {
  coveredProperty,
  type KeyCoverage,
} from '@ameideio/plugin-secrets-common';
import type { CoverageItem, FixtureEntry, Writer } from '../context';
import type { ExtractedES } from '../extract';
import { isVault } from '../providers';
import { wholeEntry, writersOf } from './fixtures';

export function collectCoverage(
  consuming: ExtractedES[],
  fixtures: Map<string, Map<string, FixtureEntry>>,
  fixtureMapPresent: boolean,
  writers: Writer[],
): { rows: KeyCoverage[]; items: CoverageItem[] } {
  const rows: KeyCoverage[] = [];
  const items: CoverageItem[] = [];
  for (const es of consuming) {
    // Vault conventions hold for Vault stores; an undeclared store leaves the provider unknown
    const otherProvider = Boolean(es.provider) && !isVault(es.provider);
    const unknownProvider = !es.provider;
    for (const k of es.keys) {
      if (k.via === 'dataFrom.find') continue;
      const wholeKey = k.via === 'dataFrom.extract';
      const property = coveredProperty(k);
      const env = es.environment;
      const ws = writersOf(writers, k.key, property, env);
      const base = {
        es,
        key: k.key,
        origin: k.origin,
        wholeKey,
        property,
        env,
        writers: ws,
        unknownProvider,
      };
      if (!fixtureMapPresent || otherProvider) {
        rows.push({
          key: k.key,
          property,
          environment: env,
          fixture: 'not-applicable',
          writers: ws,
          origin: k.origin,
        });
        items.push(base);
        continue;
      }
      const entry = fixtures.get(env)?.get(k.key);
      // a whole-key read is covered by the entry itself, whatever its properties
      const prop =
        wholeKey && entry ? wholeEntry(entry) : entry?.properties.get(property);
      let state: KeyCoverage['fixture'];
      if (prop && !prop.empty) state = 'present';
      else if (prop && prop.empty) state = 'empty-override';
      else if (ws.length) state = 'other-writer';
      else if (k.origin === 'cluster-managed') state = 'not-applicable';
      else state = 'missing';
      rows.push({
        key: k.key,
        property,
        environment: env,
        fixture: state,
        writers: ws,
        ...(entry ? { fixtureRef: entry.ref } : {}),
        origin: k.origin,
      });
      items.push({
        ...base,
        state,
        ...(entry ? { entry } : {}),
        ...(prop ? { prop } : {}),
      });
    }
  }
  return { rows, items };
}
