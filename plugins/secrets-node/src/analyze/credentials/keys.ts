/* Which keys name a credential: words like password, token and key, minus the ones that name where or who. */

/** Words of a key: `DB_PASSWORD_FILE`, `dbPasswordFile`, `db-password.file` -> db, password, file. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(w => w.toLowerCase());
}

export const CREDENTIAL_WORDS = new Set([
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
export const CREDENTIAL_PAIRS = new Set([
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
