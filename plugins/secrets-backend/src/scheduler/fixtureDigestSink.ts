/*
 * Fixture digests for opt-in placeholder detection, from the engine's own
 * pass over the merged fixture map: each value is hashed as the engine hands
 * it over and never kept. There is no second parser of the fixture map.
 */
import type { AnalyzerExtensions } from '@ameideio/plugin-secrets-node';
import type { FixtureDigests } from '../sources/types';
import { digestOf } from '../sources/vault/NodeVaultSource';

export interface FixtureDigestSink {
  /** The engine's callback. */
  onFixtureValue: NonNullable<AnalyzerExtensions['onFixtureValue']>;
  /** Starts a new analysis: the digests of the previous one are dropped. */
  reset(): void;
  /** Digests of the last analysis, per key and property. */
  digests(): FixtureDigests;
}

export function createFixtureDigestSink(): FixtureDigestSink {
  let out = new Map<string, Map<string, Set<string>>>();
  return {
    onFixtureValue: ({ key, property, value }) => {
      let props = out.get(key);
      if (!props) out.set(key, (props = new Map()));
      let set = props.get(property);
      if (!set) props.set(property, (set = new Set()));
      set.add(digestOf(value));
    },
    reset: () => {
      out = new Map();
    },
    digests: () => out,
  };
}
