import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClusterSnapshot } from '../types';
import { KubernetesClusterSource } from './KubernetesClusterSource';

const ESO = '/apis/external-secrets.io/v1';

function es(name: string, rv: string, ready: 'True' | 'False') {
  return {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: {
      name,
      namespace: 'shop',
      uid: `uid-${name}`,
      resourceVersion: rv,
    },
    spec: {
      refreshInterval: '1h',
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
      target: { name },
      data: [{ secretKey: 'k', remoteRef: { key: `${name}-key` } }],
    },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: ready,
          reason: ready === 'True' ? 'SecretSynced' : 'SecretSyncedError',
          message:
            ready === 'True'
              ? 'secret synced'
              : 'could not get secret data from provider',
        },
      ],
    },
  };
}

/**
 * A loopback Kubernetes API server: LISTs answer with the current objects
 * and a resource version; `watch=1` requests are held open and fed by the
 * test, one JSON event per line, as the API server streams them.
 */
class FakeApiServer {
  server: Server;
  objects = new Map<string, unknown[]>();
  resourceVersion = '10';
  requests: string[] = [];
  watches: Array<{ path: string; url: URL; res: ServerResponse }> = [];

  constructor() {
    this.server = createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      this.requests.push(`${url.pathname}${url.search}`);
      if (req.headers.authorization !== 'Bearer t') {
        res.writeHead(401).end();
        return;
      }
      if (url.searchParams.get('watch') === '1') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.flushHeaders();
        this.watches.push({ path: url.pathname, url, res });
        return;
      }
      const items = this.objects.get(url.pathname) ?? [];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'List',
          metadata: { resourceVersion: this.resourceVersion },
          items,
        }),
      );
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>(r => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Sends an event to every open watch of `path`. */
  send(path: string, event: unknown) {
    for (const w of this.watches.filter(
      x => x.path === path && !x.res.writableEnded,
    ))
      w.res.write(`${JSON.stringify(event)}\n`);
  }

  async close() {
    for (const w of this.watches) w.res.destroy();
    this.server.closeAllConnections();
    await new Promise(r => this.server.close(r));
  }
}

async function until<T>(f: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 20));
  }
}

describe('KubernetesClusterSource.watch', () => {
  let api: FakeApiServer;
  let url: string;
  let controller: AbortController;
  beforeEach(async () => {
    // aborted after each test, so a failed test leaves no watch running
    controller = new AbortController();
    api = new FakeApiServer();
    api.objects.set(`${ESO}/externalsecrets`, [es('db', '9', 'True')]);
    url = await api.listen();
  });
  afterEach(async () => {
    controller.abort();
    await api.close();
  });

  it('lists once, follows watch events and bookmarks, and lists again on 410', async () => {
    const source = KubernetesClusterSource.create({
      name: 'prod',
      url,
      serviceAccountToken: 't',
      environment: 'production',
    });
    const snapshots: ClusterSnapshot[] = [];
    const errors: Error[] = [];
    const running = source.watch({
      signal: controller.signal,
      onSnapshot: s => snapshots.push(s),
      onError: e => errors.push(e),
    });
    const ready = (name: string) => (s: ClusterSnapshot | undefined) =>
      s?.externalSecrets.find(e => e.name === name)?.ready;

    // the initial list
    await until(() => (snapshots.length ? true : undefined));
    expect(ready('db')(snapshots.at(-1))).toBe('True');
    await until(() => (api.watches.length === 4 ? true : undefined));
    const esWatch = api.watches.find(w => w.path === `${ESO}/externalsecrets`)!;
    expect(esWatch.url.searchParams.get('resourceVersion')).toBe('10');
    expect(esWatch.url.searchParams.get('allowWatchBookmarks')).toBe('true');

    // a sync error shows in the next snapshot
    const before = snapshots.length;
    api.send(`${ESO}/externalsecrets`, {
      type: 'MODIFIED',
      object: es('db', '11', 'False'),
    });
    await until(() => (snapshots.length > before ? true : undefined));
    expect(ready('db')(snapshots.at(-1))).toBe('False');
    expect(snapshots.at(-1)!.externalSecrets[0].reason).toBe(
      'SecretSyncedError',
    );

    // a bookmark moves the version without a snapshot
    const count = snapshots.length;
    api.send(`${ESO}/externalsecrets`, {
      type: 'BOOKMARK',
      object: { kind: 'ExternalSecret', metadata: { resourceVersion: '15' } },
    });
    // a read while the watch is current answers from it, without a call
    const requests = api.requests.length;
    const read = await source.read();
    expect(read.calls).toBe(0);
    expect(api.requests.length).toBe(requests);
    expect(ready('db')(read)).toBe('False');
    expect(snapshots.length).toBe(count);

    // 410: the version was compacted away; the source lists again
    api.objects.set(`${ESO}/externalsecrets`, [
      es('db', '20', 'True'),
      es('cache', '21', 'True'),
    ]);
    api.resourceVersion = '21';
    api.send(`${ESO}/externalsecrets`, {
      type: 'ERROR',
      object: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: 'too old resource version: 15 (20)',
        reason: 'Expired',
        code: 410,
      },
    });
    await until(() =>
      snapshots.at(-1)?.externalSecrets.length === 2 ? true : undefined,
    );
    expect(ready('db')(snapshots.at(-1))).toBe('True');
    // the new watch starts from the new list's version
    await until(() =>
      api.watches.some(
        w =>
          w.path === `${ESO}/externalsecrets` &&
          w.url.searchParams.get('resourceVersion') === '21',
      )
        ? true
        : undefined,
    );
    // a deletion
    api.send(`${ESO}/externalsecrets`, {
      type: 'DELETED',
      object: es('cache', '22', 'True'),
    });
    await until(() =>
      snapshots.at(-1)?.externalSecrets.length === 1 ? true : undefined,
    );
    expect(errors).toEqual([]);

    controller.abort();
    await running;
    // after the watch ended, a read lists again
    const listed = await source.read();
    expect(listed.calls).toBe(4);
  });

  it('reports a failing ExternalSecrets watch and recovers by itself', async () => {
    const source = KubernetesClusterSource.create({
      name: 'prod',
      url,
      serviceAccountToken: 'wrong',
    });
    const errors: Error[] = [];
    const running = source.watch({
      signal: controller.signal,
      onSnapshot: () => undefined,
      onError: e => errors.push(e),
    });
    await until(() => (errors.length ? true : undefined));
    expect(errors[0]).toMatchObject({
      name: 'SourceError',
      errorClass: 'unauthorized',
      message: 'Cluster prod: ExternalSecrets unauthorized (401)',
    });
    controller.abort();
    await running;
  });
});
