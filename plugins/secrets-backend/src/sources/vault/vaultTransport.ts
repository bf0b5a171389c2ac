import http from 'node:http';
import https from 'node:https';

/** The request options `node-vault` hands to its transport. */
interface VaultRequest {
  method?: string;
  uri: string;
  headers?: Record<string, string>;
  /** `true` (parse the answer) or a body to send as JSON. */
  json?: unknown;
  timeout?: number;
}

/** What `node-vault` expects back: the status and the parsed body. */
interface VaultResponse {
  statusCode: number;
  body: unknown;
  request: { path: string };
}

/** Settings of one read's transport. */
export interface VaultTransportOptions {
  /** Per request timeout in ms. */
  timeoutMs: number;
  /** PEM CA bundle. */
  ca?: string;
  skipTLSVerify?: boolean;
  /** Aborts every request in flight and every later one. */
  signal?: AbortSignal;
}

function send(
  o: VaultTransportOptions,
  r: VaultRequest,
): Promise<VaultResponse> {
  const url = new URL(r.uri);
  const isHttps = url.protocol === 'https:';
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...r.headers,
  };
  const body =
    r.json !== undefined && typeof r.json === 'object'
      ? JSON.stringify(r.json)
      : undefined;
  if (body !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(body));
  }
  const options: https.RequestOptions = {
    method: r.method ?? 'GET',
    headers,
    timeout: r.timeout ?? o.timeoutMs,
    signal: o.signal,
  };
  if (isHttps) {
    options.rejectUnauthorized = !o.skipTLSVerify;
    if (o.ca) options.ca = o.ca;
  }
  return new Promise((resolve, reject) => {
    const req = (isHttps ? https : http).request(url, options, res => {
      const chunks: Buffer[] = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = undefined;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON (a proxy's error page): the status alone is classified
        }
        resolve({
          statusCode: res.statusCode ?? 0,
          body: parsed,
          request: { path: url.pathname },
        });
      });
      res.on('error', reject);
    });
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A transport for `node-vault` (its `request-promise` hook) on Node's own
 * HTTP client, so the refresh's abort signal reaches every Vault request:
 * the bundled transport has no way to take one.
 */
export function vaultTransport(o: VaultTransportOptions) {
  return {
    defaults: () => (r: VaultRequest) => send(o, r),
  };
}
