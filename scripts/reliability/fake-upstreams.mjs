/*
 * Loopback stand-ins for Vault and the Kubernetes API, for the reliability
 * run only (unit tests use msw handlers instead). They answer with the
 * documented response shapes, serve the demo's offline snapshots as their
 * data, and can be switched into the failures the run exercises: a sealed
 * Vault (503 with Vault's error body) and a cluster that drops connections.
 */
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { Duplex } from 'node:stream';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

function json(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * Node's HTTP parser knows no `LIST` verb, which Vault's API uses (and
 * node-vault sends). In front of the HTTP server, rewrite a request line
 * `LIST /path HTTP/1.1` to `GET /path?list=true HTTP/1.1`, Vault's own
 * equivalent, so the fake sees the request as Vault would.
 */
function acceptListVerb(httpServer) {
  return createNetServer(socket => {
    const duplex = new Duplex({
      read() {
        socket.resume();
      },
      write(chunk, _enc, cb) {
        socket.write(chunk, cb);
      },
      final(cb) {
        socket.end(cb);
      },
      destroy(err, cb) {
        socket.destroy(err ?? undefined);
        cb(err);
      },
    });
    socket.on('data', chunk => {
      let text = chunk.toString('latin1');
      text = text.replace(
        /(^|\r\n\r\n)LIST (\S+) (HTTP\/1\.[01])/g,
        (_m, lead, path, version) =>
          `${lead}GET ${path}${
            path.includes('?') ? '&' : '?'
          }list=true ${version}`,
      );
      if (!duplex.push(Buffer.from(text, 'latin1'))) socket.pause();
    });
    socket.on('end', () => duplex.push(null));
    socket.on('close', () => duplex.destroy());
    socket.on('error', () => duplex.destroy());
    httpServer.emit('connection', duplex);
  });
}

/** A request handler that answers after `latencyMs` (a remote upstream). */
function delayed(latencyMs, handler) {
  if (!latencyMs) return handler;
  return (req, res) => setTimeout(() => handler(req, res), latencyMs);
}

/** Whether an object's labels match a `key=value[,key=value]` selector. */
function matchesSelector(item, selector) {
  if (!selector) return true;
  const labels = item.metadata?.labels ?? {};
  return selector.split(',').every(term => {
    const [key, value] = term.split('=');
    return value === undefined ? key in labels : labels[key] === value;
  });
}

/** Listens on loopback (port 0: any free port) and resolves to the server's base URL. */
function listenLoopback(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${server.address().port}`),
    );
  });
}

/**
 * A KV v2 Vault with the keys of a metadata dump (examples/snapshots/vault-*.yaml).
 * Values are never served by this fake: `data/` reads answer 403, as a
 * metadata-only policy would.
 */
export async function startFakeVault({
  dumpFile,
  token,
  port = 0,
  latencyMs = 0,
}) {
  const dump = parse(readFileSync(dumpFile, 'utf8'));
  const mount = dump.mount ?? 'secret';
  const keys = dump.keys ?? {};
  const state = { sealed: false, requests: 0 };

  const server = createServer(
    delayed(latencyMs, (req, res) => {
      state.requests++;
      const url = new URL(req.url, 'http://vault');
      let path = decodeURIComponent(url.pathname);
      if (path === '/v1/sys/health') {
        const body = {
          initialized: true,
          sealed: state.sealed,
          standby: state.sealed,
          performance_standby: false,
          replication_performance_mode: 'disabled',
          replication_dr_mode: 'disabled',
          server_time_utc: Math.floor(Date.now() / 1000),
          version: '1.17.2',
          cluster_name: 'vault-cluster-reliability',
        };
        json(res, state.sealed ? 503 : 200, body);
        return;
      }
      if (state.sealed) {
        json(res, 503, { errors: ['Vault is sealed'] });
        return;
      }
      if (req.headers['x-vault-token'] !== token) {
        json(res, 403, { errors: ['permission denied'] });
        return;
      }
      // Vault reads the flag as a Go bool: node-vault sends list=1
      const isList =
        req.method === 'LIST' ||
        ['true', '1', 't'].includes(url.searchParams.get('list') ?? '');
      const metaPrefix = `/v1/${mount}/metadata/`;
      if (path === metaPrefix.slice(0, -1)) path = metaPrefix;
      const subkeysPrefix = `/v1/${mount}/subkeys/`;
      const notFound = () => json(res, 404, { errors: [] });
      /** The key named by the path after `prefix`; a 404 answered when there is none. */
      const keyAfter = prefix => {
        const k = keys[path.slice(prefix.length)];
        if (!k) notFound();
        return k;
      };
      if (path.startsWith(metaPrefix) && isList) {
        const dir = path.slice(metaPrefix.length);
        const children = new Set();
        for (const k of Object.keys(keys)) {
          if (!k.startsWith(dir)) continue;
          const rest = k.slice(dir.length);
          const slash = rest.indexOf('/');
          children.add(slash === -1 ? rest : rest.slice(0, slash + 1));
        }
        if (!children.size) {
          notFound();
          return;
        }
        json(res, 200, {
          request_id: 'reliability',
          lease_id: '',
          renewable: false,
          lease_duration: 0,
          data: { keys: [...children].sort() },
          wrap_info: null,
          warnings: null,
          auth: null,
        });
        return;
      }
      if (path.startsWith(metaPrefix)) {
        const k = keyAfter(metaPrefix);
        if (!k) return;
        const version = k.current_version ?? 1;
        json(res, 200, {
          request_id: 'reliability',
          data: {
            cas_required: false,
            created_time: k.created_time,
            current_version: version,
            custom_metadata: k.custom_metadata ?? null,
            delete_version_after: '0s',
            max_versions: 0,
            oldest_version: 1,
            updated_time: k.updated_time,
            versions: {
              [version]: {
                created_time: k.updated_time,
                deletion_time: '',
                destroyed: false,
              },
            },
          },
        });
        return;
      }
      if (path.startsWith(subkeysPrefix)) {
        const k = keyAfter(subkeysPrefix);
        if (!k) return;
        json(res, 200, {
          request_id: 'reliability',
          data: {
            subkeys: Object.fromEntries(
              (k.properties ?? ['value']).map(p => [p, null]),
            ),
            metadata: {
              created_time: k.updated_time,
              custom_metadata: null,
              deletion_time: '',
              destroyed: false,
              version: k.current_version ?? 1,
            },
          },
        });
        return;
      }
      json(res, 403, { errors: ['permission denied'] });
    }),
  );
  const front = acceptListVerb(server);
  return {
    address: await listenLoopback(front, port),
    state,
    setSealed(sealed) {
      state.sealed = sealed;
    },
    close: () => new Promise(r => front.close(r)),
  };
}

const RESOURCES = {
  '/apis/external-secrets.io/v1/externalsecrets': 'ExternalSecret',
  '/apis/external-secrets.io/v1/secretstores': 'SecretStore',
  '/apis/external-secrets.io/v1/clustersecretstores': 'ClusterSecretStore',
  '/api/v1/events': 'Event',
};

/**
 * A Kubernetes API server holding the objects of a `kubectl get -o yaml`
 * List (examples/snapshots/cluster-*.yaml). Lists paginate with
 * `limit`/`continue`; a wrong token gets the API's 401 Status. `watch=1`
 * holds the response open and streams one JSON event per line (MODIFIED on
 * a change, BOOKMARK every 10 s), ending after `timeoutSeconds`.
 */
export async function startFakeCluster({
  listFile,
  token,
  port = 0,
  latencyMs = 0,
  emptyListsForOtherResources = false,
}) {
  const list = parse(readFileSync(listFile, 'utf8'));
  const items = list.items ?? [];
  const state = { down: false, requests: 0, watches: 0 };
  const sockets = new Set();
  let resourceVersion = 4242;
  /** Open watches: { kind, res }. */
  const watchers = new Set();
  const send = (w, event) => w.res.write(`${JSON.stringify(event)}\n`);
  const bookmarks = setInterval(() => {
    for (const w of watchers)
      send(w, {
        type: 'BOOKMARK',
        object: {
          kind: w.kind,
          metadata: { resourceVersion: String(resourceVersion) },
        },
      });
  }, 10_000);
  bookmarks.unref();

  const server = createServer(
    delayed(latencyMs, (req, res) => {
      state.requests++;
      if (state.down) {
        req.socket.destroy();
        return;
      }
      if (req.headers.authorization !== `Bearer ${token}`) {
        json(res, 401, {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'Unauthorized',
          reason: 'Unauthorized',
          code: 401,
        });
        return;
      }
      const url = new URL(req.url, 'http://cluster');
      const kind = RESOURCES[url.pathname];
      const other =
        /^\/api\/v1\/[a-z]+$|^\/apis\/[a-z0-9.-]+\/[a-z0-9]+\/[a-z]+$/.test(
          url.pathname,
        );
      if (!kind && emptyListsForOtherResources && other) {
        // any other resource type (pods, services, deployments...): an empty
        // list, as a cluster running none of them answers
        const parts = url.pathname.split('/');
        json(res, 200, {
          kind: 'List',
          apiVersion: parts[1] === 'api' ? 'v1' : `${parts[2]}/${parts[3]}`,
          metadata: { resourceVersion: '4242' },
          items: [],
        });
        return;
      }
      if (!kind) {
        json(res, 404, {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'the server could not find the requested resource',
          reason: 'NotFound',
          details: {},
          code: 404,
        });
        return;
      }
      if (url.searchParams.get('watch') === '1') {
        state.watches++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.flushHeaders();
        const w = { kind, res };
        watchers.add(w);
        const end = setTimeout(
          () => res.end(),
          Number(url.searchParams.get('timeoutSeconds') ?? 300) * 1000,
        );
        res.on('close', () => {
          clearTimeout(end);
          watchers.delete(w);
        });
        return;
      }
      const selector = url.searchParams.get('labelSelector');
      let matching = items.filter(
        i => i.kind === kind && matchesSelector(i, selector),
      );
      if (kind === 'Event') {
        matching = matching.filter(
          e =>
            e.type === 'Warning' && e.involvedObject?.kind === 'ExternalSecret',
        );
      }
      const limit =
        Number(url.searchParams.get('limit') ?? 0) || matching.length;
      const start = Number(url.searchParams.get('continue') ?? 0) || 0;
      const page = matching.slice(start, start + limit);
      const next =
        start + limit < matching.length ? String(start + limit) : undefined;
      json(res, 200, {
        kind: `${kind}List`,
        apiVersion: kind === 'Event' ? 'v1' : 'external-secrets.io/v1',
        metadata: {
          resourceVersion: String(resourceVersion),
          ...(next ? { continue: next } : {}),
        },
        items: page,
      });
    }),
  );
  server.on('connection', s => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    url: await listenLoopback(server, port),
    state,
    setDown(down) {
      state.down = down;
      if (down) for (const s of sockets) s.destroy();
    },
    /** Watch requests held open now. */
    openWatches: () => watchers.size,
    /** The name of the first ExternalSecret this cluster holds. */
    firstExternalSecret: () =>
      items.find(i => i.kind === 'ExternalSecret')?.metadata?.name,
    /**
     * Puts an ExternalSecret into `SecretSyncedError` (or back to synced),
     * as ESO would, and tells every open watch.
     */
    setSyncError(name, failing) {
      const es = items.find(
        i => i.kind === 'ExternalSecret' && i.metadata?.name === name,
      );
      if (!es) throw new Error(`no ExternalSecret ${name}`);
      resourceVersion++;
      es.metadata.resourceVersion = String(resourceVersion);
      es.status = {
        ...es.status,
        conditions: [
          failing
            ? {
                type: 'Ready',
                status: 'False',
                reason: 'SecretSyncedError',
                message: 'could not get secret data from provider',
                lastTransitionTime: new Date().toISOString(),
              }
            : {
                type: 'Ready',
                status: 'True',
                reason: 'SecretSynced',
                message: 'secret synced',
                lastTransitionTime: new Date().toISOString(),
              },
        ],
      };
      for (const w of watchers)
        if (w.kind === 'ExternalSecret')
          send(w, { type: 'MODIFIED', object: es });
    },
    close: () =>
      new Promise(r => {
        clearInterval(bookmarks);
        for (const s of sockets) s.destroy();
        server.close(r);
      }),
  };
}

/**
 * The demo's upstreams: Vault staging and the clusters staging and prod-eu,
 * fed with the offline snapshots in examples/snapshots.
 */
export async function startDemoUpstreams({
  vaultToken,
  clusterToken,
  latencyMs = 0,
  emptyListsForOtherResources = false,
}) {
  const snapshots = new URL('../../examples/snapshots/', import.meta.url)
    .pathname;
  const vault = await startFakeVault({
    dumpFile: join(snapshots, 'vault-staging.yaml'),
    token: vaultToken,
    latencyMs,
  });
  const staging = await startFakeCluster({
    listFile: join(snapshots, 'cluster-staging.yaml'),
    token: clusterToken,
    latencyMs,
    emptyListsForOtherResources,
  });
  const prod = await startFakeCluster({
    listFile: join(snapshots, 'cluster-prod-eu.yaml'),
    token: clusterToken,
    latencyMs,
    emptyListsForOtherResources,
  });
  return {
    vault,
    staging,
    prod,
    /** The clusters as liveSourcesConfig takes them. */
    clusters: [
      { name: 'staging', environment: 'staging', url: staging.url },
      { name: 'prod-eu', environment: 'production', url: prod.url },
    ],
    close: () => Promise.all([vault.close(), staging.close(), prod.close()]),
  };
}
