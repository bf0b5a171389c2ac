import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';

/** Options of {@link CatalogLookupCache}. */
export interface CatalogLookupCacheOptions {
  /** How long a looked-up entity is reused at most. Default 10 s. */
  ttlMs?: number;
  /** Entries kept at most; the cache starts over past it. Default 20,000. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry<T> {
  at: number;
  generation: number;
  entity: Promise<T>;
}

/** Who a catalog read was made for: the catalog authorizes per caller. */
export function principalKey(credentials: BackstageCredentials): string {
  const p = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (p.type === 'user') return `user:${p.userEntityRef}`;
  if (p.type === 'service') return `service:${p.subject}`;
  return String(p.type ?? 'unknown');
}

/**
 * Catalog reads reused per caller and key (an entity reference, or the list
 * of chart entities the platform-wide views read) within one refresh
 * generation and for a few seconds at most. The catalog still decides what
 * each caller may read (an entry is never shared between callers); a change
 * in the catalog shows after the TTL, and a new refresh starts over.
 * Concurrent reads of the same entry share one catalog call. Not-found
 * answers and failures are not kept.
 */
export class CatalogLookupCache<T = Entity | undefined> {
  private readonly entries = new Map<string, Entry<T>>();
  /** How long an entry is reused at most. */
  readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: CatalogLookupCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10_000;
    this.maxEntries = options.maxEntries ?? 20_000;
    this.now = options.now ?? Date.now;
  }

  get(
    caller: string,
    entityRef: string,
    generation: number,
    load: () => Promise<T>,
  ): Promise<T> {
    if (this.ttlMs <= 0) return load();
    const key = `${caller}\n${entityRef}`;
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation && now - hit.at < this.ttlMs) {
      return hit.entity;
    }
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const entry: Entry<T> = { at: now, generation, entity: load() };
    this.entries.set(key, entry);
    const forget = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    entry.entity.then(e => {
      if (!e) forget();
    }, forget);
    return entry.entity;
  }
}
