import type {
  ClusterSnapshot,
  ClusterSource,
  SourceWatchContext,
} from '../types';
import { SourceError } from '../types';
import { KubeApi, type KubeObject } from './kubeApi';
import { ResourceWatch } from './ResourceWatch';
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

const ESO = '/apis/external-secrets.io/v1';
const EVENT_SELECTOR =
  'involvedObject.kind=ExternalSecret,type=Warning,reason=UpdateFailed';

const RESOURCES = {
  externalSecrets: { path: `${ESO}/externalsecrets`, what: 'ExternalSecrets' },
  stores: { path: `${ESO}/secretstores`, what: 'SecretStores' },
  clusterStores: {
    path: `${ESO}/clustersecretstores`,
    what: 'ClusterSecretStores',
  },
  events: {
    path: `/api/v1/events?fieldSelector=${encodeURIComponent(EVENT_SELECTOR)}`,
    what: 'Events',
  },
} as const;

type Resource = keyof typeof RESOURCES;

/** A watch that saw no event or bookmark for this long is not trusted for a read. */
const WATCH_CURRENT_MS = 5 * 60_000;

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
  private readonly api: KubeApi;
  private readonly watches: Record<Resource, ResourceWatch>;
  private watching = 0;

  private constructor(details: KubernetesClusterDetails) {
    this.id = `cluster:${details.name}`;
    this.cluster = details.name;
    this.environment = details.environment;
    this.api = new KubeApi(details);
    const watch = (r: Resource) =>
      new ResourceWatch(this.api, RESOURCES[r].path, RESOURCES[r].what);
    this.watches = {
      externalSecrets: watch('externalSecrets'),
      stores: watch('stores'),
      clusterStores: watch('clusterStores'),
      events: watch('events'),
    };
  }

  static create(details: KubernetesClusterDetails): KubernetesClusterSource {
    return new KubernetesClusterSource(details);
  }

  /**
   * One paginated LIST per kind; while a watch of this source is current
   * (events or bookmarks within 5 minutes), its state instead, without a call.
   */
  async read(ctx?: { signal?: AbortSignal }): Promise<ClusterSnapshot> {
    const watched = this.watchedSnapshot();
    if (watched) return watched;
    const fetchedAt = new Date().toISOString();
    const signal = ctx?.signal;
    const warnings: string[] = [];
    let calls = 0;
    // ExternalSecrets are required; stores and events are best effort.
    const es = await this.api.list(
      RESOURCES.externalSecrets.path,
      RESOURCES.externalSecrets.what,
      signal,
    );
    calls += es.calls;
    const optional = async (r: Resource) => {
      try {
        const l = await this.api.list(
          RESOURCES[r].path,
          RESOURCES[r].what,
          signal,
        );
        calls += l.calls;
        return l.items;
      } catch (e) {
        calls++;
        if (e instanceof SourceError) {
          warnings.push(optionalWarning(RESOURCES[r].what, e));
          return [];
        }
        throw e;
      }
    };
    const [stores, clusterStores, events] = await Promise.all([
      optional('stores'),
      optional('clusterStores'),
      optional('events'),
    ]);
    return this.snapshot(
      { externalSecrets: es.items, stores, clusterStores, events },
      fetchedAt,
      warnings,
      calls,
    );
  }

  /**
   * Follows the four kinds with Kubernetes watches until `signal` aborts,
   * reporting a whole snapshot after each burst of changes (at most one per
   * 250 ms). Stores and events stay best effort: their failures become
   * warnings; an ExternalSecrets failure is reported through `onError`.
   */
  async watch(ctx: SourceWatchContext<ClusterSnapshot>): Promise<void> {
    const { signal } = ctx;
    const failures = new Map<Resource, SourceError>();
    let timer: NodeJS.Timeout | undefined;
    let reported = this.watchCalls();
    const emit = () => {
      timer = undefined;
      if (signal.aborted) return;
      const es = this.watches.externalSecrets.values();
      if (!es || failures.has('externalSecrets')) return;
      const warnings = [...failures.entries()]
        .filter(([r]) => r !== 'externalSecrets')
        .map(([r, e]) => optionalWarning(RESOURCES[r].what, e));
      ctx.onSnapshot(
        this.snapshot(
          {
            externalSecrets: es,
            stores: this.watches.stores.values() ?? [],
            clusterStores: this.watches.clusterStores.values() ?? [],
            events: this.watches.events.values() ?? [],
          },
          new Date().toISOString(),
          warnings,
          this.watchCalls() - reported,
        ),
      );
      reported = this.watchCalls();
    };
    const changed = (r: Resource) => () => {
      failures.delete(r);
      timer ??= setTimeout(emit, 250);
    };
    const failed = (r: Resource) => (e: Error) => {
      const err =
        e instanceof SourceError
          ? e
          : new SourceError('invalid', `Cluster ${this.cluster}: watch failed`);
      failures.set(r, err);
      if (r === 'externalSecrets') ctx.onError(err);
      else timer ??= setTimeout(emit, 250);
    };
    this.watching++;
    try {
      await Promise.all(
        (Object.keys(this.watches) as Resource[]).map(r =>
          this.watches[r].run(signal, changed(r), failed(r)),
        ),
      );
    } finally {
      this.watching--;
      if (timer) clearTimeout(timer);
    }
  }

  private watchCalls(): number {
    return Object.values(this.watches).reduce((n, w) => n + w.calls, 0);
  }

  private watchedSnapshot(): ClusterSnapshot | undefined {
    if (!this.watching) return undefined;
    const current = Object.values(this.watches).every(w =>
      w.isCurrent(WATCH_CURRENT_MS),
    );
    const es = this.watches.externalSecrets.values();
    if (!current || !es) return undefined;
    return this.snapshot(
      {
        externalSecrets: es,
        stores: this.watches.stores.values() ?? [],
        clusterStores: this.watches.clusterStores.values() ?? [],
        events: this.watches.events.values() ?? [],
      },
      new Date().toISOString(),
      [],
      0,
    );
  }

  /** The snapshot of the objects of the four kinds, through the engine's normalizers. */
  private snapshot(
    objects: Record<Resource, KubeObject[]>,
    fetchedAt: string,
    warnings: string[],
    calls: number,
  ): ClusterSnapshot {
    const externalSecrets = objects.externalSecrets
      .map(o => toExternalSecretStatus(o, this.cluster, this.environment))
      .filter((x): x is NonNullable<typeof x> => Boolean(x));
    attachWarnings(externalSecrets, objects.events);
    return {
      cluster: this.cluster,
      ...(this.environment ? { environment: this.environment } : {}),
      fetchedAt,
      externalSecrets,
      stores: [
        ...objects.stores.map(o =>
          toStoreStatus(
            { kind: 'SecretStore', ...o },
            this.cluster,
            this.environment,
          ),
        ),
        ...objects.clusterStores.map(o =>
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

function optionalWarning(what: string, e: SourceError): string {
  return `${what}: ${e.errorClass}${e.statusCode ? ` (${e.statusCode})` : ''}`;
}
