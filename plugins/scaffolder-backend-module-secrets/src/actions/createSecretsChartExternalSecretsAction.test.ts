import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { createSecretsChartExternalSecretsAction } from './createSecretsChartExternalSecretsAction';
import { billingOidcSecret } from './createSecretsChartExternalSecretsAction.examples';
import {
  billingInput,
  contextFor,
  digest,
  makeWorkspace,
  readDir,
  removeDir,
  smallWorkspace,
} from '../__testUtils__/workspace';

const FIXTURES =
  'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml';
const PROD =
  'sources/values/env/production/foundation/foundation-vault-bootstrap.yaml';
const VALUES = 'sources/charts/apps/billing/values.yaml';
const TEMPLATE = 'sources/charts/apps/billing/templates/externalsecret.yaml';

describe('secrets:chart-externalsecrets:create', () => {
  const action = createSecretsChartExternalSecretsAction();
  const dirs: string[] = [];
  const workspace = async (files = smallWorkspace()) => {
    const dir = await makeWorkspace(files);
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(dirs.map(removeDir));
  });

  it('declares its id, dry-run support and a zod-derived input schema', () => {
    expect(action.id).toBe('secrets:chart-externalsecrets:create');
    expect(action.supportsDryRun).toBe(true);
    const schema = action.schema?.input as any;
    expect(schema.required).toEqual(
      expect.arrayContaining([
        'chartPath',
        'serviceName',
        'namespace',
        'secrets',
      ]),
    );
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining([
        'store',
        'refreshInterval',
        'environments',
        'fixtureFiles',
        'productionFixtureFiles',
        'envValuesFiles',
      ]),
    );
    expect(Object.keys((action.schema?.output as any).properties)).toEqual([
      'writtenPaths',
      'fixtureKeysAdded',
      'files',
      'summary',
    ]);
  });

  it('writes the template, the values block and the fixtures, and outputs the paths and keys', async () => {
    const ws = await workspace();
    const { ctx, outputs } = contextFor(ws, billingInput());
    await action.handler(ctx);

    expect(outputs.writtenPaths).toStrictEqual([TEMPLATE, VALUES, FIXTURES]);
    // billing-db-password already had a value: kept, not counted
    expect(outputs.fixtureKeysAdded).toStrictEqual([
      'billing-s3-credentials#access-key',
      'billing-s3-credentials#secret-key',
    ]);
    const files = readDir(ws);
    expect(files[TEMPLATE]).toContain('{{- range .Values.externalSecrets }}');
    expect(files[TEMPLATE]).toContain('{{ include "billing.name" $ }}');
    expect(files[FIXTURES]).toBe(
      [
        '# Dev and CI Vault is seeded from this map.',
        'fixtures:',
        '  smtp-password: local-dev-smtp # shared relay',
        '  billing-db-password: already-set-by-hand',
        '  billing-s3-credentials:',
        '    access-key: placeholder-billing-s3-credentials-access-key-not-a-real-secret',
        '    secret-key: placeholder-billing-s3-credentials-secret-key-not-a-real-secret',
        '',
      ].join('\n'),
    );
    expect(ctx.checkpoint).toHaveBeenCalledTimes(1);
  });

  it('writes the fixture map under the fixture key of the engine options (secrets.engine)', async () => {
    const files = smallWorkspace();
    for (const f of [FIXTURES, PROD])
      files[f] = files[f].replace('fixtures:', 'seedData:');
    const ws = await workspace(files);
    const own = createSecretsChartExternalSecretsAction({
      engine: { fixtureKey: 'seedData' },
    });
    const { ctx, outputs } = contextFor(ws, billingInput());
    await own.handler(ctx);
    expect(outputs.fixtureKeysAdded).toStrictEqual([
      'billing-s3-credentials#access-key',
      'billing-s3-credentials#secret-key',
    ]);
    const written = readDir(ws)[FIXTURES];
    expect(written).toContain('seedData:\n  smtp-password: local-dev-smtp');
    expect(written).toContain('  billing-s3-credentials:\n    access-key: ');
    expect(written).not.toContain('fixtures:');
  });

  it('keeps comments, key order and sequence style of the existing values', async () => {
    const ws = await workspace();
    const { ctx } = contextFor(ws, billingInput());
    await action.handler(ctx);
    const values = readDir(ws)[VALUES];
    expect(values.startsWith(smallWorkspace()[VALUES])).toBe(true);
    expect(values).toContain(
      'externalSecrets:\n- name: billing-db\n  origin: external\n',
    );
  });

  it('changes nothing on a second run', async () => {
    const ws = await workspace();
    const input = billingInput({ productionFixtureFiles: [PROD] });
    await action.handler(contextFor(ws, input).ctx);
    const before = await digest(ws);
    const second = contextFor(ws, input);
    await action.handler(second.ctx);
    expect(await digest(ws)).toBe(before);
    expect(second.outputs.writtenPaths).toStrictEqual([]);
    expect(second.outputs.fixtureKeysAdded).toStrictEqual([]);
    expect(second.ctx.checkpoint).not.toHaveBeenCalled();
  });

  it('never overwrites an existing fixture value and completes a partial map fixture', async () => {
    const files = smallWorkspace();
    files[FIXTURES] = [
      'fixtures:',
      '  billing-db-password: keep-me',
      '  billing-s3-credentials:',
      '    access-key: keep-me-too',
      '',
    ].join('\n');
    const ws = await workspace(files);
    const { ctx, outputs } = contextFor(ws, billingInput());
    await action.handler(ctx);
    expect(outputs.fixtureKeysAdded).toStrictEqual([
      'billing-s3-credentials#secret-key',
    ]);
    expect(readDir(ws)[FIXTURES]).toBe(
      [
        'fixtures:',
        '  billing-db-password: keep-me',
        '  billing-s3-credentials:',
        '    access-key: keep-me-too',
        '    secret-key: placeholder-billing-s3-credentials-secret-key-not-a-real-secret',
        '',
      ].join('\n'),
    );
  });

  it('adds empty production overrides and declares who fills them for real', async () => {
    const ws = await workspace();
    const { ctx, logs } = contextFor(
      ws,
      billingInput({ productionFixtureFiles: [PROD] }),
    );
    await action.handler(ctx);
    expect(logs).toContain(
      'The writer of external keys is declared in the chart values without environments, so it counts wherever the chart is installed outside the fixture environments; name productionValuesFiles to declare it for production only',
    );
    const files = readDir(ws);
    expect(files[PROD]).toBe(
      [
        '# Production Vault is seeded by the external key vault sync.',
        'fixtures:',
        '  smtp-password: ""',
        '  billing-db-password: ""',
        '  billing-s3-credentials:',
        '    access-key: ""',
        '    secret-key: ""',
        '',
      ].join('\n'),
    );
    expect(files[VALUES]).toContain(
      'secretWriters:\n- key: billing-db-password\n  writer: external-key-vault-sync\n- key: billing-s3-credentials\n  writer: external-key-vault-sync\n',
    );
  });

  it('gives cluster-managed keys no fixture, and declares the writer of service-generated keys', async () => {
    const ws = await workspace();
    const { ctx, outputs } = contextFor(
      ws,
      billingInput({
        secrets: [
          {
            name: 'billing-replica',
            origin: 'cluster-managed',
            keys: [
              { secretKey: 'password', vaultKey: 'billing-replica-password' },
            ],
          },
          billingOidcSecret,
        ],
      }),
    );
    await action.handler(ctx);
    const files = readDir(ws);
    expect(outputs.fixtureKeysAdded).toStrictEqual([
      'billing-oidc-client-secret',
    ]);
    expect(files[FIXTURES]).not.toContain('billing-replica-password');
    expect(files[FIXTURES]).toContain(
      'billing-oidc-client-secret: placeholder-billing-oidc-client-secret-not-a-real-secret',
    );
    expect(files[VALUES]).toContain(
      '- name: billing-replica\n  origin: cluster-managed\n',
    );
    expect(files[VALUES]).toContain(
      'secretWriters:\n- key: billing-oidc-client-secret\n  writer: keycloak-client-patcher\n',
    );
  });

  it('reports files and content on a dry run and writes nothing', async () => {
    const ws = await workspace();
    const before = await digest(ws);
    const { ctx, outputs, logs } = contextFor(
      ws,
      billingInput({ productionFixtureFiles: [PROD] }),
      { dryRun: true },
    );
    await action.handler(ctx);
    expect(await digest(ws)).toBe(before);
    expect(ctx.checkpoint).not.toHaveBeenCalled();
    expect(outputs.writtenPaths).toStrictEqual([
      TEMPLATE,
      VALUES,
      FIXTURES,
      PROD,
    ]);
    const byPath = Object.fromEntries(
      outputs.files.map((f: any) => [f.path, f]),
    );
    expect(byPath[TEMPLATE].change).toBe('create');
    expect(byPath[TEMPLATE].content).toContain('kind: ExternalSecret');
    expect(byPath[VALUES].content).toContain('- name: billing-s3');
    // only the blocks the action writes: the rest of an existing values file is not echoed
    expect(byPath[VALUES].content).not.toContain('ghcr.io/ameide/billing');
    expect(
      byPath[VALUES].content.startsWith('secrets:\n  enabled: true\n'),
    ).toBe(true);
    // fixture files show only what is added: existing values never leave the workspace
    expect(byPath[FIXTURES].content).toBe(
      'fixtures:\n  billing-s3-credentials:\n    access-key: placeholder-billing-s3-credentials-access-key-not-a-real-secret\n    secret-key: placeholder-billing-s3-credentials-secret-key-not-a-real-secret\n',
    );
    const shown = JSON.stringify(outputs) + logs.join('\n');
    expect(shown).not.toContain('already-set-by-hand');
    expect(shown).not.toContain('local-dev-smtp');
    expect(logs).toContain(`dry run, would create ${TEMPLATE}`);
    expect(outputs.summary).toContain(`### ${TEMPLATE} (create)`);
  });

  it('uses the store from the options, and keeps a chart store that differs', async () => {
    const custom = createSecretsChartExternalSecretsAction({
      defaultStore: { kind: 'SecretStore', name: 'team-vault' },
    });
    const ws = await workspace();
    await custom.handler(contextFor(ws, billingInput()).ctx);
    expect(readDir(ws)[VALUES]).toContain(
      '  store:\n    kind: SecretStore\n    name: team-vault\n',
    );

    const files = smallWorkspace();
    files[VALUES] +=
      'secrets:\n  enabled: true\n  store:\n    kind: ClusterSecretStore\n    name: platform-vault\n';
    const ws2 = await workspace(files);
    await custom.handler(contextFor(ws2, billingInput()).ctx);
    const values = readDir(ws2)[VALUES];
    expect(values).toContain('    name: platform-vault\n');
    expect(values).toContain(
      '- name: billing-db\n  origin: external\n  store:\n    kind: SecretStore\n    name: team-vault\n',
    );
  });

  it('merges new keys into its own existing entry and refuses to remap a key', async () => {
    const ws = await workspace();
    await action.handler(contextFor(ws, billingInput()).ctx);
    const more = billingInput();
    more.secrets[0].keys.push({
      secretKey: 'username',
      vaultKey: 'billing-db-username',
    });
    const { ctx, outputs } = contextFor(ws, more);
    await action.handler(ctx);
    expect(outputs.fixtureKeysAdded).toStrictEqual(['billing-db-username']);
    expect(readDir(ws)[VALUES]).toContain(
      '  - secretKey: username\n    remoteRef:\n      key: billing-db-username\n      property: value\n',
    );

    const remap = billingInput();
    remap.secrets[0].keys[0].vaultKey = 'other-password';
    const before = await digest(ws);
    await expect(action.handler(contextFor(ws, remap).ctx)).rejects.toThrow(
      'externalSecrets entry "billing-db" already maps password to billing-db-password#value, not other-password#value',
    );
    expect(await digest(ws)).toBe(before);
  });

  it('refuses a target Secret owned by another chart, naming the owner', async () => {
    const ws = await workspace();
    const before = await digest(ws);
    const input = billingInput({
      secrets: [
        {
          name: 'shared-smtp',
          keys: [{ secretKey: 'password', vaultKey: 'smtp-password' }],
        },
      ],
    });
    await expect(action.handler(contextFor(ws, input).ctx)).rejects.toThrow(
      'Secret "shared-smtp" in namespace ameide is already owned by chart sources/charts/apps/orders (release apps-orders, sources/charts/apps/orders/templates/externalsecret.yaml)',
    );
    expect(await digest(ws)).toBe(before);
  });

  it('refuses a target Secret that an operator produces in the cluster', async () => {
    const files = smallWorkspace();
    files['sources/charts/data/pg/Chart.yaml'] =
      'apiVersion: v2\nname: pg\nversion: 0.1.0\n';
    files['sources/charts/data/pg/values.yaml'] =
      'namespace: ameide\nclusterManagedSecrets:\n  - billing-pg-auth\n';
    const ws = await workspace(files);
    const before = await digest(ws);
    const input = billingInput({
      secrets: [
        {
          name: 'billing-pg-auth',
          keys: [{ secretKey: 'password', vaultKey: 'billing-pg-password' }],
        },
      ],
    });
    await expect(action.handler(contextFor(ws, input).ctx)).rejects.toThrow(
      'Secret billing-pg-auth is produced in the cluster by data-pg, and an ExternalSecret of apps-billing also writes it from Vault. Refusing to add a second owner; nothing was written',
    );
    expect(await digest(ws)).toBe(before);
  });

  it('keeps an existing values-driven template and refuses one that is not', async () => {
    const files = smallWorkspace();
    files[TEMPLATE] =
      '{{- range .Values.externalSecrets }}\n# hand-written\n{{- end }}\n';
    const ws = await workspace(files);
    const { ctx, outputs } = contextFor(ws, billingInput());
    await action.handler(ctx);
    expect(outputs.writtenPaths).not.toContain(TEMPLATE);
    expect(readDir(ws)[TEMPLATE]).toBe(files[TEMPLATE]);

    files[TEMPLATE] = 'apiVersion: v1\nkind: ConfigMap\n';
    const ws2 = await workspace(files);
    const before = await digest(ws2);
    await expect(
      action.handler(contextFor(ws2, billingInput()).ctx),
    ).rejects.toThrow(
      `${TEMPLATE} exists and does not render .Values.externalSecrets`,
    );
    expect(await digest(ws2)).toBe(before);
  });

  it('enables the ExternalSecrets in per-environment values files, expanding {env}', async () => {
    const files = smallWorkspace();
    files['sources/values/env/local/apps/apps-billing.yaml'] =
      '# local tweaks\nreplicas: 1\n';
    const ws = await workspace(files);
    const { ctx, outputs } = contextFor(
      ws,
      billingInput({
        environments: ['local', 'dev'],
        envValuesFiles: ['sources/values/env/{env}/apps/apps-billing.yaml'],
      }),
    );
    await action.handler(ctx);
    const out = readDir(ws);
    expect(outputs.writtenPaths).toEqual(
      expect.arrayContaining([
        'sources/values/env/local/apps/apps-billing.yaml',
        'sources/values/env/dev/apps/apps-billing.yaml',
      ]),
    );
    expect(out['sources/values/env/local/apps/apps-billing.yaml']).toBe(
      '# local tweaks\nreplicas: 1\nsecrets:\n  enabled: true\n',
    );
    expect(out['sources/values/env/dev/apps/apps-billing.yaml']).toBe(
      'secrets:\n  enabled: true\n',
    );
  });

  it('keeps an explicit secrets.enabled: false and says so', async () => {
    const files = smallWorkspace();
    files[VALUES] += 'secrets:\n  enabled: false\n';
    files['sources/values/env/local/apps/apps-billing.yaml'] =
      'secrets:\n  enabled: false\n';
    const ws = await workspace(files);
    const { ctx, logs } = contextFor(
      ws,
      billingInput({
        environments: ['local'],
        envValuesFiles: ['sources/values/env/{env}/apps/apps-billing.yaml'],
      }),
    );
    await action.handler(ctx);
    const out = readDir(ws);
    expect(out[VALUES]).toContain('secrets:\n  enabled: false\n');
    expect(out['sources/values/env/local/apps/apps-billing.yaml']).toBe(
      'secrets:\n  enabled: false\n',
    );
    expect(logs).toEqual(
      expect.arrayContaining([
        `${VALUES} sets secrets.enabled: false and is left so: the ExternalSecrets render nowhere until it is true`,
        'sources/values/env/local/apps/apps-billing.yaml sets secrets.enabled: false and is left so: that environment drifts from the Vault-managed path',
      ]),
    );
  });

  it('creates a missing fixture file', async () => {
    const files = smallWorkspace();
    delete files[FIXTURES];
    const ws = await workspace(files);
    const { ctx, outputs } = contextFor(ws, billingInput());
    await action.handler(ctx);
    expect(outputs.fixtureKeysAdded).toStrictEqual([
      'billing-db-password',
      'billing-s3-credentials#access-key',
      'billing-s3-credentials#secret-key',
    ]);
    expect(readDir(ws)[FIXTURES]).toBe(
      'fixtures:\n  billing-db-password: placeholder-billing-db-password-not-a-real-secret\n  billing-s3-credentials:\n    access-key: placeholder-billing-s3-credentials-access-key-not-a-real-secret\n    secret-key: placeholder-billing-s3-credentials-secret-key-not-a-real-secret\n',
    );
  });

  it('refuses a fixture path that is not a regular file', async () => {
    const ws = await workspace();
    const before = await digest(ws);
    // a directory where the fixture file should be makes the plan refuse before writing
    await fs.rm(join(ws, FIXTURES));
    await fs.mkdir(join(ws, FIXTURES));
    const mid = await digest(ws);
    expect(mid).not.toBe(before);
    await expect(
      action.handler(contextFor(ws, billingInput()).ctx),
    ).rejects.toThrow(`${FIXTURES} is not a regular file`);
    expect(await digest(ws)).toBe(mid);
  });
});
