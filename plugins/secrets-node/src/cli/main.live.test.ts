/* The command line: the check command with live snapshots. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEMO,
  cli,
  dir,
  writeRepo,
  useTempDir,
  clean,
} from './__testUtils__/cli';

useTempDir();

describe('secrets-guardrails check with live snapshots', () => {
  // kubectl get externalsecrets,secretstores,clustersecretstores,events -A -o json
  const clusterList = {
    apiVersion: 'v1',
    kind: 'List',
    metadata: { resourceVersion: '' },
    items: [
      {
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        metadata: { name: 'orders', namespace: 'ameide' },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
          target: { name: 'orders' },
        },
        status: {
          conditions: [
            {
              type: 'Ready',
              status: 'False',
              reason: 'SecretSyncedError',
              message: 'could not get secret data from provider',
            },
          ],
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Event',
        type: 'Warning',
        reason: 'UpdateFailed',
        message: 'Code: 403. Errors: * permission denied',
        lastTimestamp: '2026-11-25T03:00:00Z',
        involvedObject: {
          kind: 'ExternalSecret',
          namespace: 'ameide',
          name: 'orders',
        },
        metadata: { name: 'orders.1', namespace: 'ameide' },
      },
    ],
  };

  it('reports a sync error with the id and message of the backend', async () => {
    writeRepo(clean);
    writeFileSync(join(dir, 'cluster.json'), JSON.stringify(clusterList));
    const r = await cli(
      'check',
      dir,
      '--env',
      'dev',
      '--cluster-snapshot',
      `dev:kind-dev=${join(dir, 'cluster.json')}`,
      '--format',
      'json',
    );
    expect(r.code).toBe(1);
    const live = JSON.parse(r.stdout).findings.filter((f: { id: string }) =>
      f.id.startsWith('live:'),
    );
    expect(live.map((f: { id: string }) => f.id)).toEqual([
      'live:sync-error:kind-dev:ameide:orders',
    ]);
    expect(live[0].severity).toBe('error');
    expect(live[0].message).toBe(
      'ExternalSecret ameide/orders in cluster kind-dev is not synced (Ready=False, SecretSyncedError): Code: 403. Errors: * permission denied',
    );
    // the single analysed environment is meant; the cluster is named after it
    writeFileSync(
      join(dir, 'cluster.yaml'),
      `apiVersion: v1\nkind: List\nitems:\n${clusterList.items
        .map(item => `- ${JSON.stringify(item)}\n`)
        .join('')}`,
    );
    const text = await cli(
      'check',
      dir,
      '--env',
      'dev',
      '--cluster-snapshot',
      join(dir, 'cluster.yaml'),
    );
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      'ExternalSecret ameide/orders in cluster dev is not synced',
    );
  });

  it('reports a placeholder left in the production Vault from a metadata dump', async () => {
    const file = join(dir, 'vault.json');
    writeFileSync(
      file,
      JSON.stringify({
        mount: 'secret',
        keys: {
          'platform-app-client-secret': {
            current_version: 1,
            created_time: '2026-06-01T10:00:00Z',
            updated_time: '2026-06-01T10:00:00Z',
            custom_metadata: null,
            versions: {
              '1': {
                created_time: '2026-06-01T10:00:00Z',
                deletion_time: '',
                destroyed: false,
              },
            },
            placeholder: { value: true },
          },
        },
        subkeys: { 'platform-app-client-secret': { subkeys: { value: null } } },
      }),
    );
    const r = await cli(
      'check',
      DEMO,
      '--vault-snapshot',
      `production=${file}`,
      '--format',
      'sarif',
      '--fail-on',
      'never',
    );
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout).runs[0].results as Array<{
      ruleId: string;
      level: string;
      message: { text: string };
    }>;
    const placeholder = results.filter(
      x =>
        x.ruleId === 'placeholder-in-vault' &&
        /still holds/.test(x.message.text),
    );
    expect(
      placeholder.map(x => [x.level, x.message.text.split(' Fix: ')[0]]),
    ).toEqual([
      [
        'error',
        'Vault key "platform-app-client-secret" (property "value") in production still holds a dev fixture value.',
      ],
    ]);
  });

  it('exits 2 naming the file on a missing, malformed or wrongly shaped snapshot', async () => {
    writeRepo(clean);
    writeFileSync(
      join(dir, 'bad.yaml'),
      'items: [\n  - {kind: ExternalSecret\n',
    );
    writeFileSync(join(dir, 'shape.json'), '{"foo": 1}');
    writeFileSync(
      join(dir, 'values.json'),
      '{"keys": {"a": {"data": {"value": "hunter2"}}}}',
    );
    const cases: Array<[string, string, RegExp]> = [
      [
        '--cluster-snapshot',
        join(dir, 'missing.yaml'),
        /Cannot read snapshot .*missing\.yaml \(ENOENT\)/,
      ],
      [
        '--cluster-snapshot',
        join(dir, 'bad.yaml'),
        /Invalid snapshot .*bad\.yaml: /,
      ],
      [
        '--cluster-snapshot',
        join(dir, 'shape.json'),
        /Invalid snapshot .*shape\.json: not the output of kubectl/,
      ],
      [
        '--vault-snapshot',
        join(dir, 'shape.json'),
        /Invalid snapshot .*shape\.json: Vault snapshot for dev has no "keys" map/,
      ],
      [
        '--vault-snapshot',
        join(dir, 'values.json'),
        /values\.json: .*contains values \(key a\); dump metadata only/,
      ],
      [
        '--cluster-snapshot',
        `prod=${join(dir, 'shape.json')}`,
        /environment "prod" is not one the check analysed \(dev\)/,
      ],
    ];
    for (const [option, value, message] of cases) {
      const r = await cli('check', dir, '--env', 'dev', option, value);
      expect({ value, code: r.code }).toEqual({ value, code: 2 });
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at |hunter2/);
    }
    // several environments: the snapshot must say which
    const r = await cli(
      'check',
      DEMO,
      '--cluster-snapshot',
      join(dir, 'shape.json'),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/say which environment it is/);
  });
});
