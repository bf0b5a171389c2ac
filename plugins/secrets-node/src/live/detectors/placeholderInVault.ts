/*
 * placeholder-in-vault (live): outside the fixture environments, a Vault
 * property a declared ExternalSecret reads still equals a dev fixture value
 * (the snapshot's placeholder flag; the value itself is never read here).
 */
import type { LiveDetector } from '../context';
import { declWhere, liveFinding } from '../context';
import { keySubject, vaultReads } from './vaultKeys';

export const placeholderInVault: LiveDetector = ctx =>
  vaultReads(ctx)
    .filter(
      r =>
        r.state.present !== false &&
        r.state.placeholder === true &&
        !ctx.options.fixtureEnvironments.includes(r.d.environment),
    )
    .map(({ d, key, property }) => {
      const env = d.environment;
      return liveFinding({
        type: 'placeholder-in-vault',
        severity: ctx.severityFor(env),
        idParts: [env, key, property ?? ''],
        message: `Vault key "${key}"${
          property ? ` (property "${property}")` : ''
        } in ${env} still holds a dev fixture value.`,
        subject: keySubject(key, property),
        ...declWhere(d),
        proposedFix: {
          title: 'Provide the real value',
          actions: [
            `Write the real value of "${key}" to the ${env} Vault (external key vault sync), then resync the ExternalSecret.`,
          ],
        },
      });
    });
