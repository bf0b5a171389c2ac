/*
 * Reads ESO resources, Secrets, stores and workload references out of
 * rendered documents.
 */
import type {
  ExternalSecretDecl,
  OriginClass,
  VaultKeyRef,
} from '@ameideio/plugin-secrets-common';
import type { RenderedDoc } from './render';
import { isSecretReference } from './secretReference';

const ORIGINS: OriginClass[] = [
  'external',
  'service-generated',
  'cluster-managed',
  'unknown',
];

/**
 * A Vault key as the fixture map and coverage name it: no leading slash and
 * no `secret/data/` prefix of the KV v2 HTTP path.
 * @public
 */
export function normalizeKey(key: string): string {
  return key.replace(/^\/+/, '').replace(/^secret\/data\//, '');
}

function origin(v: unknown, fallback: OriginClass): OriginClass {
  return ORIGINS.includes(v as OriginClass) ? (v as OriginClass) : fallback;
}

/** Drops keys whose value is undefined, so the JSON contract and deep equality agree. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined),
  ) as T;
}

export interface ExtractedES extends ExternalSecretDecl {
  /** remoteRef problems noticed while reading (convention). */
  conventionIssues: Array<{ key: string; issue: string }>;
}

/** Extraction per rendered document object and place; rendered documents are reused between runs. */
const extracted = new WeakMap<object, Map<string, ExtractedES | undefined>>();

export function extractExternalSecret(
  d: RenderedDoc,
  originAnnotation: string,
): ExtractedES | undefined {
  const place = [
    d.release,
    d.environment,
    d.file,
    d.line,
    d.chart,
    originAnnotation,
  ].join('\u0000');
  let byPlace = extracted.get(d.obj);
  if (!byPlace) {
    byPlace = new Map();
    extracted.set(d.obj, byPlace);
  }
  if (!byPlace.has(place))
    byPlace.set(place, extractFresh(d, originAnnotation));
  const es = byPlace.get(place);
  // a copy: the analysis completes the namespace of its own result
  return es && { ...es };
}

function extractFresh(
  d: RenderedDoc,
  originAnnotation: string,
): ExtractedES | undefined {
  const o = d.obj;
  const kind = o.kind as string;
  if (!String(o.apiVersion ?? '').startsWith('external-secrets.io/'))
    return undefined;
  if (!['ExternalSecret', 'ClusterExternalSecret', 'PushSecret'].includes(kind))
    return undefined;
  const spec =
    kind === 'ClusterExternalSecret'
      ? o.spec?.externalSecretSpec ?? {}
      : o.spec ?? {};
  const esOrigin = origin(
    o.metadata?.annotations?.[originAnnotation],
    'external',
  );
  const keys: VaultKeyRef[] = [];
  const conventionIssues: ExtractedES['conventionIssues'] = [];
  if (kind === 'PushSecret') {
    for (const item of o.spec?.data ?? []) {
      const rk = item?.match?.remoteRef?.remoteKey;
      if (rk) {
        keys.push({
          key: normalizeKey(String(rk)),
          property: item?.match?.remoteRef?.property ?? 'value',
          secretKey: item?.match?.secretKey,
          via: 'data',
          origin: 'service-generated',
        });
      }
    }
  }
  for (const item of spec.data ?? []) {
    const ref = item?.remoteRef;
    const rawKey = typeof ref === 'string' ? ref : ref?.key;
    if (!rawKey) continue;
    const property =
      typeof ref === 'object' && ref?.property
        ? String(ref.property)
        : undefined;
    const key = normalizeKey(String(rawKey));
    if (!property)
      conventionIssues.push({
        key,
        issue:
          'no property: ESO reads the whole Vault secret as JSON; the convention is `property: value`',
      });
    if (String(rawKey).startsWith('secret/data/'))
      conventionIssues.push({
        key,
        issue:
          'key includes the KV v2 mount prefix `secret/data/`; the store already adds the mount',
      });
    keys.push({
      key,
      property: property ?? 'value',
      secretKey: item?.secretKey,
      via: 'data',
      origin: origin(
        item?.origin ??
          o.metadata?.annotations?.[`${originAnnotation}.${item?.secretKey}`],
        esOrigin,
      ),
    });
  }
  for (const item of spec.dataFrom ?? []) {
    if (item?.extract?.key) {
      keys.push({
        key: normalizeKey(String(item.extract.key)),
        via: 'dataFrom.extract',
        origin: esOrigin,
      });
    } else if (item?.find) {
      const f = item.find;
      const pattern = f.name?.regexp ?? (f.path ? `${f.path}.*` : '.*');
      keys.push({
        key: String(pattern),
        via: 'dataFrom.find',
        origin: esOrigin,
      });
    }
  }
  const storeRef =
    kind === 'PushSecret'
      ? {
          kind: o.spec?.secretStoreRefs?.[0]?.kind ?? 'SecretStore',
          name: o.spec?.secretStoreRefs?.[0]?.name ?? '',
        }
      : {
          kind: spec.secretStoreRef?.kind ?? 'SecretStore',
          name: spec.secretStoreRef?.name ?? '',
        };
  return compact<ExtractedES>({
    kind: kind as ExternalSecretDecl['kind'],
    apiVersion: String(o.apiVersion),
    name: String(o.metadata?.name ?? ''),
    namespace: o.metadata?.namespace,
    storeRef: {
      kind:
        storeRef.kind === 'ClusterSecretStore'
          ? ('ClusterSecretStore' as const)
          : ('SecretStore' as const),
      name: String(storeRef.name),
    },
    targetSecret:
      kind === 'PushSecret'
        ? String(o.spec?.selector?.secret?.name ?? '')
        : String(spec.target?.name ?? o.metadata?.name ?? ''),
    refreshInterval:
      spec.refreshInterval ??
      (kind === 'PushSecret' ? o.spec?.refreshInterval : '1h'),
    refreshPolicy: spec.refreshPolicy,
    creationPolicy: spec.target?.creationPolicy ?? 'Owner',
    release: d.release,
    chart: d.chart,
    environment: d.environment,
    origin: esOrigin,
    sourceRef: compact({ file: d.file, line: d.line }),
    keys: keys.map(compact),
    conventionIssues,
  });
}

const WORKLOADS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Pod',
  'ReplicaSet',
]);

export interface SecretConsumer {
  secret: string;
  namespace?: string;
  how:
    | 'secretKeyRef'
    | 'envFrom'
    | 'volume'
    | 'imagePullSecrets'
    | 'existingSecret';
  optional: boolean;
  doc: RenderedDoc;
}

function podSpec(o: Record<string, any>): Record<string, any> | undefined {
  if (o.kind === 'Pod') return o.spec;
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template?.spec;
  return o.spec?.template?.spec;
}

export function extractConsumers(d: RenderedDoc): SecretConsumer[] {
  const o = d.obj;
  if (!WORKLOADS.has(o.kind)) return [];
  const spec = podSpec(o);
  if (!spec) return [];
  const ns = o.metadata?.namespace;
  const out: SecretConsumer[] = [];
  const containers = [
    ...(spec.containers ?? []),
    ...(spec.initContainers ?? []),
  ];
  for (const c of containers) {
    for (const env of c?.env ?? []) {
      const ref = env?.valueFrom?.secretKeyRef;
      if (ref?.name)
        out.push({
          secret: String(ref.name),
          namespace: ns,
          how: 'secretKeyRef',
          optional: Boolean(ref.optional),
          doc: d,
        });
    }
    for (const ef of c?.envFrom ?? []) {
      if (ef?.secretRef?.name)
        out.push({
          secret: String(ef.secretRef.name),
          namespace: ns,
          how: 'envFrom',
          optional: Boolean(ef.secretRef.optional),
          doc: d,
        });
    }
  }
  for (const v of spec.volumes ?? []) {
    if (v?.secret?.secretName)
      out.push({
        secret: String(v.secret.secretName),
        namespace: ns,
        how: 'volume',
        optional: Boolean(v.secret.optional),
        doc: d,
      });
    for (const src of v?.projected?.sources ?? []) {
      if (src?.secret?.name)
        out.push({
          secret: String(src.secret.name),
          namespace: ns,
          how: 'volume',
          optional: Boolean(src.secret.optional),
          doc: d,
        });
    }
  }
  for (const p of spec.imagePullSecrets ?? []) {
    if (p?.name)
      out.push({
        secret: String(p.name),
        namespace: ns,
        how: 'imagePullSecrets',
        optional: false,
        doc: d,
      });
  }
  return out;
}

const CREDENTIAL_KEY =
  /(pass(word|wd)?|secret|token|api[-_]?key|private[-_]?key|credential|client[-_]?secret|access[-_]?key|auth)/i;

/** Credential-like keys of a Secret manifest with literal values. Values are never returned. */
export function inlineCredentialKeys(
  o: Record<string, any>,
): Array<{ field: 'data' | 'stringData'; key: string }> {
  if (o.kind !== 'Secret' || o.apiVersion !== 'v1') return [];
  const keys: Array<{ field: 'data' | 'stringData'; key: string }> = [];
  for (const field of ['data', 'stringData'] as const) {
    const m = o[field];
    if (!m || typeof m !== 'object') continue;
    for (const [k, v] of Object.entries(m)) {
      if (!CREDENTIAL_KEY.test(k)) continue;
      const s = v === null || v === undefined ? '' : String(v);
      if (!s.trim()) continue;
      if (
        /\{\{.*\}\}/s.test(s) ||
        /^\$\{[A-Za-z0-9_]+\}$/.test(s.trim()) ||
        s.includes('__helm_unknown__') ||
        isSecretReference(s)
      )
        continue;
      keys.push({ field, key: k });
    }
  }
  return keys;
}
