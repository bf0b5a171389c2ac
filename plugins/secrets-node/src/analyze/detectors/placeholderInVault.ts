/*
 * placeholder-in-vault (static): a production fixture override sets a
 * placeholder where the real value belongs ("" = provided for real), and no
 * writer provides the key, so production is declared to run on it.
 */
import type { Finding } from '@ameideio/plugin-secrets-common';
import type { Detector } from '../context';
import { keySubject, readerWhere, storeNote, vaultSeverity } from './vaultKey';

/** A file of one environment: a folder or the file itself is named for it. */
const namesEnvironment = (file: string, env: string) =>
  file
    .split('/')
    .some(seg => seg === env || seg.replace(/\.(ya?ml|json)$/, '') === env);

export const placeholderInVault: Detector = ctx => {
  const { o } = ctx;
  // fixture files read in an environment that is not production: their values are no production override
  const shared = new Set(
    ctx.fixtureReleaseEnvs
      .filter(re => !o.productionEnvironments.includes(re.environment))
      .flatMap(re => re.release.valueFiles[re.environment] ?? []),
  );
  const out: Finding[] = [];
  for (const item of ctx.coverage) {
    const { key, env, entry, prop, property, wholeKey } = item;
    if (
      !o.productionEnvironments.includes(env) ||
      !entry ||
      !prop ||
      prop.empty ||
      !prop.placeholder ||
      item.writers.length ||
      !entry.ref.file ||
      shared.has(entry.ref.file) ||
      !namesEnvironment(entry.ref.file, env)
    )
      continue;
    out.push(
      ctx.finding(
        'placeholder-in-vault',
        vaultSeverity(item, 'warning'),
        `The ${env} fixture override of "${key}"${
          wholeKey ? '' : ` (property "${property}")`
        } is a placeholder, not "" (provided for real), and no writer provides the key: ${env} is declared to run on a placeholder.${storeNote(
          item,
        )}`,
        keySubject(item),
        {
          title: 'Provide the real value',
          actions: [
            `Set the ${env} override of "${key}" to "" and declare its writer under \`${o.writersKey}:\`, or seed the real value in ${env} Vault.`,
          ],
        },
        { ...readerWhere(item), sourceRef: entry.ref },
      ),
    );
  }
  return out;
};
