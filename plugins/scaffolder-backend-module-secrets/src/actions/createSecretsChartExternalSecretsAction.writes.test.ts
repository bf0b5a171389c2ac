/* secrets:chart-externalsecrets:create: what it writes, and how it leaves existing files. */
import { createSecretsChartExternalSecretsAction } from './createSecretsChartExternalSecretsAction';
import { billingOidcSecret } from './createSecretsChartExternalSecretsAction.examples';
import {
  billingInput,
  contextFor,
  digest,
  readDir,
  smallWorkspace,
} from '../__testUtils__/workspace';
import {
  FIXTURES,
  PROD,
  TEMPLATE,
  VALUES,
  workspaces,
} from '../__testUtils__/chartExternalSecrets';

describe('secrets:chart-externalsecrets:create', () => {
  const action = createSecretsChartExternalSecretsAction();
  const workspace = workspaces();

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
});
