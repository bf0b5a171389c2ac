import { IN_GIT_MARKER, inlineCredentialKeys } from './credentials';
import { configMapCredentialKeys } from './credentials/configMaps';
import { isIndirectValue } from './credentials/values';
import { isCredentialKey } from './credentials/keys';

const secret = (stringData: Record<string, unknown>, extra = {}) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 's' },
  stringData,
  ...extra,
});
const keys = (o: Record<string, any>) =>
  inlineCredentialKeys(o).map(k => k.key);

describe('credential keys', () => {
  it('credential words, in any case or separator', () => {
    for (const k of [
      'password',
      'DB_PASSWORD',
      'dbPassword',
      'api-key',
      'API_KEY',
      'apiKey',
      'client_secret',
      'ACCESS_KEY',
      'privateKey',
      'token',
      'GITHUB_TOKEN',
      'auth',
      'credentials',
    ])
      expect([k, isCredentialKey(k)]).toStrictEqual([k, true]);
  });

  it('keys naming where or who are not credentials', () => {
    for (const k of [
      'OIDC_TOKEN_ENDPOINT',
      'AUTH_URL',
      'TOKEN_URI',
      'SECRET_HOST',
      'PASSWORD_PORT',
      'AUTH_USER',
      'DB_USERNAME',
      'SECRET_NAME',
      'OAUTH_CLIENT_ID',
      'AWS_ACCESS_KEY_ID',
      'PASSWORD_FILE',
      'TOKEN_PATH',
      'SECRET_REGION',
      'username',
      'host',
    ])
      expect([k, isCredentialKey(k)]).toStrictEqual([k, false]);
  });
});

describe('inline credentials', () => {
  it('a literal password is a finding', () => {
    expect(keys(secret({ password: 'hunter2-literal' }))).toStrictEqual([
      'password',
    ]);
  });

  it('base64 data is decoded before it is judged', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    expect(
      keys({
        apiVersion: 'v1',
        kind: 'Secret',
        data: { password: b64('real-one'), token: b64('${TOKEN}') },
      }),
    ).toStrictEqual(['password']);
  });

  it('SOPS-encrypted manifests and ENC[...] values are not findings', () => {
    expect(
      keys(
        secret(
          { password: 'ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]' },
          { sops: { mac: 'ENC[AES256_GCM,data:x]', version: '3.8.1' } },
        ),
      ),
    ).toStrictEqual([]);
    expect(
      keys(secret({ password: 'ENC[AES256_GCM,data:abc,iv:def,type:str]' })),
    ).toStrictEqual([]);
  });

  it('secret-manager references and substitution placeholders are not findings', () => {
    for (const v of [
      'op://homelab/db/password',
      '<path:kv/data/app#password>',
      'ref+vault://secret/app#/password',
      'ref+sops://secrets.enc.yaml#/db/password',
      'vault:secret/data/app#password',
      '${DB_PASSWORD}',
      '${DB_PASSWORD:=fallback}',
      'prefix-${SUFFIX}',
      '{{ .password }}',
    ])
      expect([v, isIndirectValue(v)]).toStrictEqual([v, true]);
    expect(
      keys(
        secret({
          password: 'op://homelab/db/password',
          token: '<path:kv/data/app#token>',
          apiKey: 'ref+vault://secret/app#/key',
          secret: '${SECRET}',
        }),
      ),
    ).toStrictEqual([]);
  });

  it('empty strings and obvious non-credentials are not findings', () => {
    expect(
      keys(
        secret({
          password: '',
          token: '   ',
          auth: 'true',
          secret: '<your-secret-here>',
          apiKey: 'changeme',
          client_secret: 'REPLACE_ME',
        }),
      ),
    ).toStrictEqual([]);
  });

  it('URL keys are credentials only with a password in their userinfo', () => {
    expect(
      keys(
        secret({
          AUTH_URL: 'https://auth.example.com/token',
          DATABASE_URL: 'postgres://app:s3cret@db:5432/app',
          REDIS_URL: 'redis://:${REDIS_PASSWORD}@redis:6379',
          CACHE_URL: 'redis://cache:6379',
        }),
      ),
    ).toStrictEqual(['DATABASE_URL']);
  });

  it('service-account token Secrets are filled by the cluster', () => {
    expect(
      keys(
        secret(
          { token: 'filled-in-by-the-cluster' },
          { type: 'kubernetes.io/service-account-token' },
        ),
      ),
    ).toStrictEqual([]);
  });

  it('a generated Secret key whose plain-text value is in Git is judged by its name', () => {
    expect(
      keys(
        secret({
          SMTP_PASSWORD: IN_GIT_MARKER,
          SMTP_USERNAME: IN_GIT_MARKER,
          API_TOKEN: '',
        }),
      ),
    ).toStrictEqual(['SMTP_PASSWORD']);
  });

  it('registry logins and private keys are credentials by their type', () => {
    const b64 = (x: string) => Buffer.from(x).toString('base64');
    const login = (auth: Record<string, string>) =>
      b64(JSON.stringify({ auths: { 'ghcr.io': auth } }));
    const pem =
      '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n';
    expect(
      keys(
        secret(
          {},
          {
            type: 'kubernetes.io/dockerconfigjson',
            data: {
              '.dockerconfigjson': login({ username: 'bot', password: 'p4ss' }),
            },
          },
        ),
      ),
    ).toStrictEqual(['.dockerconfigjson']);
    expect(
      keys(
        secret(
          {},
          {
            type: 'kubernetes.io/dockerconfigjson',
            data: {
              '.dockerconfigjson': login({
                username: 'bot',
                password: '${TOKEN}',
              }),
            },
          },
        ),
      ),
    ).toStrictEqual([]);
    expect(
      keys(
        secret(
          {},
          {
            type: 'kubernetes.io/tls',
            data: {
              'tls.crt': b64('-----BEGIN CERTIFICATE-----'),
              'tls.key': b64(pem),
            },
          },
        ),
      ),
    ).toStrictEqual(['tls.key']);
    expect(keys(secret({ 'tls.key': '' }))).toStrictEqual([]);
  });

  it('a configuration document in a Secret key is read for literal credentials', () => {
    expect(
      keys(
        secret({
          'values.yaml':
            'relay:\n  host: smtp.example.io\n  password: relay-2025-Qx\n',
          'safe.yaml':
            'relay:\n  host: smtp.example.io\n  password: ${RELAY_PASSWORD}\n',
          'broken.yaml': 'a: [\n',
        }),
      ),
    ).toStrictEqual(['values.yaml']);
  });

  it('a placeholder word is returned, marked, only when asked for', () => {
    const s = secret({ SMTP_PASSWORD: 'changeme', SMTP_HOST: 'changeme' });
    expect(inlineCredentialKeys(s)).toStrictEqual([]);
    expect(inlineCredentialKeys(s, { placeholders: true })).toStrictEqual([
      { field: 'stringData', key: 'SMTP_PASSWORD', placeholder: true },
    ]);
  });
});

describe('literal credentials in ConfigMaps', () => {
  const cm = (data: Record<string, unknown>) =>
    configMapCredentialKeys({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data,
    });

  it('a credential key with a value that looks like one; tokens of letters and digits', () => {
    expect(
      cm({
        SMTP_PASSWORD: 'mR7#pL2qv9Xz',
        API_KEY: '3f9a1c0e8b7d6a5f4e3d2c1b0a9f8e7d',
        clientSecret: 'Zq8-Lk3vPw9',
      }),
    ).toStrictEqual(['SMTP_PASSWORD', 'API_KEY', 'clientSecret']);
  });

  it('a URL with a password in its userinfo, whatever its key', () => {
    expect(
      cm({
        DATABASE_URL: 'postgres://app:S3cr3t-pw@db:5432/app',
        CACHE_URL: 'redis://cache:6379/0',
        BROKER_URL: 'amqp://app:${AMQP_PASSWORD}@mq:5672/',
      }),
    ).toStrictEqual(['DATABASE_URL']);
  });

  it('settings around credentials and values that are no credential are not findings', () => {
    expect(
      cm({
        PASSWORD_MIN_LENGTH: '12',
        TOKEN_TTL: '3600',
        AUTH_URL: 'https://auth.example.org/realms/shop',
        AUTH_PROVIDER: 'github',
        AUTH_MODE: 'Bearer-Token2',
        JWT_ALGORITHM: 'HS256',
        TOKEN_ISSUER: 'https://auth.example.org',
        SECRET_NAME: 'app-secret',
        backupTargetCredentialSecret: 'longhorn-s3-secret',
        DB_PASSWORD: 'changeme',
        REDIS_PASSWORD: 'short1!',
        OIDC_CLIENT_SECRET: '${OIDC_CLIENT_SECRET}',
        API_KEY: 'os.environ/API_KEY',
        ES_PASSWORD: '$${env:ES_PASSWORD}',
        SESSION_SECRET_FILE: '/run/secrets/session',
        PASSWORD_POLICY: 'Upper1!lower',
        TOKEN_DURATION: '720h',
      }),
    ).toStrictEqual([]);
  });

  it('a configuration document in a data key is read with the same rules', () => {
    expect(
      cm({
        'config.yaml':
          'smtp:\n  host: smtp.example.net\n  password: "Xy7!pq9Lm2"\n',
        'settings.json':
          '{"auth": {"type": "oidc", "clientSecret": "${SECRET}"}}',
        'other.yaml': 'auth: github\nbasicauth:\n  password: "$${env:PW}"\n',
      }),
    ).toStrictEqual(['config.yaml']);
  });

  it('only v1 ConfigMaps', () => {
    expect(
      configMapCredentialKeys({
        apiVersion: 'v1',
        kind: 'Secret',
        data: { SMTP_PASSWORD: 'mR7#pL2qv9Xz' },
      }),
    ).toStrictEqual([]);
  });

  it('reading an embedded document prints no warning quoting it', () => {
    const warn = jest
      .spyOn(process, 'emitWarning')
      .mockImplementation(() => {});
    try {
      expect(
        keys(
          secret({
            'config.yaml':
              'api_key: !env_var S3CR3T_NAME\npassword: p4ss-w0rd-x\n',
          }),
        ),
      ).toStrictEqual(['config.yaml']);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
