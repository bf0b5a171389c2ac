/* Values that are not literal credentials (references to a secret manager, placeholders, SOPS-encrypted data, obvious non-credentials), and credentials embedded in structured values. */

import { parseYamlValue } from '../../yaml';
import { isCredentialKey } from './keys';

export const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A URL with a password in its userinfo (`scheme://user:pass@host`). */
export const URL_USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s:]*:([^/@\s]+)@/i;

/** A reference, placeholder or encrypted value: not a literal credential. */
export function isIndirectValue(s: string): boolean {
  const v = s.trim();
  return (
    /\{\{.*\}\}/s.test(v) || // Helm / templating
    /\$\{[A-Za-z_][A-Za-z0-9_]*(:?[-=+?][^}]*)?\}/.test(v) || // Flux postBuild, envsubst
    /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v) ||
    v.startsWith('op://') || // 1Password
    /<path:[^>]+>/.test(v) || // argocd-vault-plugin
    /^ref\+[a-z0-9]+:\/\//i.test(v) || // vals
    /^vault:/i.test(v) || // bank-vaults webhook
    /^ENC\[[A-Z0-9_]+,/.test(v) || // SOPS
    /^AgB[A-Za-z0-9+/=]{40,}$/.test(v) || // sealed-secrets ciphertext pasted in
    v.includes('__helm_unknown__')
  );
}

const NON_CREDENTIAL_VALUES =
  /^(true|false|yes|no|on|off|null|none|nil|~|-|\*+|x+|changeme|change-me|change_me|replace[-_ ]?me|todo|tbd|placeholder|redacted|<[^<>]*>)$/i;

/** Obviously not a credential: booleans, short numbers, markers a person replaces. */
export function isObviousNonCredential(s: string): boolean {
  const v = s.trim();
  return NON_CREDENTIAL_VALUES.test(v) || /^\d{1,5}$/.test(v);
}

/** A manifest encrypted by SOPS: the metadata block SOPS writes next to the data. */
export function isSopsEncrypted(o: Record<string, any>): boolean {
  const sops = o.sops;
  return (
    isMap(sops) &&
    ('mac' in sops ||
      'lastmodified' in sops ||
      'age' in sops ||
      'pgp' in sops ||
      'kms' in sops ||
      'version' in sops)
  );
}

/**
 * A configuration document kept in a Secret key (`values.yaml` read by a
 * HelmRelease's valuesFrom, a `config.json`): whether a credential-like key
 * in it holds a literal value.
 */
export function embeddedCredential(
  key: string,
  text: string,
  literal: (k: string, s: string) => boolean = (k, s) =>
    isCredentialKey(k) &&
    s.trim() !== '' &&
    !isIndirectValue(s) &&
    !isObviousNonCredential(s) &&
    !/^[a-z][a-z0-9+.-]*:\/\//i.test(s.trim()),
): boolean {
  if (!/\.(ya?ml|json)$/i.test(key)) return false;
  const parsed = parseYamlValue(text, key);
  if ('error' in parsed) return false;
  const doc = parsed.value;
  const walk = (v: unknown, depth: number): boolean => {
    if (depth > 12) return false;
    if (Array.isArray(v)) return v.some(x => walk(x, depth + 1));
    if (!isMap(v)) return false;
    return Object.entries(v).some(([k, x]) => {
      if (typeof x === 'string' || typeof x === 'number')
        return literal(k, String(x));
      return walk(x, depth + 1);
    });
  };
  return walk(doc, 0);
}

/** Words a person writes where a real credential belongs (`changeme`, `TODO`). */
export const PLACEHOLDER_WORDS =
  /^(changeme|change-me|change_me|replace[-_ ]?me|todo|tbd|placeholder|redacted)$/i;
