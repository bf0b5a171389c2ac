/*
 * Hostile input: every case gives a clear error and leaves every file of the
 * workspace, and everything outside it, exactly as it was.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { createSecretsChartExternalSecretsAction } from './createSecretsChartExternalSecretsAction';
import { billingInput, contextFor, digest } from '../__testUtils__/workspace';
import {
  FIXTURES,
  VALUES,
  refusal,
  root,
  useHostileWorkspace,
  ws,
} from '../__testUtils__/chartExternalSecrets';

describe('secrets:chart-externalsecrets:create with hostile input', () => {
  const action = createSecretsChartExternalSecretsAction();
  useHostileWorkspace();

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
