import {
  propertiesFromSubkeys,
  vaultKeyMetadataFromResponse,
} from '@ameideio/plugin-secrets-node';
import NodeVault from 'node-vault';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type {
  SourceReadContext,
  VaultKeyMetadata,
  VaultSnapshot,
  VaultSource,
} from '../types';
import { classifyNetworkError, classifyStatus, SourceError } from '../types';
import { vaultTransport } from './vaultTransport';

/** Authentication of a {@link NodeVaultSource}. @public */
export type VaultAuth =
  | { type: 'token'; token: string }
  | {
      type: 'kubernetes';
      role: string;
      /** Mount path of the Kubernetes auth method. Default `kubernetes`. */
      mountPath?: string;
      /** Service account JWT file. Default the in-pod token path. */
      jwtPath?: string;
    };

/** Settings of one environment's Vault. @public */
export interface VaultSourceOptions {
  environment: string;
  address: string;
  /** KV v2 mount. Default `secret`. */
  mount?: string;
  /** Enterprise namespace (`X-Vault-Namespace`). */
  namespace?: string;
  auth: VaultAuth;
  /** Folder under the mount to list. Default: the mount root. */
  pathPrefix?: string;
  /** Folder depth of the listing. Default 4. */
  maxDepth?: number;
  /** Most keys read. Default 5000. */
  maxKeys?: number;
  /** Parallel requests. Default 8. */
  concurrency?: number;
  /** Per request timeout. Default 5 s. */
  timeoutMs?: number;
  /** Read `subkeys` for property names. Default true. */
  subkeys?: boolean;
  /** Opt-in: read values of keys that have fixtures and compare digests. Default false. */
  placeholderDetection?: boolean;
  /** Base64 PEM CA bundle for the Vault server. */
  caData?: string;
  skipTLSVerify?: boolean;
}

const IN_POD_JWT = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** sha256 hex of a value; the value itself is never kept. */
export function digestOf(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return createHash('sha256')
    .update(s ?? '', 'utf8')
    .digest('hex');
}

function statusOf(e: unknown): number | undefined {
  const code = (e as { response?: { statusCode?: unknown } })?.response
    ?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>) {
  let i = 0;
  const worker = async () => {
    while (i < items.length) {
      const item = items[i++];
      await fn(item);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(n, items.length)) }, worker),
  );
}

/**
 * Vault KV v2 metadata through `node-vault`: health, login, bounded LIST,
 * metadata, `subkeys` and (opt-in) placeholder detection by digest.
 *
 * `noCustomHTTPVerbs` makes LIST a `GET ?list=true`, which Vault accepts and
 * which proxies and HTTP stubs handle.
 * @public
 */
export class NodeVaultSource implements VaultSource {
  readonly kind = 'vault' as const;
  readonly origin = 'live' as const;
  readonly id: string;
  readonly environment: string;
  readonly usesFixtureDigests: boolean;
  readonly usesReferencedKeys = true;
  private readonly mount: string;
  /** The last read's metadata per key, reused while a key's version stays (never a value). */
  private cache: {
    digests?: SourceReadContext['fixtureDigests'];
    keys: Map<string, VaultKeyMetadata>;
  } = { keys: new Map() };

  private constructor(private readonly options: VaultSourceOptions) {
    this.environment = options.environment;
    this.usesFixtureDigests = options.placeholderDetection === true;
    this.id = `vault:${options.environment}`;
    this.mount = (options.mount ?? 'secret').replace(/^\/+|\/+$/g, '');
  }

  static create(options: VaultSourceOptions): NodeVaultSource {
    return new NodeVaultSource(options);
  }

  private fail(e: unknown, what: string): SourceError {
    if (e instanceof SourceError) return e;
    const code = statusOf(e);
    const env = this.environment;
    if (code === undefined) {
      const cls = classifyNetworkError(e);
      return new SourceError(
        cls,
        `Vault ${env} ${cls === 'timeout' ? 'timed out' : cls} (${what})`,
      );
    }
    const text = String((e as Error)?.message ?? '');
    if (code === 503 && /sealed/i.test(text))
      return new SourceError('sealed', `Vault ${env} sealed (503)`, 503);
    const cls =
      code === 403 || /permission denied/i.test(text)
        ? 'forbidden'
        : classifyStatus(code);
    return new SourceError(cls, `Vault ${env} ${what}: ${cls} (${code})`, code);
  }

  private client(signal?: AbortSignal): NodeVault.client {
    const o = this.options;
    return NodeVault({
      apiVersion: 'v1',
      endpoint: o.address,
      token: o.auth.type === 'token' ? o.auth.token : undefined,
      namespace: o.namespace,
      noCustomHTTPVerbs: true,
      // every request carries the refresh's abort signal
      'request-promise': vaultTransport({
        timeoutMs: o.timeoutMs ?? 5000,
        ca: o.caData
          ? Buffer.from(o.caData, 'base64').toString('utf8')
          : undefined,
        skipTLSVerify: o.skipTLSVerify,
        signal,
      }),
    });
  }

  /** Maps `sys/health`; node-vault resolves every health status with the body, so read the flags. */
  private async checkHealth(vault: NodeVault.client) {
    let h: Record<string, unknown>;
    try {
      h = await vault.health();
    } catch (e) {
      throw this.fail(e, 'health');
    }
    const env = this.environment;
    if (h?.initialized === false)
      throw new SourceError(
        'not-initialized',
        `Vault ${env} not initialized (501)`,
        501,
      );
    if (h?.sealed === true)
      throw new SourceError('sealed', `Vault ${env} sealed (503)`, 503);
    // a standby (429) or performance standby (473) forwards or serves reads: go on, but say so
    if (h?.performance_standby === true) return 'performance standby (473)';
    if (h?.standby === true) return 'standby (429)';
    return undefined;
  }

  private async login(vault: NodeVault.client) {
    const auth = this.options.auth;
    if (auth.type !== 'kubernetes') return;
    let jwt: string;
    try {
      jwt = (await fs.readFile(auth.jwtPath ?? IN_POD_JWT, 'utf8')).trim();
    } catch {
      throw new SourceError(
        'unauthorized',
        `Vault ${this.environment}: service account token not readable`,
      );
    }
    try {
      // node-vault ignores the client's kubernetesPath option: pass mount_point on the call
      await vault.kubernetesLogin({
        role: auth.role,
        jwt,
        mount_point: auth.mountPath ?? 'kubernetes',
      });
    } catch (e) {
      throw this.fail(e, 'kubernetes login');
    }
  }

  /** `sys/health` only: one call, no login, no key read. */
  async probe(ctx: { signal?: AbortSignal } = {}): Promise<void> {
    await this.checkHealth(this.client(ctx.signal));
  }

  async read(ctx: SourceReadContext = {}): Promise<VaultSnapshot> {
    const o = this.options;
    const fetchedAt = new Date().toISOString();
    const vault = this.client(ctx.signal);
    const warnings = new Set<string>();
    const st = { calls: 1, truncated: false, skipped: 0 };
    const standby = await this.checkHealth(vault);
    if (standby) warnings.add(`Vault is a ${standby}`);
    if (o.auth.type === 'kubernetes') st.calls++;
    await this.login(vault);
    try {
      return await this.readKeys(vault, ctx, st, warnings, fetchedAt);
    } finally {
      if (o.auth.type === 'kubernetes') {
        // a login token per refresh: revoke it instead of letting tokens pile up until their TTL
        st.calls++;
        await vault.tokenRevokeSelf().catch(() => undefined);
      }
    }
  }

  private async readKeys(
    vault: NodeVault.client,
    ctx: SourceReadContext,
    st: { calls: number; truncated: boolean; skipped: number },
    warnings: Set<string>,
    fetchedAt: string,
  ): Promise<VaultSnapshot> {
    const o = this.options;

    // ---- bounded recursive LIST ----
    const maxDepth = o.maxDepth ?? 4;
    const maxKeys = o.maxKeys ?? 5000;
    const prefix = (o.pathPrefix ?? '')
      .replace(/^\/+/, '')
      .replace(/\/*$/, o.pathPrefix ? '/' : '');
    const keys: string[] = [];
    let folders: Array<{ path: string; depth: number }> = [
      { path: prefix, depth: 0 },
    ];
    while (folders.length && !st.truncated) {
      const next: typeof folders = [];
      await pool(folders, o.concurrency ?? 8, async f => {
        let listed: string[] = [];
        try {
          st.calls++;
          const res = await vault.list(`${this.mount}/metadata/${f.path}`);
          listed = Array.isArray(res?.data?.keys)
            ? res.data.keys.map(String)
            : [];
        } catch (e) {
          // an empty folder (or missing path) is a 404 with {"errors":[]}
          if (statusOf(e) === 404) return;
          throw this.fail(e, 'list');
        }
        for (const k of listed) {
          if (k.endsWith('/')) {
            if (f.depth + 1 < maxDepth)
              next.push({ path: `${f.path}${k}`, depth: f.depth + 1 });
            else st.truncated = true;
          } else if (keys.length < maxKeys) {
            keys.push(`${f.path}${k}`);
          } else {
            st.truncated = true;
          }
        }
      });
      folders = next;
    }
    if (st.truncated)
      warnings.add(`listing stopped at depth ${maxDepth} or ${maxKeys} keys`);

    // ---- metadata, subkeys, placeholder digests ----
    // Only keys some ExternalSecret references are read further; the rest
    // are known to exist from the LIST, which is all the unowned-key check
    // needs. A key whose version did not move keeps its properties and
    // placeholder marks from the last read (the same fixture digests).
    const out: Record<string, VaultKeyMetadata> = {};
    let subkeysUnavailable = false;
    const referenced = ctx.referencedKeys;
    const cache =
      this.cache.digests === ctx.fixtureDigests ? this.cache.keys : new Map();
    const nextCache = new Map<string, VaultKeyMetadata>();
    await pool(keys.sort(), o.concurrency ?? 8, async key => {
      if (referenced && !referenced.has(key)) {
        out[key] = { properties: null };
        return;
      }
      let meta: VaultKeyMetadata = { properties: null };
      try {
        st.calls++;
        const res = await vault.read(`${this.mount}/metadata/${key}`);
        meta = vaultKeyMetadataFromResponse(res?.data);
      } catch (e) {
        const code = statusOf(e);
        if (code === 404) return; // deleted between LIST and read
        if (code === 403) warnings.add('metadata: forbidden (403)');
        else throw this.fail(e, 'metadata');
      }
      const known = cache.get(key);
      if (
        known &&
        !meta.deleted &&
        meta.currentVersion !== undefined &&
        known.currentVersion === meta.currentVersion
      ) {
        meta = {
          ...meta,
          properties: known.properties,
          ...(known.placeholder ? { placeholder: known.placeholder } : {}),
        };
        out[key] = meta;
        nextCache.set(key, meta);
        st.skipped++;
        return;
      }
      if (o.subkeys !== false && !meta.deleted && !subkeysUnavailable) {
        try {
          st.calls++;
          const res = await vault.read(`${this.mount}/subkeys/${key}`);
          meta.properties = propertiesFromSubkeys(res?.data);
        } catch (e) {
          const code = statusOf(e);
          if (code === 404 || code === 405) {
            // the key's metadata was just read: the endpoint is what is
            // missing (Vault before 1.10, or a mount without it). Property
            // names are unknown, not absent: check keys by metadata only.
            subkeysUnavailable = true;
            warnings.add(
              `subkeys endpoint not available (${code}): property names unknown, keys checked by metadata only`,
            );
          } else if (code === 403) warnings.add('subkeys: forbidden (403)');
          else throw this.fail(e, 'subkeys');
        }
      }
      const digests = o.placeholderDetection
        ? ctx.fixtureDigests?.get(key)
        : undefined;
      if (digests && !meta.deleted) {
        try {
          st.calls++;
          const res = await vault.read(`${this.mount}/data/${key}`);
          const data = res?.data?.data;
          const placeholder: Record<string, boolean> = {};
          for (const [property, set] of digests) {
            const value =
              data && typeof data === 'object'
                ? (data as Record<string, unknown>)[property]
                : undefined;
            if (value !== undefined && value !== null)
              placeholder[property] = set.has(digestOf(value));
          }
          meta.placeholder = placeholder;
        } catch (e) {
          const code = statusOf(e);
          if (code === 403)
            warnings.add('placeholder detection: forbidden (403)');
          else if (code !== 404) throw this.fail(e, 'data');
        }
      }
      out[key] = meta;
      if (!subkeysUnavailable && meta.currentVersion !== undefined)
        nextCache.set(key, meta);
    });
    this.cache = { digests: ctx.fixtureDigests, keys: nextCache };
    return {
      environment: this.environment,
      mount: this.mount,
      fetchedAt,
      keys: out,
      ...(st.truncated ? { truncated: true } : {}),
      warnings: [...warnings],
      calls: st.calls,
    };
  }
}
