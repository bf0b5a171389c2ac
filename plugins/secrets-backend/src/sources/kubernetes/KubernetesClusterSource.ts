import { promises as fs } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { ClusterSnapshot, ClusterSource } from '../types';
import { classifyNetworkError, classifyStatus, SourceError } from '../types';
import {
  attachWarnings,
  toExternalSecretStatus,
  toStoreStatus,
} from '@ameideio/plugin-secrets-node';

/** One cluster, as configured under `kubernetes.clusterLocatorMethods`. @public */
export interface KubernetesClusterDetails {
  name: string;
  url: string;
  /** Service account token (`authProvider: serviceAccount`). */
  serviceAccountToken?: string;
  skipTLSVerify?: boolean;
  /** Base64 PEM CA bundle. */
  caData?: string;
  environment?: string;
  /** Items per LIST page. Default 500. */
  pageSize?: number;
  /** Per request timeout. Default 10 s. */
  timeoutMs?: number;
  /** Token file used when no token is configured. Default the in-pod service account token. */
  tokenPath?: string;
}

const IN_POD_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

const ESO = '/apis/external-secrets.io/v1';
const EVENT_SELECTOR =
  'involvedObject.kind=ExternalSecret,type=Warning,reason=UpdateFailed';

type Obj = Record<string, any>;

interface HttpResult {
  status: number;
  body: string;
}

/**
 * Reads ExternalSecrets, SecretStores, ClusterSecretStores and UpdateFailed
 * Warning events from one cluster: one paginated LIST per kind per refresh,
 * never per entity.
 * @public
 */
export class KubernetesClusterSource implements ClusterSource {
  readonly kind = 'cluster' as const;
  readonly origin = 'live' as const;
  readonly id: string;
  readonly cluster: string;
  readonly environment?: string;

  private constructor(private readonly details: KubernetesClusterDetails) {
    this.id = `cluster:${details.name}`;
    this.cluster = details.name;
    this.environment = details.environment;
  }

  static create(details: KubernetesClusterDetails): KubernetesClusterSource {
    return new KubernetesClusterSource(details);
  }

  /** The configured token, else the pod's own service account token (in-cluster), else none. */
  private async token(): Promise<string | undefined> {
    if (this.details.serviceAccountToken)
      return this.details.serviceAccountToken;
    try {
      return (
        (
          await fs.readFile(this.details.tokenPath ?? IN_POD_TOKEN, 'utf8')
        ).trim() || undefined
      );
    } catch {
      return undefined;
    }
  }

  private get(
    path: string,
    token: string | undefined,
    signal?: AbortSignal,
  ): Promise<HttpResult> {
    const url = new URL(path, this.details.url.replace(/\/+$/, '/'));
    // keep a path prefix of the API server URL (e.g. a proxy at /k8s/)
    url.pathname = `${new URL(this.details.url).pathname.replace(/\/+$/, '')}${
      path.split('?')[0]
    }`;
    const isHttps = url.protocol === 'https:';
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const options: https.RequestOptions = {
      method: 'GET',
      headers,
      timeout: this.details.timeoutMs ?? 10_000,
      signal,
    };
    if (isHttps) {
      options.rejectUnauthorized = !this.details.skipTLSVerify;
      if (this.details.caData)
        options.ca = Buffer.from(this.details.caData, 'base64').toString(
          'utf8',
        );
    }
    return new Promise((resolve, reject) => {
      const req = (isHttps ? https : http).request(url, options, res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      });
      req.on('timeout', () =>
        req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
      );
      req.on('error', reject);
      req.end();
    });
  }

  /** LIST with `limit`/`continue`; returns all items and the number of calls. */
  private async list(path: string, what: string, signal?: AbortSignal) {
    const items: Obj[] = [];
    let token: string | undefined;
    let calls = 0;
    const limit = this.details.pageSize ?? 500;
    const bearer = await this.token();
    let restarted = false;
    for (;;) {
      const sep = path.includes('?') ? '&' : '?';
      const q = `${path}${sep}limit=${limit}${
        token ? `&continue=${encodeURIComponent(token)}` : ''
      }`;
      let res: HttpResult;
      try {
        calls++;
        res = await this.get(q, bearer, signal);
      } catch (e) {
        const cls = classifyNetworkError(e);
        throw new SourceError(cls, `Cluster ${this.cluster}: ${what} ${cls}`);
      }
      if (res.status === 410 && token && !restarted) {
        // the continue token expired (compaction): list again from the start, once
        restarted = true;
        token = undefined;
        items.length = 0;
        continue;
      }
      if (res.status < 200 || res.status >= 300) {
        throw this.statusError(res, what);
      }
      let body: Obj;
      try {
        body = JSON.parse(res.body);
      } catch {
        throw new SourceError(
          'invalid',
          `Cluster ${this.cluster}: ${what} answered with invalid JSON`,
          res.status,
        );
      }
      if (Array.isArray(body.items)) items.push(...body.items);
      token =
        typeof body.metadata?.continue === 'string' && body.metadata.continue
          ? body.metadata.continue
          : undefined;
      if (!token) break;
    }
    return { items, calls };
  }

  private statusError(res: HttpResult, what: string): SourceError {
    // Kubernetes errors are Status objects: {kind: Status, reason, code, message}
    let reason: string | undefined;
    try {
      const s = JSON.parse(res.body);
      if (s?.kind === 'Status' && typeof s.reason === 'string')
        reason = s.reason;
    } catch {
      // not a Status object (a proxy answered)
    }
    const cls = classifyStatus(res.status);
    return new SourceError(
      cls,
      `Cluster ${this.cluster}: ${what} ${cls} (${res.status}${
        reason ? ` ${reason}` : ''
      })`,
      res.status,
    );
  }

  async read(ctx?: { signal?: AbortSignal }): Promise<ClusterSnapshot> {
    const fetchedAt = new Date().toISOString();
    const signal = ctx?.signal;
    const warnings: string[] = [];
    let calls = 0;
    // ExternalSecrets are required; stores and events are best effort.
    const es = await this.list(
      `${ESO}/externalsecrets`,
      'ExternalSecrets',
      signal,
    );
    calls += es.calls;
    const optional = async (path: string, what: string) => {
      try {
        const r = await this.list(path, what, signal);
        calls += r.calls;
        return r.items;
      } catch (e) {
        calls++;
        if (e instanceof SourceError) {
          warnings.push(
            `${what}: ${e.errorClass}${
              e.statusCode ? ` (${e.statusCode})` : ''
            }`,
          );
          return [];
        }
        throw e;
      }
    };
    const [stores, clusterStores, events] = await Promise.all([
      optional(`${ESO}/secretstores`, 'SecretStores'),
      optional(`${ESO}/clustersecretstores`, 'ClusterSecretStores'),
      optional(
        `/api/v1/events?fieldSelector=${encodeURIComponent(EVENT_SELECTOR)}`,
        'Events',
      ),
    ]);
    const externalSecrets = es.items
      .map(o => toExternalSecretStatus(o, this.cluster, this.environment))
      .filter((x): x is NonNullable<typeof x> => Boolean(x));
    attachWarnings(externalSecrets, events);
    return {
      cluster: this.cluster,
      ...(this.environment ? { environment: this.environment } : {}),
      fetchedAt,
      externalSecrets,
      stores: [
        ...stores.map(o =>
          toStoreStatus(
            { kind: 'SecretStore', ...o },
            this.cluster,
            this.environment,
          ),
        ),
        ...clusterStores.map(o =>
          toStoreStatus(
            { kind: 'ClusterSecretStore', ...o },
            this.cluster,
            this.environment,
          ),
        ),
      ].filter((x): x is NonNullable<typeof x> => Boolean(x)),
      warnings,
      calls,
    };
  }
}
