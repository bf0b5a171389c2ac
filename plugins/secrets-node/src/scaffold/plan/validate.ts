/* Input validation: names, keys, durations and workspace-relative paths. */

import { originOf, ScaffoldError, ScaffoldInput } from './types';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

const VAULT_KEY = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

const PROPERTY = /^[A-Za-z0-9_.-]+$/;

const DURATION = /^(0|([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$/;

const WRITER = /^[A-Za-z0-9_.:/-]+$/;

export const ENV = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Normalises a workspace-relative path and refuses anything that leaves the workspace. @public */
export function safeRelativePath(p: string, field: string): string {
  if (typeof p !== 'string' || !p.trim()) {
    throw new ScaffoldError(`${field} must be a non-empty path`);
  }
  if (p.includes('\0'))
    throw new ScaffoldError(`${field} contains a NUL character`);
  if (
    p.startsWith('/') ||
    p.startsWith('\\') ||
    /^[A-Za-z]:/.test(p) ||
    p.startsWith('~')
  ) {
    throw new ScaffoldError(
      `${field} must be relative to the workspace, got an absolute path`,
    );
  }
  const out: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') {
      throw new ScaffoldError(
        `${field} must stay inside the workspace (".." is not allowed)`,
      );
    }
    out.push(seg);
  }
  if (!out.length)
    throw new ScaffoldError(`${field} must name a path inside the workspace`);
  return out.join('/');
}

export function validate(input: ScaffoldInput): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, msg: string) => {
    if (!ok) problems.push(msg);
  };
  const label = (v: unknown) =>
    typeof v === 'string' && v.length <= 63 && DNS1123_LABEL.test(v);
  check(
    label(input.serviceName),
    `serviceName "${input.serviceName}" is not a DNS-1123 label (lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters)`,
  );
  check(
    label(input.namespace),
    `namespace "${input.namespace}" is not a DNS-1123 label`,
  );
  if (input.store) {
    check(
      ['SecretStore', 'ClusterSecretStore'].includes(input.store.kind),
      'store.kind must be SecretStore or ClusterSecretStore',
    );
    check(
      DNS1123_SUBDOMAIN.test(input.store.name) &&
        input.store.name.length <= 253,
      `store.name "${input.store.name}" is not a DNS-1123 subdomain`,
    );
  }
  if (input.refreshInterval !== undefined) {
    check(
      DURATION.test(input.refreshInterval),
      `refreshInterval "${input.refreshInterval}" is not a duration such as 1h or 15m`,
    );
  }
  for (const env of input.environments ?? []) {
    check(ENV.test(env), `environment "${env}" is not a DNS-1123 label`);
  }
  check(
    new Set(input.environments ?? []).size ===
      (input.environments ?? []).length,
    'environments lists an environment twice',
  );
  if (input.externalWriter !== undefined)
    check(
      WRITER.test(input.externalWriter),
      `externalWriter "${input.externalWriter}" is not a valid writer name`,
    );
  check(
    Array.isArray(input.secrets) && input.secrets.length > 0,
    'at least one target Secret is required',
  );
  const names = new Set<string>();
  const origins = new Map<string, { origin: string; secret: string }>();
  for (const s of input.secrets ?? []) {
    check(
      typeof s.name === 'string' &&
        s.name.length <= 253 &&
        DNS1123_SUBDOMAIN.test(s.name),
      `Secret name "${s.name}" is not a DNS-1123 subdomain`,
    );
    check(!names.has(s.name), `Secret "${s.name}" is listed twice`);
    names.add(s.name);
    const origin = originOf(s);
    check(
      ['external', 'service-generated', 'cluster-managed'].includes(origin),
      `Secret "${s.name}": origin must be external, service-generated or cluster-managed`,
    );
    if (origin === 'service-generated') {
      check(
        Boolean(s.writer),
        `Secret "${s.name}" is service-generated: name its writer (the job or PushSecret that stores the real value in Vault), or the placeholder fixture would never be replaced`,
      );
    }
    if (s.writer !== undefined)
      check(
        WRITER.test(s.writer),
        `Secret "${s.name}": writer "${s.writer}" is not a valid writer name`,
      );
    check(
      Array.isArray(s.keys) && s.keys.length > 0,
      `Secret "${s.name}" has no keys`,
    );
    const secretKeys = new Set<string>();
    const refs = new Set<string>();
    for (const k of s.keys ?? []) {
      check(
        typeof k.secretKey === 'string' &&
          k.secretKey.length <= 253 &&
          SECRET_KEY.test(k.secretKey),
        `Secret "${s.name}": secretKey "${k.secretKey}" may only contain letters, digits, "-", "_" and "."`,
      );
      check(
        !secretKeys.has(k.secretKey),
        `Secret "${s.name}": secretKey "${k.secretKey}" is listed twice`,
      );
      secretKeys.add(k.secretKey);
      const keyOk =
        typeof k.vaultKey === 'string' &&
        VAULT_KEY.test(k.vaultKey) &&
        !k.vaultKey.split('/').some(x => x === '..' || x === '.');
      check(
        keyOk,
        `Secret "${s.name}": Vault key "${k.vaultKey}" is not a valid key path`,
      );
      check(
        !String(k.vaultKey).startsWith('secret/data/') &&
          !String(k.vaultKey).startsWith('data/'),
        `Secret "${s.name}": Vault key "${
          k.vaultKey
        }" must not include the KV mount; write "${String(k.vaultKey).replace(
          /^(secret\/)?data\//,
          '',
        )}"`,
      );
      const prop = k.property ?? 'value';
      check(
        PROPERTY.test(prop),
        `Secret "${s.name}": property "${prop}" of Vault key "${k.vaultKey}" is invalid`,
      );
      const ref = `${k.vaultKey}#${prop}`;
      check(
        !refs.has(ref),
        `Secret "${s.name}": Vault key "${k.vaultKey}" property "${prop}" is mapped twice`,
      );
      refs.add(ref);
      const seen = origins.get(k.vaultKey);
      check(
        !seen || seen.origin === origin,
        `Vault key "${k.vaultKey}" is ${seen?.origin} in Secret "${seen?.secret}" but ${origin} in Secret "${s.name}": one key has one authority`,
      );
      if (!seen) origins.set(k.vaultKey, { origin, secret: s.name });
    }
  }
  return problems;
}
