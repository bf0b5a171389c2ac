/* missing-fixture: a key an ExternalSecret reads has no fixture, so a fresh cluster cannot sync it. */
import type { Finding } from '@ameideio/plugin-secrets-common';
import type { AnalysisContext, Detector } from '../context';
import { envPhrase } from '../environments';
import { keySubject, readerWhere, storeNote, vaultSeverity } from './vaultKey';

/** The values file a new fixture entry goes into. */
function fixtureValuesFile(ctx: AnalysisContext, env: string) {
  const { o } = ctx;
  const re = ctx.fixtureReleaseEnvs.find(r => r.environment === env);
  const files = re?.release.valueFiles[env] ?? [];
  return (
    files.find(f => f.includes(`/${o.sharedValuesDir}/`)) ??
    files.slice(-1)[0] ??
    `${o.valuesRoot}/${o.sharedValuesDir}/foundation/${o.fixtureRelease}.yaml`
  );
}

export const missingFixture: Detector = ctx => {
  const { o } = ctx;
  const out: Finding[] = [];
  for (const item of ctx.coverage) {
    const { es, key, property, wholeKey, env } = item;
    if (
      item.state !== 'missing' ||
      !o.fixtureEnvironments.includes(env) ||
      item.origin === 'cluster-managed'
    )
      continue;
    const file = fixtureValuesFile(ctx, env);
    const slug = key.replace(/[^A-Za-z0-9]+/g, '-');
    out.push(
      ctx.finding(
        'missing-fixture',
        vaultSeverity(item, 'error'),
        `Vault key "${key}" (${
          wholeKey ? 'whole key' : `property "${property}"`
        }) used by ExternalSecret ${
          es.name
        } has no fixture, so a fresh${envPhrase(
          env,
          ' %s',
        )} cluster cannot sync it.${storeNote(item)}`,
        keySubject(item),
        {
          title: 'Add a fixture entry',
          actions: [`Add the key under \`${o.fixtureKey}:\` in ${file}.`],
          command:
            property === 'value' || wholeKey
              ? `  ${key}: "placeholder-${slug}"`
              : `  ${key}:\n    ${property}: "placeholder-${slug}-${property}"`,
        },
        readerWhere(item),
      ),
    );
  }
  return out;
};
