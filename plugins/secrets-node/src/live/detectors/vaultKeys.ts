/*
 * The keys and properties a declaration reads from Vault, with their state
 * in the environment's Vault snapshot: shared by missing-in-vault and
 * placeholder-in-vault.
 */
import type {
  ExternalSecretDecl,
  VaultKeyState,
} from '@ameideio/plugin-secrets-common';
import type { LiveContext } from '../context';
import { vaultStateOf } from '../state';
import type { VaultSnapshot } from '../types';

export interface VaultRead {
  d: ExternalSecretDecl;
  key: string;
  property: string | undefined;
  snap: VaultSnapshot;
  state: VaultKeyState;
}

export function vaultReads(ctx: LiveContext): VaultRead[] {
  const out: VaultRead[] = [];
  for (const d of ctx.decls) {
    const snap = ctx.index.vault.get(d.environment);
    if (!snap) continue;
    for (const k of d.keys) {
      // a find reads what exists; a cluster-managed key is not in Vault
      if (k.via === 'dataFrom.find' || k.origin === 'cluster-managed') continue;
      const property = k.via === 'data' ? k.property ?? 'value' : undefined;
      out.push({
        d,
        key: k.key,
        property,
        snap,
        state: vaultStateOf(ctx.index, d.environment, k.key, property),
      });
    }
  }
  return out;
}

export const keySubject = (key: string, property: string | undefined) => ({
  kind: 'VaultKey' as const,
  name: key,
  ...(property ? { property } : {}),
});
