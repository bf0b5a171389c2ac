/*
 * The live index: cluster and Vault snapshots keyed for look-ups by
 * environment, namespace and name, and the state questions the backend's
 * views ask of it (synced? present in Vault?).
 */
import type {
  ExternalSecretDecl,
  Finding,
  LiveExternalSecretStatus,
  LiveStoreStatus,
  VaultKeyState,
} from '@ameideio/plugin-secrets-common';
import type { ClusterSnapshot, VaultSnapshot } from './types';

/**
 * Live snapshots indexed for look-ups, with the findings that need live
 * data. @public
 */
export interface LiveIndex {
  /** Statuses by `${env}|${namespace}|${name}` (one per cluster of that env). */
  externalSecrets: Map<string, LiveExternalSecretStatus[]>;
  /** Environments with at least one cluster whose data is available. */
  clusterEnvironments: Set<string>;
  /** Store statuses by {@link storeKey}. */
  stores: Map<string, LiveStoreStatus>;
  /** Vault snapshots by environment. */
  vault: Map<string, VaultSnapshot>;
  /** The live findings. */
  findings: Finding[];
  /** ExternalSecrets in a cluster that no chart declares. */
  unowned: LiveExternalSecretStatus[];
}

const OK_REASONS = new Set(['SecretSynced', 'ResourceSynced']);

/** The {@link LiveIndex} key of an ExternalSecret. @public */
export const esKey = (
  env: string,
  namespace: string | undefined,
  name: string,
): string => `${env}|${namespace ?? ''}|${name}`;

/** The {@link LiveIndex} key of a store in a cluster. @public */
export const storeKey = (
  cluster: string,
  kind: string,
  namespace: string | undefined,
  name: string,
): string =>
  `${cluster}|${kind}|${
    kind === 'ClusterSecretStore' ? '' : namespace ?? ''
  }|${name}`;

/**
 * Synced means Ready=True *and* reason SecretSynced: Ready=True also
 * occurs for SecretDeleted/SecretMissing. @public
 */
export function isSynced(es: LiveExternalSecretStatus): boolean {
  return (
    es.ready === 'True' &&
    (es.reason === undefined || OK_REASONS.has(es.reason))
  );
}

/** Live statuses of a declared ExternalSecret in one environment. @public */
export function liveStatusesOf(
  index: Pick<LiveIndex, 'externalSecrets'>,
  env: string,
  decl: Pick<ExternalSecretDecl, 'namespace' | 'name'>,
): LiveExternalSecretStatus[] {
  if (decl.namespace !== undefined)
    return (
      index.externalSecrets.get(esKey(env, decl.namespace, decl.name)) ?? []
    );
  const out: LiveExternalSecretStatus[] = [];
  for (const [k, v] of index.externalSecrets) {
    if (k.startsWith(`${env}|`) && k.endsWith(`|${decl.name}`)) out.push(...v);
  }
  return out;
}

/** Vault presence and placeholder state of one key property in one environment. @public */
export function vaultStateOf(
  index: Pick<LiveIndex, 'vault'>,
  env: string,
  key: string,
  property: string | undefined,
): VaultKeyState {
  const snap = index.vault.get(env);
  if (!snap) return { present: null, placeholder: null };
  const meta = snap.keys[key];
  if (!meta || meta.deleted) {
    return { present: snap.truncated ? null : false, placeholder: null };
  }
  const present =
    property && meta.properties ? meta.properties.includes(property) : true;
  const placeholder =
    property && meta.placeholder && property in meta.placeholder
      ? meta.placeholder[property]
      : null;
  return {
    present,
    placeholder,
    ...(meta.currentVersion !== undefined
      ? { version: meta.currentVersion }
      : {}),
    ...(meta.updatedTime ? { updatedTime: meta.updatedTime } : {}),
  };
}

/** The look-up maps of the snapshots (no findings yet). */
export function indexSnapshots(
  clusters: ClusterSnapshot[],
  vaults: VaultSnapshot[],
): LiveIndex {
  const index: LiveIndex = {
    externalSecrets: new Map(),
    clusterEnvironments: new Set(),
    stores: new Map(),
    vault: new Map(vaults.map(v => [v.environment, v])),
    findings: [],
    unowned: [],
  };
  for (const c of clusters) {
    if (c.environment) index.clusterEnvironments.add(c.environment);
    for (const es of c.externalSecrets) {
      const k = esKey(c.environment ?? '*', es.namespace, es.name);
      const list = index.externalSecrets.get(k) ?? [];
      list.push(es);
      index.externalSecrets.set(k, list);
    }
    for (const s of c.stores)
      index.stores.set(storeKey(c.cluster, s.kind, s.namespace, s.name), s);
  }
  return index;
}
