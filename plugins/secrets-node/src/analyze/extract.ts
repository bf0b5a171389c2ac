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
  // fed only by ESO generators (Password, ECRAuthorizationToken, ...): no store at all
  const generated =
    kind !== 'PushSecret' &&
    !storeRef.name &&
    (spec.dataFrom ?? []).some((i: any) => i?.sourceRef?.generatorRef);
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
    ...(generated ? { provider: 'generator' } : {}),
    conventionIssues,
  });
}

export { extractConsumers } from './consumers';
export type { SecretConsumer, ConsumerHow } from './consumers/types';
export { inlineCredentialKeys } from './credentials';
