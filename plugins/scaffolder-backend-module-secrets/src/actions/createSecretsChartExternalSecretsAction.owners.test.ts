/* secrets:chart-externalsecrets:create: stores, owners, templates, environments and fixture files. */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { createSecretsChartExternalSecretsAction } from './createSecretsChartExternalSecretsAction';
import {
  billingInput,
  contextFor,
  digest,
  readDir,
  smallWorkspace,
} from '../__testUtils__/workspace';
import {
  FIXTURES,
  TEMPLATE,
  VALUES,
  workspaces,
} from '../__testUtils__/chartExternalSecrets';

describe('secrets:chart-externalsecrets:create', () => {
  const action = createSecretsChartExternalSecretsAction();
  const workspace = workspaces();

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
