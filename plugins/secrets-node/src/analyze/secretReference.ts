/*
 * Values that name a secret held elsewhere instead of holding it: resolved
 * by a tool before or at apply time (1Password `op inject`, vals,
 * argocd-vault-plugin, bank-vaults, berglas). A Secret whose value is such a
 * reference keeps no credential in Git.
 */
const REFERENCE =
  /^(op:\/\/[^\s]+|ref\+[a-z0-9]+:\/\/[^\s]+|<path:[^>\s]+>|vault:[^\s]+#[^\s]+|berglas:\/\/[^\s]+|sm:\/\/[^\s]+)$/;

/** Whether a (trimmed) value is a reference to a secret held by another tool. */
export const isSecretReference = (value: string): boolean =>
  REFERENCE.test(value.trim());
