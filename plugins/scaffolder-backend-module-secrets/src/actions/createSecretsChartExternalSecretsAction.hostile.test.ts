/*
 * Hostile input: every case gives a clear error and leaves every file of the
 * workspace, and everything outside it, exactly as it was.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { createSecretsChartExternalSecretsAction } from './createSecretsChartExternalSecretsAction';
import {
  billingInput,
  contextFor,
  digest,
  makeWorkspace,
  removeDir,
  smallWorkspace,
  type TestInput,
} from '../__testUtils__/workspace';

const VALUES = 'sources/charts/apps/billing/values.yaml';
const FIXTURES =
  'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml';

describe('secrets:chart-externalsecrets:create with hostile input', () => {
  const action = createSecretsChartExternalSecretsAction();
  let root: string;
  let ws: string;
  let outside: string;

  beforeEach(async () => {
    // root/ws is the workspace; root/outside must never be touched
    root = await makeWorkspace({
      'outside/secret.yaml': 'fixtures:\n  keep: me\n',
    });
    outside = join(root, 'outside');
    ws = join(root, 'ws');
    await fs.mkdir(ws);
    const tmp = await makeWorkspace(smallWorkspace());
    await fs.cp(tmp, ws, { recursive: true });
    await removeDir(tmp);
  });
  afterEach(async () => {
    await removeDir(root);
  });

  /** Runs the action, expects it to fail, checks nothing changed, returns the message. */
  const refusal = async (input: TestInput, dryRun = false): Promise<string> => {
    const before = await digest(root);
    const { ctx, outputs } = contextFor(ws, input, { dryRun });
    const error = await action.handler(ctx).then(
      () => undefined,
      e => e,
    );
    expect(error?.name).toBe('InputError');
    expect(await digest(root)).toBe(before);
    expect(outputs).toStrictEqual({});
    return String(error?.message);
  };

  describe('path traversal', () => {
    it.each([
      [
        'chartPath',
        { chartPath: '../outside' },
        'chartPath must stay inside the workspace (".." is not allowed)',
      ],
      [
        'chartPath in the middle',
        { chartPath: 'sources/../../outside' },
        'chartPath must stay inside the workspace',
      ],
      [
        'absolute chartPath',
        { chartPath: '/etc' },
        'chartPath must be relative to the workspace, got an absolute path',
      ],
      [
        'Windows chartPath',
        { chartPath: 'C:\\charts\\billing' },
        'chartPath must be relative to the workspace',
      ],
      [
        'backslash traversal',
        { chartPath: 'sources\\..\\..\\outside' },
        'chartPath must stay inside the workspace',
      ],
      [
        'fixture file',
        { fixtureFiles: ['../outside/secret.yaml'] },
        'fixtureFiles[0] must stay inside the workspace',
      ],
      [
        'absolute fixture file',
        { fixtureFiles: [`${'/'}tmp/x.yaml`] },
        'fixtureFiles[0] must be relative to the workspace',
      ],
      [
        'production fixture file',
        { productionFixtureFiles: ['ok.yaml', '../../x.yaml'] },
        'productionFixtureFiles[1] must stay inside the workspace',
      ],
      [
        'environment values file',
        { environments: ['dev'], envValuesFiles: ['../{env}.yaml'] },
        'envValuesFiles[0] must stay inside the workspace',
      ],
      [
        'environment name used as a path',
        { environments: ['..'], envValuesFiles: ['values/{env}/x.yaml'] },
        'environment ".." is not a DNS-1123 label',
      ],
      [
        'NUL byte',
        { fixtureFiles: ['a\0.yaml'] },
        'fixtureFiles[0] contains a NUL character',
      ],
      [
        'file that is not a values file',
        { fixtureFiles: ['sources/values/secrets.json'] },
        'fixtureFiles[0] must name a .yaml or .yml values file',
      ],
    ])(
      'refuses a %s that leaves the workspace',
      async (_name, extra, message) => {
        expect(await refusal(billingInput(extra))).toMatch(message);
      },
    );

    it('refuses a chart directory that is a symbolic link to outside the workspace', async () => {
      await fs.mkdir(join(outside, 'chart/templates'), { recursive: true });
      await fs.writeFile(
        join(outside, 'chart/Chart.yaml'),
        'apiVersion: v2\nname: evil\nversion: 0.1.0\n',
      );
      await fs.symlink(
        join(outside, 'chart'),
        join(ws, 'sources/charts/apps/evil'),
      );
      expect(
        await refusal(
          billingInput({
            chartPath: 'sources/charts/apps/evil',
            serviceName: 'evil',
          }),
        ),
      ).toMatch('No chart at sources/charts/apps/evil');
    });

    it('refuses a values file that is a symbolic link to outside the workspace', async () => {
      await fs.rm(join(ws, VALUES));
      await fs.symlink(join(outside, 'secret.yaml'), join(ws, VALUES));
      expect(await refusal(billingInput())).toMatch(
        `${VALUES} is a symbolic link; the action only writes real files inside the workspace, nothing was written`,
      );
    });

    it('refuses a fixture directory that is a symbolic link, even on a dry run', async () => {
      await fs.rm(join(ws, 'sources/values/_shared'), { recursive: true });
      await fs.symlink(outside, join(ws, 'sources/values/_shared'));
      expect(
        await refusal(
          billingInput({
            fixtureFiles: ['sources/values/_shared/secret.yaml'],
          }),
          true,
        ),
      ).toMatch('sources/values/_shared is a symbolic link');
    });

    it('refuses a templates directory that is a symbolic link', async () => {
      await fs.rm(join(ws, 'sources/charts/apps/billing/templates'), {
        recursive: true,
      });
      await fs.symlink(
        outside,
        join(ws, 'sources/charts/apps/billing/templates'),
      );
      expect(await refusal(billingInput())).toMatch(
        'sources/charts/apps/billing/templates is a symbolic link',
      );
    });
  });

  describe('invalid names', () => {
    it.each([
      [
        'service name',
        { serviceName: 'Billing_Service' },
        'serviceName "Billing_Service" is not a DNS-1123 label',
      ],
      ['long namespace', { namespace: 'n'.repeat(64) }, /namespace/],
      [
        'namespace',
        { namespace: '-ameide' },
        'namespace "-ameide" is not a DNS-1123 label',
      ],
      [
        'store name',
        { store: { kind: 'ClusterSecretStore', name: 'Ameide Vault' } },
        'store.name "Ameide Vault" is not a DNS-1123 subdomain',
      ],
      ['store kind', { store: { kind: 'Vault', name: 'x' } }, /store/],
      [
        'refresh interval',
        { refreshInterval: 'hourly' },
        'refreshInterval "hourly" is not a duration',
      ],
      [
        'Secret name',
        {
          secrets: [
            { name: 'Billing DB', keys: [{ secretKey: 'a', vaultKey: 'b' }] },
          ],
        },
        'Secret name "Billing DB" is not a DNS-1123 subdomain',
      ],
      [
        'secret key',
        {
          secrets: [
            {
              name: 'billing-db',
              keys: [{ secretKey: 'pass word', vaultKey: 'b' }],
            },
          ],
        },
        'secretKey "pass word" may only contain',
      ],
      [
        'Vault key with the mount',
        {
          secrets: [
            {
              name: 'billing-db',
              keys: [{ secretKey: 'a', vaultKey: 'secret/data/billing' }],
            },
          ],
        },
        'must not include the KV mount; write "billing"',
      ],
      [
        'Vault key traversal',
        {
          secrets: [
            {
              name: 'billing-db',
              keys: [{ secretKey: 'a', vaultKey: 'billing/../root' }],
            },
          ],
        },
        'Vault key "billing/../root" is not a valid key path',
      ],
      [
        'property',
        {
          secrets: [
            {
              name: 'billing-db',
              keys: [{ secretKey: 'a', vaultKey: 'b', property: 'x y' }],
            },
          ],
        },
        'property "x y" of Vault key "b" is invalid',
      ],
      [
        'service-generated without writer',
        {
          secrets: [
            {
              name: 'billing-oidc',
              origin: 'service-generated',
              keys: [{ secretKey: 'a', vaultKey: 'b' }],
            },
          ],
        },
        'Secret "billing-oidc" is service-generated: name its writer',
      ],
    ])('refuses an invalid %s', async (_name, extra, message) => {
      expect(await refusal(billingInput(extra))).toMatch(message);
    });

    it('lists every problem at once', async () => {
      const before = await digest(root);
      const { ctx } = contextFor(
        ws,
        billingInput({ serviceName: 'A', namespace: 'B', chartPath: '../x' }),
      );
      const error = await action.handler(ctx).catch(e => e);
      expect(error.name).toBe('InputError');
      expect(error.message.split('\n')).toStrictEqual([
        'Invalid input:',
        '- serviceName "A" is not a DNS-1123 label (lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters)',
        '- namespace "B" is not a DNS-1123 label',
        '- chartPath must stay inside the workspace (".." is not allowed)',
      ]);
      expect(await digest(root)).toBe(before);
    });
  });

  describe('duplicate keys', () => {
    it.each([
      [
        'Secret',
        {
          secrets: [
            { name: 'billing-db', keys: [{ secretKey: 'a', vaultKey: 'b' }] },
            { name: 'billing-db', keys: [{ secretKey: 'c', vaultKey: 'd' }] },
          ],
        },
        'Secret "billing-db" is listed twice',
      ],
      [
        'secret key',
        {
          secrets: [
            {
              name: 'billing-db',
              keys: [
                { secretKey: 'password', vaultKey: 'a' },
                { secretKey: 'password', vaultKey: 'b' },
              ],
            },
          ],
        },
        'Secret "billing-db": secretKey "password" is listed twice',
      ],
      [
        'Vault reference',
        {
          secrets: [
            {
              name: 'billing-db',
              keys: [
                { secretKey: 'a', vaultKey: 'k' },
                { secretKey: 'b', vaultKey: 'k', property: 'value' },
              ],
            },
          ],
        },
        'Vault key "k" property "value" is mapped twice',
      ],
      [
        'Vault key with two authorities',
        {
          secrets: [
            { name: 'billing-a', keys: [{ secretKey: 'a', vaultKey: 'k' }] },
            {
              name: 'billing-b',
              origin: 'cluster-managed',
              keys: [{ secretKey: 'a', vaultKey: 'k' }],
            },
          ],
        },
        'Vault key "k" is external in Secret "billing-a" but cluster-managed in Secret "billing-b"',
      ],
      [
        'environment',
        { environments: ['dev', 'dev'] },
        'environments lists an environment twice',
      ],
      [
        'file in two roles',
        { fixtureFiles: [VALUES] },
        `${VALUES} is named twice (the chart values and fixtureFiles)`,
      ],
      [
        'fixture file',
        { fixtureFiles: [FIXTURES, `./${FIXTURES}`] },
        `${FIXTURES} is named twice (fixtureFiles and fixtureFiles)`,
      ],
      [
        'fixture file as production override',
        { productionFixtureFiles: [FIXTURES] },
        `${FIXTURES} is named twice (fixtureFiles and productionFixtureFiles)`,
      ],
    ])('refuses a duplicate %s in the input', async (_name, extra, message) => {
      expect(await refusal(billingInput(extra))).toMatch(message);
    });

    it('refuses a values file with a duplicate key, naming the line', async () => {
      await fs.appendFile(join(ws, VALUES), 'namespace: other\n');
      expect(await refusal(billingInput())).toMatch(
        `${VALUES}:9 has the key "namespace" twice`,
      );
    });

    it('refuses a fixture map with a duplicate key', async () => {
      await fs.appendFile(join(ws, FIXTURES), '  smtp-password: again\n');
      expect(await refusal(billingInput())).toMatch(
        `${FIXTURES}:5 has the key "smtp-password" twice`,
      );
    });
  });

  describe('unparsable files', () => {
    it('refuses an unparsable values file without echoing its content', async () => {
      await fs.writeFile(
        join(ws, VALUES),
        'image:\n  tag: "1.0\n  password: hunter2-value\n',
      );
      const before = await digest(root);
      const { ctx } = contextFor(ws, billingInput());
      const error = await action.handler(ctx).catch(e => e);
      expect(error.message).toMatch(
        new RegExp(
          `^${VALUES}:\\d+ is not valid YAML \\(.+\\); fix it first, nothing was written$`,
        ),
      );
      expect(error.message).not.toContain('hunter2');
      expect(await digest(root)).toBe(before);
    });

    it.each([
      [
        'a fixture file that is not YAML',
        FIXTURES,
        'fixtures: [unclosed\n',
        `${FIXTURES}:`,
      ],
      [
        'a values file that is a list',
        VALUES,
        '- a\n- b\n',
        `${VALUES} must hold a YAML map at the top level`,
      ],
      [
        'a values file with two documents',
        VALUES,
        'a: 1\n---\nb: 2\n',
        `${VALUES} holds 2 YAML documents`,
      ],
      [
        'a fixture map that is a list',
        FIXTURES,
        'fixtures:\n  - a\n',
        `${FIXTURES}: "fixtures" must be a map`,
      ],
      [
        'externalSecrets that is a map',
        VALUES,
        'externalSecrets:\n  a: 1\n',
        `${VALUES}: "externalSecrets" must be a list`,
      ],
      [
        'a Chart.yaml that is not YAML',
        'sources/charts/apps/billing/Chart.yaml',
        'name: [\n',
        'sources/charts/apps/billing/Chart.yaml:',
      ],
      [
        'a chart name that would break out of the generated template',
        'sources/charts/apps/billing/Chart.yaml',
        'name: \'x" }} {{ fail "boom\'\n',
        'chart name "x" }} {{ fail "boom" may only contain',
      ],
      [
        'an alias bomb in the values',
        VALUES,
        [
          'a: &a [x, x, x, x, x, x, x, x, x, x]',
          'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
          'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
          'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
          '',
        ].join('\n'),
        `${VALUES}: too many alias expansions (possible alias bomb); nothing was written`,
      ],
    ])('refuses %s', async (_name, path, text, message) => {
      await fs.writeFile(join(ws, path), text);
      expect(await refusal(billingInput())).toMatch(message);
    });

    it('refuses a file too large to edit', async () => {
      await fs.writeFile(
        join(ws, VALUES),
        `# ${'x'.repeat(5 * 1024 * 1024 + 10)}\n`,
      );
      expect(await refusal(billingInput())).toMatch(
        /values\.yaml is larger than/,
      );
    });
  });
});
