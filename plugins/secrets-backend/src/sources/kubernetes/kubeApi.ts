import { promises as fs } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { classifyNetworkError, classifyStatus, SourceError } from '../types';
import type { KubernetesClusterDetails } from './KubernetesClusterSource';

const IN_POD_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** A Kubernetes object as the API answers it. */
export type KubeObject = Record<string, any>;

interface HttpResult {
  status: number;
  body: string;
}

/** One event of a watch stream (`watch=1`), as the API sends it: one JSON object per line. */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject;
}

/** The watch's resource version is too old (410 Gone): list again. */
export class WatchExpired extends Error {
  readonly name = 'WatchExpired';
}

/**
 * The Kubernetes API calls the cluster source makes: paginated LISTs and
 * watch streams, with the configured token (else the pod's own) and TLS
 * settings. Every failure is a classified {@link SourceError} naming the
 * cluster, never a response body.
 */
export class KubeApi {
  constructor(private readonly details: KubernetesClusterDetails) {}

  private get cluster() {
    return this.details.name;
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

  private request(
    path: string,
    token: string | undefined,
    signal: AbortSignal | undefined,
    timeoutMs: number,
    onResponse: (res: http.IncomingMessage, req: http.ClientRequest) => void,
    reject: (e: unknown) => void,
  ) {
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
      timeout: timeoutMs,
      signal,
    };
    if (isHttps) {
      options.rejectUnauthorized = !this.details.skipTLSVerify;
      if (this.details.caData)
        options.ca = Buffer.from(this.details.caData, 'base64').toString(
          'utf8',
        );
    }
    const req = (isHttps ? https : http).request(url, options, res =>
      onResponse(res, req),
    );
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
    );
    req.on('error', reject);
    req.end();
  }

  private get(
    path: string,
    token: string | undefined,
    signal?: AbortSignal,
  ): Promise<HttpResult> {
    return new Promise((resolve, reject) =>
      this.request(
        path,
        token,
        signal,
        this.details.timeoutMs ?? 10_000,
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
        reject,
      ),
    );
  }

  /**
   * LIST with `limit`/`continue`: all items, the list's resource version
   * (where a watch starts) and the number of calls.
   */
  async list(path: string, what: string, signal?: AbortSignal) {
    const items: KubeObject[] = [];
    let token: string | undefined;
    let calls = 0;
    let resourceVersion: string | undefined;
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
        throw this.statusError(res.status, res.body, what);
      }
      let body: KubeObject;
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
      if (typeof body.metadata?.resourceVersion === 'string')
        resourceVersion = body.metadata.resourceVersion;
      token =
        typeof body.metadata?.continue === 'string' && body.metadata.continue
          ? body.metadata.continue
          : undefined;
      if (!token) break;
    }
    return { items, calls, resourceVersion };
  }

  /**
   * Opens a watch (`watch=1`) from `resourceVersion` and calls `onEvent`
   * for every line until the server ends the stream (it does after
   * `timeoutSeconds`) or `signal` aborts; both resolve. An `ERROR` event
   * with code 410, or a 410 answer, rejects with {@link WatchExpired}.
   */
  async watch(
    path: string,
    what: string,
    resourceVersion: string,
    onEvent: (event: WatchEvent) => void,
    signal: AbortSignal,
    timeoutSeconds = 300,
  ): Promise<void> {
    const bearer = await this.token();
    const sep = path.includes('?') ? '&' : '?';
    const q = `${path}${sep}watch=1&allowWatchBookmarks=true&resourceVersion=${encodeURIComponent(
      resourceVersion,
    )}&timeoutSeconds=${timeoutSeconds}`;
    if (signal.aborted) return;
    await new Promise<void>((resolve, reject) => {
      const fail = (e: unknown) => {
        if (signal.aborted) resolve();
        else if (e instanceof WatchExpired || e instanceof SourceError)
          reject(e);
        else {
          const cls = classifyNetworkError(e);
          reject(
            new SourceError(cls, `Cluster ${this.cluster}: ${what} ${cls}`),
          );
        }
      };
      this.request(
        q,
        bearer,
        signal,
        // no event for this long: the connection is dead (bookmarks come every minute or so)
        (timeoutSeconds + 60) * 1000,
        (res, req) => {
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) {
            const chunks: Buffer[] = [];
            res.on('data', c => chunks.push(c));
            res.on('end', () =>
              fail(
                status === 410
                  ? new WatchExpired(`${what}: resource version expired`)
                  : this.statusError(
                      status,
                      Buffer.concat(chunks).toString('utf8'),
                      what,
                    ),
              ),
            );
            res.on('error', fail);
            return;
          }
          let buffered = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffered += chunk;
            let nl = buffered.indexOf('\n');
            while (nl >= 0) {
              const line = buffered.slice(0, nl).trim();
              buffered = buffered.slice(nl + 1);
              nl = buffered.indexOf('\n');
              if (!line) continue;
              try {
                const event = parseEvent(line, what, this.cluster);
                if (event) onEvent(event);
              } catch (e) {
                req.destroy();
                fail(e);
                return;
              }
            }
          });
          res.on('end', () => resolve());
          res.on('error', fail);
          res.on('aborted', () => fail(new Error('aborted')));
        },
        fail,
      );
    });
  }

  statusError(status: number, body: string, what: string): SourceError {
    // Kubernetes errors are Status objects: {kind: Status, reason, code, message}
    let reason: string | undefined;
    try {
      const s = JSON.parse(body);
      if (s?.kind === 'Status' && typeof s.reason === 'string')
        reason = s.reason;
    } catch {
      // not a Status object (a proxy answered)
    }
    const cls = classifyStatus(status);
    return new SourceError(
      cls,
      `Cluster ${this.cluster}: ${what} ${cls} (${status}${
        reason ? ` ${reason}` : ''
      })`,
      status,
    );
  }
}

/** One watch line; an `ERROR` event throws (410 as {@link WatchExpired}). */
function parseEvent(
  line: string,
  what: string,
  cluster: string,
): WatchEvent | undefined {
  let event: WatchEvent;
  try {
    event = JSON.parse(line);
  } catch {
    throw new SourceError(
      'invalid',
      `Cluster ${cluster}: ${what} watch sent invalid JSON`,
    );
  }
  if (!event || typeof event !== 'object' || !event.object) return undefined;
  if (event.type === 'ERROR') {
    const code = Number(event.object.code);
    if (code === 410)
      throw new WatchExpired(`${what}: resource version expired`);
    const cls = classifyStatus(code || 500);
    throw new SourceError(
      cls,
      `Cluster ${cluster}: ${what} watch ${cls} (${code || 'error'}${
        typeof event.object.reason === 'string' ? ` ${event.object.reason}` : ''
      })`,
      code || undefined,
    );
  }
  return event;
}
