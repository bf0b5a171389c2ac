import { createMockDirectory } from '@backstage/backend-test-utils';
import { SnapshotClusterSource } from '../kubernetes/SnapshotClusterSource';
import { SnapshotVaultSource } from './SnapshotVaultSource';

describe('offline snapshots', () => {
  const dir = createMockDirectory();

  it('reads a Vault metadata dump with a recorded failure', async () => {
    dir.setContent({
      'vault.json': JSON.stringify({
        environment: 'staging',
        mount: 'kv',
        capturedAt: '2026-11-25T03:20:00Z',
        keys: {
          a: {
            current_version: 2,
            updated_time: '2026-11-01T00:00:00Z',
            properties: ['value'],
            placeholder: { value: true },
          },
          b: { deleted: true },
        },
        failure: {
          errorClass: 'sealed',
          statusCode: 503,
          message: 'Vault staging sealed (503)',
        },
      }),
    });
    const snap = await SnapshotVaultSource.create({
      environment: 'staging',
      file: dir.resolve('vault.json'),
    }).read();
    expect(snap).toStrictEqual({
      environment: 'staging',
      mount: 'kv',
      fetchedAt: '2026-11-25T03:20:00Z',
      warnings: [],
      calls: 0,
      keys: {
        a: {
          currentVersion: 2,
          updatedTime: '2026-11-01T00:00:00Z',
          properties: ['value'],
          placeholder: { value: true },
        },
        b: { deleted: true, properties: null },
      },
      failure: {
        errorClass: 'sealed',
        statusCode: 503,
        message: 'Vault staging sealed (503)',
      },
    });
  });

  it('refuses a dump that contains values, without echoing them', async () => {
    dir.setContent({
      'vault.yaml': 'keys:\n  a:\n    data: { value: hunter2-secret }\n',
    });
    const err = await SnapshotVaultSource.create({
      environment: 'prod',
      file: dir.resolve('vault.yaml'),
    })
      .read()
      .catch(e => e);
    expect(err).toMatchObject({ errorClass: 'invalid' });
    expect(err.message).not.toContain('hunter2');
  });

  it('reports invalid YAML by line, without content', async () => {
    dir.setContent({
      'c.yaml':
        'items:\n  - kind: ExternalSecret\n    metadata: {name: [unclosed\n',
    });
    const err = await SnapshotClusterSource.create({
      cluster: 'c',
      files: [dir.resolve('c.yaml')],
    })
      .read()
      .catch(e => e);
    expect(err).toMatchObject({ errorClass: 'invalid' });
    expect(err.message).toMatch(/^Snapshot c\.yaml: invalid YAML/);
    expect(err.message).not.toContain('unclosed');
  });

  it('merges ExternalSecrets and events from two kubectl files', async () => {
    dir.setContent({
      'es.yaml':
        'apiVersion: v1\nkind: List\nitems:\n- kind: ExternalSecret\n  metadata: {name: a, namespace: n}\n  status: {conditions: [{type: Ready, status: "False", reason: SecretSyncedError}]}\n',
      'ev.yaml':
        'apiVersion: v1\nkind: List\nitems:\n- kind: Event\n  type: Warning\n  reason: UpdateFailed\n  message: permission denied\n  lastTimestamp: "2026-11-25T00:00:00Z"\n  involvedObject: {kind: ExternalSecret, name: a, namespace: n}\n',
    });
    const snap = await SnapshotClusterSource.create({
      cluster: 'c',
      environment: 'prod',
      files: [dir.resolve('es.yaml'), dir.resolve('ev.yaml')],
    }).read();
    expect(snap.externalSecrets[0].lastWarning).toStrictEqual({
      reason: 'UpdateFailed',
      message: 'permission denied',
      time: '2026-11-25T00:00:00Z',
    });
  });
});
