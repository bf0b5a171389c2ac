import {
  propertiesFromSubkeys,
  vaultKeyMetadataFromResponse,
  vaultSnapshotFromDump,
} from './vault';

// the `data` of GET /v1/secret/metadata/orders-db-password
const metadata = {
  cas_required: false,
  created_time: '2026-06-01T10:00:00.000000Z',
  current_version: 3,
  custom_metadata: null,
  delete_version_after: '0s',
  max_versions: 0,
  oldest_version: 1,
  updated_time: '2026-11-20T08:00:00.000000Z',
  versions: {
    '1': {
      created_time: '2026-06-01T10:00:00.000000Z',
      deletion_time: '',
      destroyed: false,
    },
    '3': {
      created_time: '2026-11-20T08:00:00.000000Z',
      deletion_time: '',
      destroyed: false,
    },
  },
};

describe('Vault KV v2 answers', () => {
  it('reduces a metadata response to version and times', () => {
    expect(vaultKeyMetadataFromResponse(metadata)).toStrictEqual({
      properties: null,
      currentVersion: 3,
      createdTime: '2026-06-01T10:00:00.000000Z',
      updatedTime: '2026-11-20T08:00:00.000000Z',
    });
  });

  it.each([
    [{ deletion_time: '2026-11-21T00:00:00Z', destroyed: false }],
    [{ deletion_time: '', destroyed: true }],
  ])('marks a deleted or destroyed current version (%p)', v => {
    const meta = vaultKeyMetadataFromResponse({
      ...metadata,
      versions: { '3': v },
    });
    expect(meta.deleted).toBe(true);
  });

  it('reads property names from subkeys, sorted', () => {
    expect(
      propertiesFromSubkeys({
        subkeys: { username: null, password: null },
        metadata: { version: 3 },
      }),
    ).toEqual(['password', 'username']);
    expect(propertiesFromSubkeys(undefined)).toEqual([]);
  });
});

describe('vaultSnapshotFromDump', () => {
  it('reads the documented dump: metadata per key, subkeys per key', () => {
    const snap = vaultSnapshotFromDump(
      {
        mount: '/secret/',
        capturedAt: '2026-11-25T03:40:00Z',
        keys: { 'orders-db-password': metadata, 'team/app/db': {} },
        subkeys: { 'orders-db-password': { subkeys: { value: null } } },
      },
      'production',
    );
    expect(snap).toStrictEqual({
      environment: 'production',
      mount: 'secret',
      fetchedAt: '2026-11-25T03:40:00Z',
      keys: {
        'orders-db-password': {
          properties: ['value'],
          currentVersion: 3,
          createdTime: '2026-06-01T10:00:00.000000Z',
          updatedTime: '2026-11-20T08:00:00.000000Z',
        },
        'team/app/db': { properties: null },
      },
      warnings: [],
      calls: 0,
    });
  });

  it('keeps property names and placeholder flags given directly', () => {
    const snap = vaultSnapshotFromDump(
      {
        keys: {
          a: { properties: ['value'], placeholder: { value: true, x: 'yes' } },
        },
      },
      'staging',
    );
    expect(snap.mount).toBe('secret');
    expect(snap.keys.a).toStrictEqual({
      properties: ['value'],
      placeholder: { value: true, x: false },
    });
  });

  it('rejects a dump without keys, and one with values without echoing them', () => {
    expect(() => vaultSnapshotFromDump([], 'dev')).toThrow(
      'Vault snapshot for dev has no "keys" map',
    );
    let message = '';
    try {
      vaultSnapshotFromDump(
        { keys: { a: { data: { value: 'hunter2-secret' } } } },
        'dev',
      );
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      'Vault snapshot for dev contains values (key a); dump metadata only',
    );
  });
});
