import type { Entity } from '@backstage/catalog-model';
import { mockCredentials } from '@backstage/backend-test-utils';
import { CatalogLookupCache, principalKey } from './entityLookup';

const entity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name },
});

describe('CatalogLookupCache', () => {
  it('reuses a read per caller and entity within a generation and the TTL', async () => {
    let now = 0;
    const cache = new CatalogLookupCache({ ttlMs: 1000, now: () => now });
    const load = jest.fn(async () => entity('a'));
    await cache.get('user:u', 'component:default/a', 1, load);
    await cache.get('user:u', 'component:default/a', 1, load);
    expect(load).toHaveBeenCalledTimes(1);
    now = 1000;
    await cache.get('user:u', 'component:default/a', 1, load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('never shares a read between callers', async () => {
    const cache = new CatalogLookupCache();
    const load = jest.fn(async () => entity('a'));
    await cache.get('user:u', 'component:default/a', 1, load);
    await cache.get('user:v', 'component:default/a', 1, load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('starts over with a new refresh generation', async () => {
    const cache = new CatalogLookupCache();
    const load = jest.fn(async () => entity('a'));
    await cache.get('user:u', 'component:default/a', 1, load);
    await cache.get('user:u', 'component:default/a', 2, load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('shares one catalog call between concurrent reads', async () => {
    const cache = new CatalogLookupCache();
    let resolve!: (e: Entity) => void;
    const load = jest.fn(
      () => new Promise<Entity | undefined>(r => (resolve = r)),
    );
    const a = cache.get('user:u', 'component:default/a', 1, load);
    const b = cache.get('user:u', 'component:default/a', 1, load);
    resolve(entity('a'));
    expect(await a).toEqual(await b);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps neither not-found answers nor failures', async () => {
    const cache = new CatalogLookupCache();
    const missing = jest.fn(async () => undefined);
    await cache.get('user:u', 'component:default/x', 1, missing);
    await cache.get('user:u', 'component:default/x', 1, missing);
    expect(missing).toHaveBeenCalledTimes(2);
    const failing = jest.fn(async (): Promise<Entity | undefined> => {
      throw new Error('catalog down');
    });
    await expect(
      cache.get('user:u', 'component:default/y', 1, failing),
    ).rejects.toThrow('catalog down');
    await expect(
      cache.get('user:u', 'component:default/y', 1, failing),
    ).rejects.toThrow('catalog down');
    expect(failing).toHaveBeenCalledTimes(2);
  });

  it('reads every time with a TTL of 0', async () => {
    const cache = new CatalogLookupCache({ ttlMs: 0 });
    const load = jest.fn(async () => entity('a'));
    await cache.get('user:u', 'component:default/a', 1, load);
    await cache.get('user:u', 'component:default/a', 1, load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('is bounded', async () => {
    const cache = new CatalogLookupCache({ maxEntries: 2 });
    const load = jest.fn(async () => entity('a'));
    for (const n of ['a', 'b', 'c', 'a']) {
      await cache.get('user:u', `component:default/${n}`, 1, load);
    }
    expect(load).toHaveBeenCalledTimes(4);
  });
});

describe('principalKey', () => {
  it('names users by entity ref and services by subject', () => {
    expect(principalKey(mockCredentials.user('user:default/jo'))).toBe(
      'user:user:default/jo',
    );
    expect(principalKey(mockCredentials.service('plugin:x'))).toBe(
      'service:plugin:x',
    );
    expect(principalKey(mockCredentials.none())).toBe('none');
  });
});
