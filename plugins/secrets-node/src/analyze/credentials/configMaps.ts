/* Credentials in ConfigMaps: credential-named keys whose value looks like a secret. */

import {
  PLACEHOLDER_WORDS,
  embeddedCredential,
  isMap,
  isIndirectValue,
  isObviousNonCredential,
  URL_USERINFO,
} from './values';
import {
  isCredentialKey,
  keyWords,
  CREDENTIAL_WORDS,
  CREDENTIAL_PAIRS,
} from './keys';

/** Words that make a key about configuration around a credential, in a ConfigMap (`AUTH_PROVIDER`, `TOKEN_ALGORITHM`). */
const CONFIG_SUFFIX = new Set([
  'provider',
  'providers',
  'realm',
  'strategy',
  'backend',
  'domain',
  'domains',
  'mechanism',
  'plugin',
  'algorithm',
  'algorithms',
  'version',
  'timeout',
  'interval',
  'level',
  'policy',
  'format',
  'email',
  'prefix',
  'suffix',
  'store',
  'lifetime',
  'duration',
  'age',
  'size',
  'count',
  'required',
  'disabled',
]);

/**
 * A ConfigMap key that names a credential: a credential key by the Secret
 * rules, whose last word is no setting around one, and that names more than
 * `auth` or `jwt` (`AUTH_MODE`, `JWT_AUDIENCE` are settings).
 */
export function isConfigMapCredentialKey(key: string): boolean {
  if (!isCredentialKey(key)) return false;
  const words = keyWords(key);
  if (CONFIG_SUFFIX.has(words[words.length - 1])) return false;
  const strong = (w: string) =>
    (CREDENTIAL_WORDS.has(w) && w !== 'auth' && w !== 'jwt') ||
    /(password|passwd|secret|token|apikey|privatekey|accesskey|credential)/.test(
      w,
    );
  if (words.some(strong)) return true;
  for (let i = 0; i + 1 < words.length; i++)
    if (CREDENTIAL_PAIRS.has(`${words[i]} ${words[i + 1]}`)) return true;
  return false;
}

/**
 * A value that looks like a credential rather than a setting: at least 8
 * characters without whitespace, not a reference the application resolves
 * (`${env:VAR}`, `os.environ/VAR`), a lower-case identifier such as an
 * object name, a URL without a password, a path, an e-mail address, a
 * duration, a version or `host:port`, and mixing three of
 * lower case, upper case, digits and symbols (or, from 16 characters, letters
 * and digits: a token).
 */
export function looksLikeCredential(value: string): boolean {
  const v = value.trim();
  if (v.length < 8 || /\s/.test(v)) return false;
  if (isIndirectValue(v) || isObviousNonCredential(v)) return false;
  if (PLACEHOLDER_WORDS.test(v)) return false;
  // references an application resolves: `${env:VAR}`, `$(VAR)`, `os.environ/VAR`, `file:/run/...`
  if (/\$\{[^}]+\}|\$\([^)]+\)|%\([^)]+\)/.test(v)) return false;
  if (/^(os\.environ\/|env:|file:|secret:|secretref:|vault:)/i.test(v))
    return false;
  // a Kubernetes object name or another lower-case identifier (`longhorn-s3-secret`)
  if (/^[a-z0-9]+([-_.][a-z0-9]+)+$/.test(v)) return false;
  const userinfo = URL_USERINFO.exec(v);
  if (userinfo)
    return (
      !isIndirectValue(userinfo[1]) && !isObviousNonCredential(userinfo[1])
    );
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return false;
  if (/^(\/|\.\/|~\/)/.test(v)) return false;
  if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(v)) return false;
  if (/^\d+(\.\d+)?(ms|s|m|h|d|w|y|ki|mi|gi|ti|k|m|g|t|kb|mb|gb|tb)$/i.test(v))
    return false;
  if (/^v?\d+(\.\d+)+([-+][0-9a-z.-]+)?$/i.test(v)) return false;
  if (/^[a-z0-9.-]+:\d{1,5}$/i.test(v)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter(r =>
    r.test(v),
  ).length;
  if (classes >= 3) return true;
  const digits = (v.match(/[0-9]/g) ?? []).length;
  return v.length >= 16 && /[A-Za-z]/.test(v) && digits / v.length >= 0.2;
}

/**
 * Keys of a `v1` ConfigMap holding a literal credential: a credential key
 * (`SMTP_PASSWORD`) whose value looks like one, a URL with a password in its
 * userinfo, or a configuration document (`config.yaml`, `settings.json`)
 * with such a key. Values are never
 * returned. Stricter than for Secrets: a ConfigMap legitimately holds
 * settings around credentials (`PASSWORD_MIN_LENGTH`, `TOKEN_TTL`,
 * `AUTH_URL`).
 */
export function configMapCredentialKeys(o: Record<string, any>): string[] {
  if (o.kind !== 'ConfigMap' || o.apiVersion !== 'v1' || !isMap(o.data))
    return [];
  const literal = (k: string, v: string) =>
    isConfigMapCredentialKey(k) && looksLikeCredential(v);
  return Object.entries(o.data)
    .filter(([k, v]) => {
      if (typeof v !== 'string' && typeof v !== 'number') return false;
      const s = String(v);
      // a URL with a password in its userinfo, whatever its key (`DATABASE_URL`)
      const userinfo = URL_USERINFO.exec(s.trim());
      if (
        userinfo &&
        !isIndirectValue(userinfo[1]) &&
        !isObviousNonCredential(userinfo[1]) &&
        !PLACEHOLDER_WORDS.test(userinfo[1])
      )
        return true;
      return literal(k, s) || embeddedCredential(k, s, literal);
    })
    .map(([k]) => k);
}
