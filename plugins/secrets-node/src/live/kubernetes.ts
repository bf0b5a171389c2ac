/*
 * Pure reducers from Kubernetes objects (ESO resources, core Events) to the
 * plugin's status types, shared by the backend's cluster sources and the
 * CLI. Only status, names and policies are kept: never `spec.data`,
 * templates or Secret content.
 */
import type {
  LiveExternalSecretStatus,
  LiveStoreStatus,
} from '@ameideio/plugin-secrets-common';
import type { ClusterSnapshot } from './types';

type Obj = Record<string, any>;

const MAX_MESSAGE = 500;

function clip(s: unknown): string | undefined {
  if (typeof s !== 'string' || !s) return undefined;
  return s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE)}…` : s;
}

function readyCondition(obj: Obj) {
  const conditions: Obj[] = Array.isArray(obj?.status?.conditions)
    ? obj.status.conditions
    : [];
  const c = conditions.find(x => x?.type === 'Ready');
  const status = c?.status;
  return {
    ready: (status === 'True' || status === 'False' ? status : 'Unknown') as
      | 'True'
      | 'False'
      | 'Unknown',
    reason: typeof c?.reason === 'string' ? c.reason : undefined,
    message: clip(c?.message),
  };
}

/** True for Go durations that are zero: `0`, `0s`, `0m0s`, `0h0m0s`. @public */
export function isZeroDuration(d: string | undefined): boolean {
  if (d === undefined) return false;
  const t = d.trim();
  return /^[0-9hmsuµn.]+$/.test(t) && !/[1-9]/.test(t);
}

/** A shell-safe single token (Kubernetes names are DNS subdomains, but snapshots are input too). */
function shellSafe(s: string) {
  return /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(s);
}

/**
 * Whether `kubectl annotate ... force-sync=...` triggers a sync: ESO ignores
 * it for `refreshPolicy: CreatedOnce` and for `refreshInterval: 0s` once the
 * ExternalSecret has synced (it has a `refreshTime`).
 * @public
 */
export function isRefreshable(
  es: Pick<
    LiveExternalSecretStatus,
    'refreshPolicy' | 'refreshInterval' | 'refreshTime'
  >,
): boolean {
  const synced = Boolean(es.refreshTime);
  if (!synced) return true;
  if (es.refreshPolicy === 'CreatedOnce') return false;
  if (
    (es.refreshPolicy ?? 'Periodic') === 'Periodic' &&
    isZeroDuration(es.refreshInterval)
  )
    return false;
  return true;
}

/**
 * Reduces a Kubernetes object read from a cluster (of an environment, when
 * known) to a status; undefined for an object without the names it needs.
 * @public
 */
export type ClusterObjectReducer<T> = (
  obj: Record<string, any>,
  cluster: string,
  environment?: string,
) => T | undefined;

/** Reduces an ExternalSecret object to its live status. @public */
export const toExternalSecretStatus: ClusterObjectReducer<
  LiveExternalSecretStatus
> = (obj, cluster, environment) => {
  const name = obj?.metadata?.name;
  const namespace = obj?.metadata?.namespace;
  if (typeof name !== 'string' || typeof namespace !== 'string')
    return undefined;
  const spec: Obj = obj.spec ?? {};
  const status: Obj = obj.status ?? {};
  const labels: Obj = obj.metadata.labels ?? {};
  const cond = readyCondition(obj);
  const out: LiveExternalSecretStatus = {
    cluster,
    ...(environment ? { environment } : {}),
    namespace,
    name,
    ready: cond.ready,
  };
  if (cond.reason) out.reason = cond.reason;
  if (cond.message) out.message = cond.message;
  if (typeof status.refreshTime === 'string')
    out.refreshTime = status.refreshTime;
  if (typeof status.syncedResourceVersion === 'string')
    out.syncedResourceVersion = status.syncedResourceVersion;
  if (typeof spec.refreshInterval === 'string')
    out.refreshInterval = spec.refreshInterval;
  if (typeof spec.refreshPolicy === 'string')
    out.refreshPolicy = spec.refreshPolicy;
  if (spec.secretStoreRef?.name) {
    out.storeRef = {
      kind: String(spec.secretStoreRef.kind ?? 'SecretStore'),
      name: String(spec.secretStoreRef.name),
    };
  }
  out.targetSecret =
    typeof spec.target?.name === 'string' ? spec.target.name : name;
  if (typeof spec.target?.creationPolicy === 'string')
    out.creationPolicy = spec.target.creationPolicy;
  if (typeof labels['backstage.io/kubernetes-id'] === 'string')
    out.kubernetesId = labels['backstage.io/kubernetes-id'];
  if (typeof labels['app.kubernetes.io/instance'] === 'string')
    out.helmRelease = labels['app.kubernetes.io/instance'];
  const kept = Object.entries(labels)
    .filter(([, v]) => typeof v === 'string')
    .slice(0, 32);
  if (kept.length)
    out.labels = Object.fromEntries(kept) as Record<string, string>;
  out.refreshable = isRefreshable(out);
  if (out.refreshable && shellSafe(name) && shellSafe(namespace)) {
    out.forceSyncCommand = `kubectl annotate externalsecret ${name} -n ${namespace} force-sync=$(date +%s) --overwrite`;
  }
  return out;
};

/** Reduces a SecretStore / ClusterSecretStore object to its status. @public */
export const toStoreStatus: ClusterObjectReducer<LiveStoreStatus> = (
  obj,
  cluster,
  environment,
) => {
  const name = obj?.metadata?.name;
  const kind =
    obj?.kind === 'ClusterSecretStore' ? 'ClusterSecretStore' : 'SecretStore';
  if (typeof name !== 'string') return undefined;
  const cond = readyCondition(obj);
  const provider =
    obj?.spec?.provider && typeof obj.spec.provider === 'object'
      ? Object.keys(obj.spec.provider)[0]
      : undefined;
  return {
    cluster,
    ...(environment ? { environment } : {}),
    kind,
    ...(kind === 'SecretStore' && typeof obj.metadata.namespace === 'string'
      ? { namespace: obj.metadata.namespace }
      : {}),
    name,
    ready: cond.ready,
    ...(cond.reason ? { reason: cond.reason } : {}),
    ...(cond.message ? { message: cond.message } : {}),
    ...(provider ? { provider } : {}),
  };
};

function eventTime(e: Obj): string | undefined {
  return (
    e.lastTimestamp ??
    e.series?.lastObservedTime ??
    e.eventTime ??
    e.firstTimestamp ??
    e.metadata?.creationTimestamp ??
    undefined
  );
}

/**
 * Attaches the newest Warning event (reason `UpdateFailed`) to each
 * ExternalSecret: ESO's conditions are generic, the provider's real error
 * (Vault 403, sealed, 404) is only in these events.
 * @public
 */
export function attachWarnings(
  externalSecrets: LiveExternalSecretStatus[],
  events: Array<Record<string, any>>,
): void {
  const newest = new Map<string, Obj>();
  for (const e of events) {
    const io = e?.involvedObject ?? e?.regarding;
    if (
      io?.kind !== 'ExternalSecret' ||
      e.type !== 'Warning' ||
      e.reason !== 'UpdateFailed'
    )
      continue;
    const id = `${io.namespace}/${io.name}`;
    const prev = newest.get(id);
    if (!prev || String(eventTime(e) ?? '') > String(eventTime(prev) ?? ''))
      newest.set(id, e);
  }
  for (const es of externalSecrets) {
    const e = newest.get(`${es.namespace}/${es.name}`);
    if (!e) continue;
    const time = eventTime(e);
    es.lastWarning = {
      reason: String(e.reason),
      message: clip(e.message ?? e.note) ?? '',
      ...(time ? { time } : {}),
      ...(typeof e.count === 'number' ? { count: e.count } : {}),
    };
  }
}

/** Splits the items of a `kubectl get ... -o yaml` List by kind and reduces them. @public */
export function fromListItems(
  items: Array<Record<string, any>>,
  cluster: string,
  environment?: string,
): Pick<ClusterSnapshot, 'externalSecrets' | 'stores'> {
  const externalSecrets: LiveExternalSecretStatus[] = [];
  const stores: LiveStoreStatus[] = [];
  const events: Obj[] = [];
  for (const item of items) {
    if (item?.kind === 'ExternalSecret') {
      const es = toExternalSecretStatus(item, cluster, environment);
      if (es) externalSecrets.push(es);
    } else if (
      item?.kind === 'SecretStore' ||
      item?.kind === 'ClusterSecretStore'
    ) {
      const s = toStoreStatus(item, cluster, environment);
      if (s) stores.push(s);
    } else if (item?.kind === 'Event') {
      events.push(item);
    }
  }
  attachWarnings(externalSecrets, events);
  return { externalSecrets, stores };
}

/**
 * Matches labels against an equality-based label selector as the Kubernetes
 * plugin's `backstage.io/kubernetes-label-selector` holds it: `a=b`, `a==b`,
 * `a!=b`, `a`, `!a`, comma separated. Set-based terms (`in`, `notin`) never match.
 * @public
 */
export function matchesLabelSelector(
  labels: Record<string, string> | undefined,
  selector: string,
): boolean {
  const l = labels ?? {};
  const terms = selector
    .split(',')
    .map(t => t.trim())
    .filter(Boolean);
  if (!terms.length) return false;
  return terms.every(term => {
    let m = /^([^!=\s]+)\s*!=\s*(\S*)$/.exec(term);
    if (m) return l[m[1]] !== m[2];
    m = /^([^!=\s]+)\s*==?\s*(\S*)$/.exec(term);
    if (m) return l[m[1]] === m[2];
    m = /^!([^!=\s]+)$/.exec(term);
    if (m) return !(m[1] in l);
    if (/^[^!=\s()]+$/.test(term)) return term in l;
    return false;
  });
}

/** The annotation an offline dump may carry on its List: when it was taken. */
const CAPTURED_AT = 'secrets.ameide.io/captured-at';

/**
 * One cluster's snapshot from parsed documents of
 * `kubectl get externalsecrets,secretstores,clustersecretstores,events -A -o yaml`
 * (a `v1 List` with `items`), or single objects, one per document.
 * Throws an `Error` naming the cluster when a document is neither.
 * @public
 */
export function clusterSnapshotFromDocuments(
  documents: unknown[],
  target: { cluster: string; environment?: string },
): ClusterSnapshot {
  const items: Obj[] = [];
  let capturedAt: unknown;
  for (const doc of documents) {
    const d = doc as Obj;
    if (Array.isArray(d?.items)) {
      items.push(...d.items);
      // kubectl does not record when; our dumps may carry it as an annotation
      capturedAt ??= d.metadata?.annotations?.[CAPTURED_AT];
    } else if (d && typeof d === 'object' && d.kind) {
      items.push(d);
    } else {
      throw new Error(
        `Snapshot for cluster ${target.cluster} is not a Kubernetes List`,
      );
    }
  }
  const { externalSecrets, stores } = fromListItems(
    items,
    target.cluster,
    target.environment,
  );
  return {
    cluster: target.cluster,
    ...(target.environment ? { environment: target.environment } : {}),
    fetchedAt:
      typeof capturedAt === 'string' ? capturedAt : new Date().toISOString(),
    externalSecrets,
    stores,
    warnings: [],
    calls: 0,
  };
}
