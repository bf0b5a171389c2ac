/*
 * Literal credentials in Secret manifests. Precision first: a value that is
 * encrypted (SOPS), a reference to a secret manager (1Password `op://`,
 * argocd-vault-plugin `<path:...>`, vals `ref+...`, `vault:`), a
 * substitution placeholder (`${VAR}`, `{{ ... }}`) or an obvious
 * non-credential is not a finding, and keys that name where or who
 * (`*_URL`, `*_HOST`, `*_USER`, `*_ID`, ...) are not credential keys.
 */

import { isCredentialKey } from './credentials/keys';
import {
  embeddedCredential,
  isIndirectValue,
  isMap,
  isObviousNonCredential,
  isSopsEncrypted,
  PLACEHOLDER_WORDS,
  URL_USERINFO,
} from './credentials/values';

/** Value given to a generated Secret key whose plain-text value is in Git (the value itself is dropped). */
export const IN_GIT_MARKER = '<plain-text value in Git>';

/**
 * Keys whose value is a credential by the Secret's type, whatever its name
 * says: a registry login, a TLS or SSH private key.
 */
function typedCredential(key: string, value: string): boolean {
  if (key === '.dockerconfigjson' || key === '.dockercfg') {
    // a login is a password or an `auth` (base64 user:password) in `auths`
    try {
      const parsed = JSON.parse(value);
      const auths = isMap(parsed?.auths) ? parsed.auths : parsed;
      if (!isMap(auths)) return false;
      return Object.values(auths).some(a => {
        if (!isMap(a)) return false;
        return ['password', 'auth', 'identitytoken'].some(f => {
          const x = a[f];
          return (
            typeof x === 'string' &&
            x.trim() !== '' &&
            !isIndirectValue(x) &&
            !isObviousNonCredential(x)
          );
        });
      });
    } catch {
      return false;
    }
  }
  if (key === 'tls.key' || key === 'ssh-privatekey' || /\.(key|pem)$/.test(key))
    return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value);
  return false;
}

function decode(v: string): string | undefined {
  const t = v.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t) || t.length % 4 !== 0) return undefined;
  const s = Buffer.from(t, 'base64').toString('utf8');
  return s.includes('\uFFFD') ? undefined : s;
}

/**
 * Credential-like keys of a Secret manifest with literal values. Values are
 * never returned. With `placeholders`, a credential key holding a
 * placeholder word (`changeme`) is returned too, marked `placeholder`:
 * harmless in a development overlay, a real defect where it is deployed to
 * production.
 */
export function inlineCredentialKeys(
  o: Record<string, any>,
  opts: { placeholders?: boolean } = {},
): Array<{ field: 'data' | 'stringData'; key: string; placeholder?: true }> {
  if (o.kind !== 'Secret' || o.apiVersion !== 'v1') return [];
  if (isSopsEncrypted(o)) return [];
  if (o.type === 'kubernetes.io/service-account-token') return [];
  const keys: Array<{
    field: 'data' | 'stringData';
    key: string;
    placeholder?: true;
  }> = [];
  for (const field of ['data', 'stringData'] as const) {
    const m = o[field];
    if (!isMap(m)) continue;
    for (const [k, v] of Object.entries(m)) {
      const raw = v === null || v === undefined ? '' : String(v);
      // a generated Secret's plain-text value in Git (secretGenerator literal, env file)
      if (raw === IN_GIT_MARKER) {
        if (isCredentialKey(k)) keys.push({ field, key: k });
        continue;
      }
      if (!raw.trim() || isIndirectValue(raw)) continue;
      const s = field === 'data' ? decode(raw) ?? raw : raw;
      if (typedCredential(k, s) || embeddedCredential(k, s)) {
        keys.push({ field, key: k });
        continue;
      }
      if (
        opts.placeholders &&
        PLACEHOLDER_WORDS.test(s.trim()) &&
        isCredentialKey(k)
      ) {
        keys.push({ field, key: k, placeholder: true });
        continue;
      }
      if (!s.trim() || isIndirectValue(s) || isObviousNonCredential(s))
        continue;
      const userinfo = URL_USERINFO.exec(s.trim());
      const credentialUrl =
        userinfo !== null &&
        !isIndirectValue(userinfo[1]) &&
        !isObviousNonCredential(userinfo[1]);
      if (
        credentialUrl ||
        (isCredentialKey(k) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(s.trim()))
      )
        keys.push({ field, key: k });
    }
  }
  return keys;
}

/**
 * A Secret whose every value is a secret-manager reference (`op://`,
 * `<path:...>`, `ref+...`): a template resolved at bootstrap (`op inject`,
 * argocd-vault-plugin), not an owner competing with the ExternalSecret that
 * takes over.
 */
export function isBootstrapTemplate(o: Record<string, any>): boolean {
  if (o.kind !== 'Secret' || o.apiVersion !== 'v1') return false;
  const values = ['data', 'stringData'].flatMap(f =>
    isMap(o[f]) ? Object.values(o[f] as Record<string, unknown>) : [],
  );
  const refs = values
    .map(v => (v === null || v === undefined ? '' : String(v).trim()))
    .filter(Boolean);
  return (
    refs.length > 0 &&
    refs.every(v => /^(op:\/\/|<path:|ref\+[a-z0-9]+:\/\/|vault:)/i.test(v))
  );
}

/**
 * An ExternalSecret that seeds a Secret once or merges into one another
 * producer creates (`refreshPolicy: CreatedOnce`, `creationPolicy: Merge` or
 * `None`): it hands the Secret over rather than competing for it.
 */
export function isSeedOnly(es: {
  refreshPolicy?: string;
  creationPolicy?: string;
}): boolean {
  return (
    es.refreshPolicy === 'CreatedOnce' ||
    es.creationPolicy === 'Merge' ||
    es.creationPolicy === 'None'
  );
}
