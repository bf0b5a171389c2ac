/*
 * The "Fix this finding" template through the real scaffolder: it fetches the
 * demo GitOps repository relative to the template, runs the fix and skips the
 * pull request with a message; the workspace is checked with the engine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'yaml';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import { analyze } from '@ameideio/plugin-secrets-node';
import { testScaffolder } from './__testUtils__/scaffolder';
import { demoGitops, repoRoot } from './__testUtils__/workspace';

jest.setTimeout(120_000);

const TEMPLATE = join(repoRoot, 'examples/fix-finding.template.yaml');
const FIXTURES =
  'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml';

describe('the "Fix this finding" template', () => {
  it('is a valid v1beta3 template: fetch, fix, then the pull request or a message', async () => {
    const t = yaml.parse(readFileSync(TEMPLATE, 'utf8'));
    expect(await templateEntityV1beta3Validator.check(t)).toBe(true);
    expect(t.metadata.title).toBe('Fix this finding');
    expect(t.spec.steps.map((s: any) => [s.action, s.if])).toStrictEqual([
      ['fetch:plain', undefined],
      ['secrets:fix-finding', undefined],
      ['debug:log', '${{ not parameters.openPullRequest }}'],
      ['secrets:scm-provider', '${{ parameters.openPullRequest }}'],
      [
        'publish:github:pull-request',
        "${{ parameters.openPullRequest and steps.scm.output.provider == 'github' }}",
      ],
      [
        'publish:gitlab:merge-request',
        "${{ parameters.openPullRequest and steps.scm.output.provider == 'gitlab' }}",
      ],
    ]);
    expect(t.spec.parameters[1].properties.openPullRequest.default).toBe(false);
  });

  it('is registered in the demo catalog', () => {
    const config = yaml.parse(
      readFileSync(join(repoRoot, 'app-config.yaml'), 'utf8'),
    );
    const targets = config.catalog.locations
      .filter((l: any) => l.type === 'file')
      .map((l: any) => join(repoRoot, 'packages/backend', l.target));
    expect(targets).toContain(TEMPLATE);
  });

  describe('through the scaffolder', () => {
    const scaffolder = testScaffolder(TEMPLATE, 'gitops');
    beforeAll(() => scaffolder.start());
    afterAll(() => scaffolder.stop());
    const runTask = (values: Record<string, unknown>) =>
      scaffolder.runTask(values);

    it('fixes a missing fixture of the demo and skips the pull request with a message', async () => {
      const { status, log, tree } = await runTask({
        type: 'missing-fixture',
        subject: 'payments-stripe-api-key',
        property: 'value',
        environment: 'dev',
        entityRef: 'component:default/payments',
      });
      expect({ status, log }).toMatchObject({
        status: 'completed',
      });
      expect(log).toContain('Pull request skipped: openPullRequest is off');
      expect(log).toContain(`gitops/${FIXTURES}`);
      expect(log).toMatch(/Skipping step pr|skipped/i);

      const demo = demoGitops();
      expect(tree.get(FIXTURES)).toBe(
        `${demo[FIXTURES]}  payments-stripe-api-key: placeholder-payments-stripe-api-key-not-a-real-secret\n`,
      );
      expect(
        analyze(tree).findings.filter(
          f =>
            f.type === 'missing-fixture' &&
            f.subject.name === 'payments-stripe-api-key',
        ),
      ).toStrictEqual([]);
      // no existing fixture value in the task log
      expect(log).not.toContain('local-dev-');
    });

    // the form data the Secrets tab links each fixable demo finding with
    // (plugins/secrets fixLink.test.ts derives the same from the findings)
    it.each([
      [
        {
          type: 'missing-fixture',
          subject: 'payments-stripe-api-key',
          property: 'value',
          environment: 'local',
          file: FIXTURES,
          entityRef: 'component:default/payments',
        },
        [FIXTURES],
      ],
      [
        {
          type: 'orphan-fixture',
          subject: 'ghcr-token',
          environment: 'dev',
          file: FIXTURES,
        },
        [FIXTURES],
      ],
      [
        {
          type: 'remote-ref-convention',
          subject: 'checkout-session',
          environment: 'dev',
          vaultKey: 'checkout-session-key',
          entityRef: 'component:default/checkout',
        },
        ['sources/values/_shared/apps/apps-checkout.yaml'],
      ],
      [
        {
          type: 'empty-production-override',
          subject: 'orders-db-password',
          environment: 'production',
          file: 'sources/charts/foundation/vault-secrets-platform/values.yaml',
        },
        ['sources/charts/foundation/vault-secrets-platform/values.yaml'],
      ],
    ])(
      'runs the form the Secrets tab prefills for %j to completion, resolving the finding',
      async (values, changed) => {
        const { status, log, tree } = await runTask(values);
        expect({ status, log }).toMatchObject({ status: 'completed' });
        expect(log).toContain('Pull request skipped: openPullRequest is off');
        const demo = demoGitops();
        expect(
          [...tree.keys()].filter(p => tree.get(p) !== demo[p]).sort(),
        ).toStrictEqual(changed);
        expect(
          analyze(tree).findings.filter(
            f =>
              f.type === values.type &&
              f.subject.name === values.subject &&
              f.environment === values.environment,
          ),
        ).toStrictEqual([]);
        expect(log).not.toContain('local-dev-');
      },
    );

    it.each([
      ['gitlab.com?owner=platform&repo=gitops', 'publish:gitlab:merge-request'],
      [
        'git.example.com?owner=platform&repo=gitops',
        'publish:gitlab:merge-request',
      ],
      ['github.com?owner=platform&repo=gitops', 'publish:github:pull-request'],
    ])(
      'with openPullRequest, %s gets %s with the fix',
      async (repoUrl, action) => {
        const {
          status,
          log,
          published: pub,
        } = await runTask({
          type: 'orphan-fixture',
          subject: 'legacy-smtp-password',
          openPullRequest: true,
          repoUrl,
        });
        expect({ status, log }).toMatchObject({ status: 'completed' });
        expect(log).toContain('Skipping step skip-pr');
        expect(log).not.toContain('openPullRequest is off');
        expect(pub).toStrictEqual({
          action,
          input: expect.objectContaining({
            repoUrl,
            branchName: 'fix/orphan-fixture-legacy-smtp-password',
            title: 'Fix orphan-fixture: legacy-smtp-password',
            sourcePath: 'gitops',
            description: expect.stringContaining('legacy-smtp-password'),
          }),
        });
        // only the merge request takes commitAction
        expect(pub!.input.commitAction).toBe(
          action === 'publish:gitlab:merge-request' ? 'auto' : undefined,
        );
      },
    );
  });
});
