/*
 * missing-in-vault: a declared ExternalSecret reads a key (or a property of
 * it) that the environment's Vault does not have, or whose current version
 * is deleted.
 */
import type { LiveDetector } from '../context';
import { declWhere, liveFinding } from '../context';
import { keySubject, vaultReads } from './vaultKeys';

export const missingInVault: LiveDetector = ctx =>
  vaultReads(ctx)
    .filter(r => r.state.present === false)
    .map(({ d, key, property, snap }) => {
      const env = d.environment;
      const meta = snap.keys[key];
      const fixtures = ctx.options.fixtureEnvironments.includes(env);
      return liveFinding({
        type: 'missing-in-vault',
        severity: 'error',
        idParts: [env, d.release, key, property ?? ''],
        message:
          meta && !meta.deleted
            ? `Vault key "${key}" in ${env} has no property "${property}", which ExternalSecret ${d.name} reads.`
            : `Vault key "${key}" referenced by ExternalSecret ${
                d.name
              } does not exist in the ${env} Vault${
                meta?.deleted ? ' (its current version is deleted)' : ''
              }.`,
        subject: keySubject(key, property),
        ...declWhere(d),
        proposedFix: {
          title: fixtures
            ? 'Add the fixture and rerun the bootstrap'
            : 'Write the key to Vault',
          actions: fixtures
            ? [
                `Add "${key}" to the fixture map and rerun the vault-bootstrap job.`,
              ]
            : [
                `Have the key's writer (external key vault sync, job) write ${
                  snap.mount
                }/data/${key}${
                  property ? ` with property "${property}"` : ''
                }.`,
              ],
        },
      });
    });
