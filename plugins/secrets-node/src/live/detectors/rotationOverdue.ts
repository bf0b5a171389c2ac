/*
 * rotation-overdue: a Vault key older than the team's rotation policy allows
 * (KV v2 `updated_time`; never a value). The fix names the rotation
 * procedure of the key's writer: the fixture map, an external key-vault
 * sync, or the job or PushSecret that extracts it.
 */
import type { Finding } from '@ameideio/plugin-secrets-common';
import type { LiveDetector } from '../context';
import { declWhere, liveFinding } from '../context';
import { keyAgeDays, rotationLimit } from '../rotation';

export const rotationOverdue: LiveDetector = ctx => {
  const policy = ctx.options.rotation;
  if (!policy) return [];
  const now = ctx.options.now ?? Date.now();
  const out: Finding[] = [];
  for (const d of ctx.decls) {
    const env = d.environment;
    const snap = ctx.index.vault.get(env);
    if (!snap) continue;
    for (const k of d.keys) {
      if (k.via === 'dataFrom.find' || k.origin === 'cluster-managed') continue;
      const meta = snap.keys[k.key];
      if (!meta || meta.deleted) continue;
      const age = keyAgeDays(meta, now);
      const limit = rotationLimit(policy, k.key, k.origin, env);
      if (age === undefined || !limit || age <= limit.days) continue;
      // who reads it: the Secrets of every ExternalSecret of the key, and their readers
      const decls = (ctx.report?.externalSecrets ?? []).filter(
        e => e.environment === env && e.keys.some(x => x.key === k.key),
      );
      const readers = [
        ...new Set(
          (ctx.report?.readers ?? [])
            .filter(
              r =>
                r.environment === env &&
                !r.optional &&
                decls.some(
                  e =>
                    e.targetSecret === r.secret &&
                    (!e.namespace ||
                      !r.namespace ||
                      e.namespace === r.namespace),
                ),
            )
            .map(r =>
              r.workload
                ? `${r.workload.kind}/${r.workload.name}`
                : `release ${r.release}`,
            ),
        ),
      ].sort();
      const writers = [
        ...new Set(
          (ctx.report?.coverage ?? [])
            .filter(c => c.key === k.key && c.environment === env)
            .flatMap(c => [
              ...(c.fixture === 'present' ? ['fixture map'] : []),
              ...c.writers,
            ]),
        ),
      ];
      const sync = writers.find(w => ctx.options.externalSyncWriter?.test(w));
      const job = writers.find(w => w !== 'fixture map' && w !== sync);
      let action: string;
      if (
        writers.includes('fixture map') &&
        ctx.options.fixtureEnvironments.includes(env)
      )
        action = `Regenerate the fixture of "${k.key}" and rerun the bootstrap job for ${env}.`;
      else if (sync)
        action = `Rotate "${k.key}" in the external key vault; ${sync} writes the new version to ${env} Vault.`;
      else if (job)
        action = `Rerun ${job}, which extracts "${k.key}", so it writes a new version.`;
      else
        action = `Write a new version of "${k.key}" to the ${env} Vault and declare its writer under secretWriters.`;
      const when = meta.updatedTime ?? meta.createdTime ?? '';
      out.push(
        liveFinding({
          type: 'rotation-overdue',
          severity: policy.severity ?? 'warning',
          idParts: [env, k.key],
          message: `Vault key "${
            k.key
          }" in ${env} was last written ${age} days ago (${when.slice(
            0,
            10,
          )}); the rotation policy allows ${limit.days} days (${limit.rule}).${
            readers.length
              ? ` Read by ${readers.slice(0, 5).join(', ')}${
                  readers.length > 5 ? ` and ${readers.length - 5} more` : ''
                }.`
              : ''
          }`,
          subject: { kind: 'VaultKey', name: k.key },
          ...declWhere(d),
          proposedFix: {
            title: 'Rotate the key',
            actions: [
              action,
              'Force-sync the ExternalSecrets that read it, then restart the workloads that read it at start.',
            ],
          },
        }),
      );
    }
  }
  return out;
};
