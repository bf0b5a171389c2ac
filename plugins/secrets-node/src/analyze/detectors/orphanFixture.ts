/* orphan-fixture: a fixture no ExternalSecret reads in any environment, and no writer names. */
import type { Finding } from '@ameideio/plugin-secrets-common';
import type { Detector } from '../context';

export const orphanFixture: Detector = ctx => {
  const { o } = ctx;
  if (!ctx.fixtureMapPresent) return [];
  // keys of releases not installed (or with secrets disabled) somewhere still need their fixture
  // and so do keys read in environments outside this run
  const readers = [
    ...ctx.consuming,
    ...ctx.disabledES,
    ...ctx.extractAll(ctx.contextDocs),
  ].filter(e => e.kind !== 'PushSecret');
  const used = new Set(
    readers.flatMap(e =>
      e.keys.filter(k => k.via !== 'dataFrom.find').map(k => k.key),
    ),
  );
  const patterns = readers.flatMap(e =>
    e.keys.filter(k => k.via === 'dataFrom.find').map(k => k.key),
  );
  const matchAny = (key: string) =>
    patterns.some(p => {
      try {
        return new RegExp(p).test(key);
      } catch {
        return false;
      }
    });
  const out: Finding[] = [];
  for (const [env, entries] of ctx.fixtures) {
    for (const [key, entry] of entries) {
      if (
        used.has(key) ||
        matchAny(key) ||
        ctx.writers.some(w => w.key === key)
      )
        continue;
      out.push(
        ctx.finding(
          'orphan-fixture',
          'info',
          `Fixture "${key}" is not referenced by any ExternalSecret in any environment.`,
          { kind: 'Fixture', name: key },
          {
            title: 'Remove the fixture or wire its consumer',
            actions: [
              `Delete "${key}" from ${entry.ref.file}, or add the ExternalSecret that needs it.`,
            ],
          },
          { release: o.fixtureRelease, environment: env, sourceRef: entry.ref },
        ),
      );
    }
  }
  return out;
};
