/*
 * Literal credentials in Secret manifests. Precision first: a value that is
 * encrypted (SOPS), a reference to a secret manager (1Password `op://`,
 * argocd-vault-plugin `<path:...>`, vals `ref+...`, `vault:`), a
 * substitution placeholder (`${VAR}`, `{{ ... }}`) or an obvious
 * non-credential is not a finding, and keys that name where or who
 * (`*_URL`, `*_HOST`, `*_USER`, `*_ID`, ...) are not credential keys.
 */

import { parseYamlValue } from '../yaml';

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Words of a key: `DB_PASSWORD_FILE`, `dbPasswordFile`, `db-password.file` -> db, password, file. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(w => w.toLowerCase());
}

const CREDENTIAL_WORDS = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'token',
  'apikey',
  'credential',
  'credentials',
  'auth',
  'htpasswd',
  'privatekey',
  'accesskey',
  'secretkey',
  'clientsecret',
  'jwt',
  'passphrase',
]);
/** Two-word credentials: `api key`, `private key`, `access key`, `secret key`. */
const CREDENTIAL_PAIRS = new Set([
  'api key',
  'private key',
  'access key',
  'secret key',
  'signing key',
  'encryption key',
  'master key',
]);
/** A last word that makes the key about where or who, not a credential. */
const NOT_CREDENTIAL_SUFFIX = new Set([
  'endpoint',
  'url',
  'uri',
  'host',
  'hostname',
  'port',
  'user',
  'username',
  'name',
  'id',
  'file',
  'path',
  'region',
  'type',
  'enabled',
  'mode',
  'method',
  'ttl',
  'expiry',
  'expiration',
  'issuer',
  'audience',
  'scope',
  'scopes',
  'header',
  'length',
  'namespace',
]);

/** Whether a key names a credential. */
export function isCredentialKey(key: string): boolean {
  const words = keyWords(key);
  if (!words.length) return false;
  if (NOT_CREDENTIAL_SUFFIX.has(words[words.length - 1])) return false;
  if (words.some(w => CREDENTIAL_WORDS.has(w))) return true;
  for (let i = 0; i + 1 < words.length; i++)
    if (CREDENTIAL_PAIRS.has(`${words[i]} ${words[i + 1]}`)) return true;
  // compounds written as one word: `apikey`, `clientsecret`, `dbpassword`
  return words.some(w =>
    /(password|passwd|secret|token|apikey|privatekey|accesskey|credential)/.test(
      w,
    ),
  );
}

/** A URL with a password in its userinfo (`scheme://user:pass@host`). */
const URL_USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s:]*:([^/@\s]+)@/i;

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

/**
 * A configuration document kept in a Secret key (`values.yaml` read by a
 * HelmRelease's valuesFrom, a `config.json`): whether a credential-like key
 * in it holds a literal value.
 */
function embeddedCredential(
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

function decode(v: string): string | undefined {
  const t = v.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t) || t.length % 4 !== 0) return undefined;
  const s = Buffer.from(t, 'base64').toString('utf8');
  return s.includes('\uFFFD') ? undefined : s;
}

/** Words a person writes where a real credential belongs (`changeme`, `TODO`). */
const PLACEHOLDER_WORDS =
  /^(changeme|change-me|change_me|replace[-_ ]?me|todo|tbd|placeholder|redacted)$/i;

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
