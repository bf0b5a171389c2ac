/*
 * The part of the live analysis one Vault snapshot determines on its own:
 * the findings of the Vault detectors for each declaration of its
 * environment.
 */
import type { Finding } from '@ameideio/plugin-secrets-common';
import { LIVE_DETECTORS } from '../detectors';
import type { VaultSnapshot } from '../types';
import { type LiveDeclarations, partContext, partIndex } from './declarations';

/** What one Vault snapshot contributes to the live analysis. @public */
export interface LiveVaultPart {
  /** The snapshot the part is of. */
  snapshot: VaultSnapshot;
  /**
   * By position in the declarations: per Vault detector (in
   * `LIVE_DETECTORS` order), its findings; only declarations with findings.
   */
  perDecl: Map<number, Finding[][]>;
}

const VAULT_DETECTORS = LIVE_DETECTORS.filter(
  d => d.scope === 'declaration' && d.reads === 'vault',
);

/** The part of {@link analyzeLive} one Vault snapshot determines. @public */
export function liveVaultPart(
  declarations: LiveDeclarations,
  snapshot: VaultSnapshot,
): LiveVaultPart {
  const index = partIndex({
    vault: new Map([[snapshot.environment, snapshot]]),
  });
  const perDecl = new Map<number, Finding[][]>();
  for (const i of declarations.byEnvironment.get(snapshot.environment) ?? []) {
    const ctx = partContext(declarations, index, {
      decls: [declarations.decls[i]],
    });
    const found = VAULT_DETECTORS.map(d => d.run(ctx));
    if (found.some(f => f.length)) perDecl.set(i, found);
  }
  return { snapshot, perDecl };
}
