/* NodeVaultSource: listing, metadata, placeholders and the errors Vault answers. */
import { http } from 'msw';
import { SourceError } from '../types';
import {
  V,
  VALUE,
  REAL,
  health,
  vaultError,
  PERMISSION_DENIED,
  kv,
  digests,
  source,
  server,
} from './__testUtils__/fakeVault';

describe('NodeVaultSource', () => {
  it('lists recursively, reads metadata and subkeys, never values without opt-in', async () => {
    const seen: string[] = [];
    server.use(health(), ...kv({ seen }));
    const snap = await source().read({ fixtureDigests: digests });
    expect(snap.keys).toStrictEqual({
      'orders-db-password': {
        currentVersion: 3,
        createdTime: '2026-06-01T10:00:00.000000Z',
        updatedTime: '2026-11-20T08:00:00.000000Z',
        properties: ['username', 'value'],
      },
      'team/old-key': {
        currentVersion: 2,
        createdTime: '2026-06-01T10:00:00.000000Z',
        updatedTime: '2026-11-20T08:00:00.000000Z',
        deleted: true,
        properties: null,
      },
      'team/deep/k': {
        currentVersion: 1,
        createdTime: '2026-06-01T10:00:00.000000Z',
        updatedTime: '2026-11-20T08:00:00.000000Z',
        properties: ['username', 'value'],
      },
    });
    expect(seen.some(s => s.includes('/data/'))).toBe(false);
    expect(snap.warnings).toEqual([]);
  });

  it('reads metadata only for referenced keys, and no subkeys again while a version stays', async () => {
    const seen: string[] = [];
    server.use(health(), ...kv({ seen }));
    const vault = source();
    const referencedKeys = new Set(['orders-db-password', 'not-in-vault']);
    const first = await vault.read({ referencedKeys });
    // listed keys nobody references exist, without a metadata read
    expect(first.keys['team/deep/k']).toStrictEqual({ properties: null });
    expect(first.keys['orders-db-password'].properties).toEqual([
      'username',
      'value',
    ]);
    const reads = (prefix: string) =>
      seen.filter(x => x.startsWith(`GET /v1/secret/${prefix}`)).length;
    expect(reads('metadata/team/deep/k')).toBe(0);
    expect(reads('metadata/orders-db-password')).toBe(1);
    expect(reads('subkeys/')).toBe(1);
    // 3 LISTs + health + 1 metadata + 1 subkeys
    expect(first.calls).toBe(6);

    const second = await vault.read({ referencedKeys });
    expect(second.keys).toStrictEqual(first.keys);
    expect(reads('metadata/orders-db-password')).toBe(2);
    expect(reads('subkeys/')).toBe(1);
    expect(second.calls).toBe(5);
  });

  it('detects a placeholder by digest and keeps only a boolean', async () => {
    server.use(health(), ...kv());
    const snap = await source({ placeholderDetection: true }).read({
      fixtureDigests: digests,
    });
    expect(snap.keys['orders-db-password'].placeholder).toStrictEqual({
      value: true,
    });
    expect(JSON.stringify(snap)).not.toContain(VALUE);

    server.use(...kv({ value: REAL }));
    const real = await source({ placeholderDetection: true }).read({
      fixtureDigests: digests,
    });
    expect(real.keys['orders-db-password'].placeholder).toStrictEqual({
      value: false,
    });
    expect(JSON.stringify(real)).not.toContain(REAL);
  });

  it('bounds the recursion', async () => {
    server.use(health(), ...kv());
    const snap = await source({ maxDepth: 2 }).read();
    expect(Object.keys(snap.keys).sort()).toEqual([
      'orders-db-password',
      'team/old-key',
    ]);
    expect(snap.truncated).toBe(true);
  });

  it('reports a sealed Vault as sealed (503)', async () => {
    server.use(health({ sealed: true }, 503));
    const err = await source()
      .read()
      .catch(e => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err).toMatchObject({
      errorClass: 'sealed',
      statusCode: 503,
      message: 'Vault staging sealed (503)',
    });
  });

  it('reports an uninitialized Vault (501)', async () => {
    server.use(health({ initialized: false, sealed: true }, 501));
    await expect(source().read()).rejects.toMatchObject({
      errorClass: 'not-initialized',
      statusCode: 501,
    });
  });

  it('reads from a standby (429) and says so', async () => {
    server.use(health({ standby: true }, 429), ...kv());
    const snap = await source().read();
    expect(Object.keys(snap.keys)).toHaveLength(3);
    expect(snap.warnings).toEqual(['Vault is a standby (429)']);
  });

  it('maps a 403 on LIST to forbidden (403)', async () => {
    server.use(
      health(),
      http.get(`${V}/v1/secret/metadata/`, () =>
        vaultError(403, [PERMISSION_DENIED]),
      ),
    );
    await expect(source().read()).rejects.toMatchObject({
      errorClass: 'forbidden',
      statusCode: 403,
      message: 'Vault staging list: forbidden (403)',
    });
  });

  it('maps a sealed 503 during the listing', async () => {
    server.use(
      health(),
      http.get(`${V}/v1/secret/metadata/`, () =>
        vaultError(503, ['Vault is sealed']),
      ),
    );
    await expect(source().read()).rejects.toMatchObject({
      errorClass: 'sealed',
      statusCode: 503,
    });
  });

  it('treats an empty mount (404 with no errors) as no keys', async () => {
    server.use(
      health(),
      http.get(`${V}/v1/secret/metadata/`, () => vaultError(404, [])),
    );
    const snap = await source().read();
    expect(snap.keys).toStrictEqual({});
  });

  it('keeps metadata when subkeys are forbidden', async () => {
    server.use(
      health(),
      http.get(`${V}/v1/secret/subkeys/:path*`, () =>
        vaultError(403, [PERMISSION_DENIED]),
      ),
      ...kv(),
    );
    const snap = await source().read();
    expect(snap.keys['orders-db-password'].properties).toBeNull();
    expect(snap.warnings).toEqual(['subkeys: forbidden (403)']);
  });

  it.each([
    // a KV v2 mount of a Vault before 1.10: no such path
    [404, ['1 error occurred:\n\t* unsupported path\n\n']],
    [405, ['1 error occurred:\n\t* unsupported operation\n\n']],
    [404, []],
  ])(
    'falls back to metadata only when subkeys answers %p %j',
    async (code, errors) => {
      let subkeyCalls = 0;
      server.use(
        health(),
        http.get(`${V}/v1/secret/subkeys/:path*`, () => {
          subkeyCalls++;
          return vaultError(code, errors);
        }),
        ...kv(),
      );
      const snap = await source({ concurrency: 1 }).read();
      // unknown, not missing: every property of a present key counts as present
      expect(snap.keys['orders-db-password'].properties).toBeNull();
      expect(snap.keys['team/deep/k'].properties).toBeNull();
      expect(snap.warnings).toEqual([
        `subkeys endpoint not available (${code}): property names unknown, keys checked by metadata only`,
      ]);
      // asked once, not once per key
      expect(subkeyCalls).toBe(1);
    },
  );
});
