/*
 * The inventory answer of the API, pure: every ExternalSecret, target Secret
 * and remote key name of the report (and the ExternalSecrets only a cluster
 * runs), with its owning entity. Names only: nothing here reads a value,
 * and the snapshots it reads hold none.
 */
import type {
  ExternalSecretDecl,
  InventoryItem,
  InventoryItemKind,
  InventoryResponse,
  SecretsReport,
} from '@ameideio/plugin-secrets-common';
import {
  entityFor,
  entityLinkOf,
  type EntityLink,
  type LiveIndex,
  liveStatusesOf,
  normalizeEntityRef,
} from '@ameideio/plugin-secrets-node';
import type { Entity } from '@backstage/catalog-model';
import { ownsUnowned } from './join';

interface Draft {
  item: InventoryItem;
  sets: Record<
    | 'environments'
    | 'clusters'
    | 'stores'
    | 'providers'
    | 'externalSecrets'
    | 'targetSecrets'
    | 'keys'
    | 'readers',
    Set<string>
  >;
}

const KEY_PROVIDERS = new Set(['vault']);

/** `VaultKey` for Vault stores and stores the repository does not declare; else `RemoteKey`. */
function keyKind(es: ExternalSecretDecl): InventoryItemKind {
  return !es.provider || KEY_PROVIDERS.has(es.provider)
    ? 'VaultKey'
    : 'RemoteKey';
}

/**
 * Builds the inventory.
 *
 * @param entities - catalog entities with the chart annotation, as the caller may read them
 * @param options.visible - normalised refs of the entities the caller may read: items
 *   owned by any other entity are counted in `hidden`, not listed
 */
export function inventoryResponse(
  report: SecretsReport | undefined,
  live: LiveIndex | undefined,
  entities: readonly Entity[],
  options: { visible: ReadonlySet<string> },
): InventoryResponse {
  const links: EntityLink[] = [];
  const owners = new Map<string, string | undefined>();
  for (const e of entities) {
    const link = entityLinkOf(e);
    if (!link) continue;
    links.push(link);
    owners.set(
      link.entityRef,
      typeof e.spec?.owner === 'string' ? e.spec.owner : undefined,
    );
  }
  const releases = new Map((report?.releases ?? []).map(r => [r.name, r]));
  const ownerCache = new Map<string, string | undefined>();
  const entityOf = (release: string, chart?: string) => {
    const k = `${release}\u0000${chart ?? ''}`;
    if (!ownerCache.has(k)) {
      const declared = releases.get(release)?.entityRef;
      ownerCache.set(
        k,
        entityFor(links, release, chart) ??
          (declared ? normalizeEntityRef(declared) : undefined),
      );
    }
    return ownerCache.get(k);
  };

  const drafts = new Map<string, Draft>();
  const draft = (
    kind: InventoryItemKind,
    name: string,
    namespace: string | undefined,
    owner: { entityRef?: string; release?: string; chart?: string },
    origin: InventoryItem['origin'],
    sourceRef?: InventoryItem['sourceRef'],
  ): Draft => {
    const id = `${kind}:${namespace ?? ''}:${name}:${
      owner.release ?? owner.entityRef ?? ''
    }`;
    let d = drafts.get(id);
    if (!d) {
      d = {
        item: {
          id,
          kind,
          name,
          ...(namespace ? { namespace } : {}),
          ...(owner.entityRef
            ? {
                entityRef: owner.entityRef,
                ...(owners.get(owner.entityRef)
                  ? { owner: owners.get(owner.entityRef) }
                  : {}),
              }
            : {}),
          ...(owner.release ? { release: owner.release } : {}),
          ...(owner.chart ? { chart: owner.chart } : {}),
          environments: [],
          clusters: [],
          stores: [],
          providers: [],
          externalSecrets: [],
          targetSecrets: [],
          keys: [],
          readers: [],
          origin,
          ...(sourceRef
            ? {
                sourceRef: {
                  file: sourceRef.file,
                  ...(sourceRef.line ? { line: sourceRef.line } : {}),
                },
              }
            : {}),
        },
        sets: {
          environments: new Set(),
          clusters: new Set(),
          stores: new Set(),
          providers: new Set(),
          externalSecrets: new Set(),
          targetSecrets: new Set(),
          keys: new Set(),
          readers: new Set(),
        },
      };
      drafts.set(id, d);
    }
    return d;
  };

  // who reads each Secret: `${env}|${namespace}|${secret}` and `${env}||${secret}`
  const readersOf = new Map<string, Set<string>>();
  for (const r of report?.readers ?? []) {
    if (!r.workload) continue;
    for (const ns of r.namespace ? [r.namespace, ''] : ['']) {
      const k = `${r.environment}|${ns}|${r.secret}`;
      const set = readersOf.get(k) ?? new Set<string>();
      set.add(`${r.workload.kind}/${r.workload.name}`);
      readersOf.set(k, set);
    }
  }
  const readersFor = (env: string, namespace: string | undefined, s: string) =>
    readersOf.get(`${env}|${namespace ?? ''}|${s}`) ?? new Set<string>();

  for (const es of report?.externalSecrets ?? []) {
    const owner = {
      entityRef: entityOf(es.release, es.chart),
      release: es.release,
      chart: es.chart,
    };
    const store = `${es.storeRef.kind}/${es.storeRef.name}`;
    const clusters =
      live && es.kind !== 'PushSecret'
        ? liveStatusesOf(live, es.environment, es).map(s => s.cluster)
        : [];
    const readers = readersFor(es.environment, es.namespace, es.targetSecret);
    const keys = es.keys.map(k => k.key);

    const add = (
      d: Draft,
      extra: Partial<Record<keyof Draft['sets'], Iterable<string>>>,
    ) => {
      d.sets.environments.add(es.environment);
      d.sets.stores.add(store);
      if (es.provider) d.sets.providers.add(es.provider);
      for (const c of clusters) d.sets.clusters.add(c);
      for (const [k, values] of Object.entries(extra))
        for (const v of values ?? []) d.sets[k as keyof Draft['sets']].add(v);
    };

    add(draft(es.kind, es.name, es.namespace, owner, 'git', es.sourceRef), {
      targetSecrets: es.targetSecret ? [es.targetSecret] : [],
      keys,
      readers,
    });
    if (es.targetSecret && es.kind !== 'PushSecret')
      add(draft('Secret', es.targetSecret, es.namespace, owner, 'git'), {
        externalSecrets: [es.name],
        keys,
        readers,
      });
    for (const key of new Set(keys))
      add(draft(keyKind(es), key, undefined, owner, 'git'), {
        externalSecrets: [es.name],
        targetSecrets:
          es.targetSecret && es.kind !== 'PushSecret' ? [es.targetSecret] : [],
        readers,
      });
  }

  // ExternalSecrets only a cluster runs: owned by the Kubernetes annotations
  for (const es of live?.unowned ?? []) {
    const entity = entities.find(e => ownsUnowned(e, es));
    const entityRef = entity ? entityLinkOf(entity)?.entityRef : undefined;
    const d = draft(
      'ExternalSecret',
      es.name,
      es.namespace,
      { entityRef, ...(es.helmRelease ? { release: es.helmRelease } : {}) },
      'cluster',
    );
    if (es.environment) d.sets.environments.add(es.environment);
    d.sets.clusters.add(es.cluster);
    if (es.storeRef)
      d.sets.stores.add(`${es.storeRef.kind}/${es.storeRef.name}`);
    if (es.targetSecret) d.sets.targetSecrets.add(es.targetSecret);
  }

  // environments in the report's order (local, dev, ..., production)
  const envOrder = new Map(
    (report?.environments ?? []).map((e, i) => [e, i] as const),
  );
  const byEnvironment = (a: string, b: string) =>
    (envOrder.get(a) ?? Infinity) - (envOrder.get(b) ?? Infinity) ||
    a.localeCompare(b);

  let hidden = 0;
  const items: InventoryItem[] = [];
  for (const d of drafts.values()) {
    if (d.item.entityRef && !options.visible.has(d.item.entityRef)) {
      hidden++;
      continue;
    }
    for (const [k, set] of Object.entries(d.sets))
      (d.item as unknown as Record<string, string[]>)[k] =
        k === 'environments' ? [...set].sort(byEnvironment) : [...set].sort();
    items.push(d.item);
  }
  items.sort(
    (a, b) =>
      a.kind.localeCompare(b.kind) ||
      a.name.localeCompare(b.name) ||
      (a.namespace ?? '').localeCompare(b.namespace ?? '') ||
      a.id.localeCompare(b.id),
  );
  return {
    ...(report?.generatedAt ? { generatedAt: report.generatedAt } : {}),
    items,
    hidden,
  };
}
