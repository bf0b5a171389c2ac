/*
 * Hostile input: every case gives a clear error and leaves every file of the
 * workspace, and everything outside it, exactly as it was.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { createSecretsChartExternalSecretsAction } from './createSecretsChartExternalSecretsAction';
import { billingInput, contextFor, digest } from '../__testUtils__/workspace';
import {
  VALUES,
  outside,
  refusal,
  root,
  useHostileWorkspace,
  ws,
} from '../__testUtils__/chartExternalSecrets';

describe('secrets:chart-externalsecrets:create with hostile input', () => {
  const action = createSecretsChartExternalSecretsAction();
  useHostileWorkspace();

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
});
