/* empty-production-override: a production override says "provided for real", but nothing provides it. */
import type { Finding } from '@ameideio/plugin-secrets-common';
import type { Detector } from '../context';
import { keySubject, readerWhere, storeNote, vaultSeverity } from './vaultKey';

export const emptyProductionOverride: Detector = ctx => {
  const { o } = ctx;
  const out: Finding[] = [];
  for (const item of ctx.coverage) {
    const { key, env } = item;
    if (
      item.state !== 'empty-override' ||
      !o.productionEnvironments.includes(env) ||
      item.writers.length
    )
      continue;
    const where = readerWhere(item);
    out.push(
      ctx.finding(
        'empty-production-override',
        vaultSeverity(item, 'error'),
        `The ${env} fixture override of "${key}" is empty ("must be provided for real"), but no writer (external sync, job, PushSecret) provides it.${storeNote(
          item,
        )}`,
        keySubject(item),
        {
          title: 'Declare the real writer',
          actions: [
            `Declare the writer of "${key}" under \`${o.writersKey}:\` in the values of the release that writes it, or seed it in ${env} Vault through the external key vault sync.`,
          ],
        },
        { ...where, sourceRef: item.entry?.ref ?? where.sourceRef },
      ),
    );
  }
  return out;
};
