/*
 * The part of the live analysis one Vault snapshot determines on its own:
 * the findings of the Vault detectors for each declaration of its
 * environment.
 */
import type { Finding } from '@ameideio/plugin-secrets-common';
import { LIVE_DETECTORS } from '../detectors';
import type { VaultSnapshot } from '../types';
import { type LiveDeclarations, partContext, partIndex } from './declarations';
import { perDeclaration } from './perDeclaration';

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
  const ctx = partContext(declarations, index);
  const positions = declarations.byEnvironment.get(snapshot.environment) ?? [];
  const found = VAULT_DETECTORS.map(d => perDeclaration(ctx, d, positions));
  const perDecl = new Map<number, Finding[][]>();
  for (const m of found)
    for (const i of m.keys())
      if (!perDecl.has(i))
        perDecl.set(
          i,
          found.map(x => x.get(i) ?? []),
        );
  return { snapshot, perDecl };
}
