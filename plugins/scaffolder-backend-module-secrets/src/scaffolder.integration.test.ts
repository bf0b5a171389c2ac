/*
 * The real template through the real scaffolder in a test backend: the dry-run
 * endpoint and a task run, each checked with the engine. The only addition to
 * the template is a last step, in the task run, that hands the workspace to
 * the test before the scaffolder deletes it.
 */
import { join } from 'node:path';
import request from 'supertest';
import { analyze, type FileTree } from '@ameideio/plugin-secrets-node';
import { billingS3Keys } from './actions/createSecretsChartExternalSecretsAction.examples';
import { templateEntity, testScaffolder } from './__testUtils__/scaffolder';
import {
  demoGitops,
  readDir,
  templateDir,
  templateFile,
} from './__testUtils__/workspace';

jest.setTimeout(120_000);

const CHART = 'sources/charts/apps/billing';
const FIXTURES =
  'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml';
const PROD =
  'sources/values/env/production/foundation/foundation-vault-bootstrap.yaml';
const PROD_VALUES = 'sources/values/env/production/apps/apps-billing.yaml';

const values = {
  name: 'billing',
  description: 'Billing service',
  namespace: 'ameide',
  productionOverrides: true,
  secrets: [
    {
      name: 'billing-db',
      origin: 'external',
      keys: [
        {
          secretKey: 'password',
          vaultKey: 'billing-db-password',
          property: 'value',
        },
      ],
    },
    {
      name: 'billing-s3',
      origin: 'external',
      keys: billingS3Keys,
    },
  ],
};

/** Findings the engine reports about the new service, over the demo repository plus the given files. */
function findingsFor(files: Record<string, string>) {
  const tree: FileTree = new Map(Object.entries({ ...demoGitops(), ...files }));
  const report = analyze(tree);
  const names = new Set([
    'billing-db',
    'billing-s3',
    'billing-db-password',
    'billing-s3-credentials',
  ]);
  return {
    report,
    findings: report.findings.filter(
      f =>
        f.release === 'apps-billing' ||
        f.chart === CHART ||
        names.has(f.subject.name),
    ),
  };
}

describe('the template through the scaffolder', () => {
  const scaffolder = testScaffolder(templateFile);
  beforeAll(() => scaffolder.start());
  afterAll(() => scaffolder.stop());

  it('dry-runs: reports the files, writes none, and the engine finds nothing about the service', async () => {
    const skeleton = readDir(join(templateDir, 'skeleton'));
    const res = await request(scaffolder.server())
      .post('/api/scaffolder/v2/dry-run')
      .send({
        template: templateEntity(templateFile),
        values,
        directoryContents: [
          ...Object.entries(skeleton).map(([path, text]) => [
            `templates/new-service-secrets/skeleton/${path}`,
            text,
          ]),
          ...Object.entries(demoGitops()).map(([path, text]) => [
            `gitops/${path}`,
            text,
          ]),
        ].map(([path, text]) => ({
          path,
          base64Content: Buffer.from(text).toString('base64'),
        })),
      });
    expect(res.status).toBe(200);

    // the workspace after the dry run holds the GitOps repository as fetched,
    // the fetched chart, and nothing the action would write
    const workspace: Record<string, string> = Object.fromEntries(
      res.body.directoryContents.map((f: any) => [
        f.path,
        Buffer.from(f.base64Content, 'base64').toString('utf8'),
      ]),
    );
    const demo0 = demoGitops();
    for (const [p, text] of Object.entries(demo0))
      expect([p, workspace[p]]).toStrictEqual([p, text]);
    expect(
      Object.keys(workspace)
        .filter(p => !(p in demo0))
        .sort(),
    ).toStrictEqual(
      [
        'Chart.yaml',
        'templates/_helpers.tpl',
        'templates/deployment.yaml',
        'values.yaml',
      ].map(p => `${CHART}/${p}`),
    );
    expect(workspace[`${CHART}/values.yaml`]).toContain(
      'envFromSecrets:\n  - billing-db\n  - billing-s3\n',
    );
    expect(workspace[`${CHART}/values.yaml`]).not.toContain('externalSecrets');

    const log = res.body.log.map((l: any) => l.body.message).join('\n');
    expect(log).toContain(
      `dry run, would create ${CHART}/templates/externalsecret.yaml`,
    );
    expect(res.body.output.text[0].content).toContain(
      `### ${CHART}/templates/externalsecret.yaml (create)`,
    );

    // the task output shows each file the action would write; applied to the
    // workspace and the demo repository, they pass the engine
    const summary: string = res.body.output.text[0].content;
    const would = Object.fromEntries(
      [
        ...summary.matchAll(
          /### (\S+) \((?:create|update)\)\n(?:[^`\n]*\n)?```yaml\n([\s\S]*?)\n```/g,
        ),
      ].map(m => [m[1], `${m[2]}\n`]),
    );
    expect(Object.keys(would).sort()).toStrictEqual(
      [
        `${CHART}/templates/externalsecret.yaml`,
        `${CHART}/values.yaml`,
        FIXTURES,
        PROD,
        PROD_VALUES,
      ].sort(),
    );
    const chart = {
      ...workspace,
      [`${CHART}/templates/externalsecret.yaml`]:
        would[`${CHART}/templates/externalsecret.yaml`],
      // the report shows the blocks the action appends to the fetched values
      [`${CHART}/values.yaml`]: `${workspace[`${CHART}/values.yaml`]}${
        would[`${CHART}/values.yaml`]
      }`,
    };
    // without the fixture entries the engine sees the gap: the check does look at the service
    expect(
      findingsFor(chart)
        .findings.map(
          f =>
            `${f.type} ${f.environment} ${f.subject.name}#${f.subject.property}`,
        )
        .sort(),
    ).toStrictEqual([
      'missing-fixture dev billing-db-password#value',
      'missing-fixture dev billing-s3-credentials#access-key',
      'missing-fixture dev billing-s3-credentials#secret-key',
      'missing-fixture local billing-db-password#value',
      'missing-fixture local billing-s3-credentials#access-key',
      'missing-fixture local billing-s3-credentials#secret-key',
    ]);
    // with the entries the action reported, appended to the demo's fixture maps: nothing
    const demo = demoGitops();
    const { findings } = findingsFor({
      ...chart,
      [FIXTURES]: `${demo[FIXTURES]}${would[FIXTURES].replace(
        /^fixtures:\n/,
        '',
      )}`,
      [PROD]: `${demo[PROD]}${would[PROD].replace(/^fixtures:\n/, '')}`,
      [PROD_VALUES]: would[PROD_VALUES],
    });
    expect(findings).toStrictEqual([]);
  });

  it('runs a task: the files it writes give zero findings for the new service', async () => {
    const { status, log, tree } = await scaffolder.runTask(values);
    if (status !== 'completed') throw new Error(`task ${status}: ${log}`);
    expect(status).toBe('completed');

    const demo = demoGitops();
    // the task started from the GitOps repository: every other file is as it was
    expect(
      [...tree.keys()].filter(p => tree.get(p) !== demo[p]).sort(),
    ).toStrictEqual(
      [
        `${CHART}/Chart.yaml`,
        `${CHART}/templates/_helpers.tpl`,
        `${CHART}/templates/deployment.yaml`,
        `${CHART}/templates/externalsecret.yaml`,
        `${CHART}/values.yaml`,
        FIXTURES,
        PROD,
        PROD_VALUES,
      ].sort(),
    );
    expect(tree.get(FIXTURES)).toBe(
      `${demo[FIXTURES]}  billing-db-password: placeholder-billing-db-password-not-a-real-secret\n  billing-s3-credentials:\n    access-key: placeholder-billing-s3-credentials-access-key-not-a-real-secret\n    secret-key: placeholder-billing-s3-credentials-secret-key-not-a-real-secret\n`,
    );
    expect(log).toContain('Pull request skipped: openPullRequest is off');

    // the workspace is what the pull request would contain
    const { findings, report } = findingsFor(Object.fromEntries(tree));
    expect(findings).toStrictEqual([]);
    expect(
      report.externalSecrets
        .filter(e => e.release === 'apps-billing' && e.environment === 'dev')
        .map(e => e.name),
    ).toStrictEqual(['billing-db', 'billing-s3']);
  });

  it.each([
    [
      'git.example.com?owner=platform&repo=gitops',
      'publish:gitlab:merge-request',
    ],
    ['github.com?owner=platform&repo=gitops', 'publish:github:pull-request'],
  ])(
    'with openPullRequest, %s gets %s with the new chart and links it',
    async (repoUrl, action) => {
      const { status, log, published, output } = await scaffolder.runTask({
        ...values,
        openPullRequest: true,
        repoUrl,
      });
      expect({ status, log }).toMatchObject({ status: 'completed' });
      expect(log).not.toContain('openPullRequest is off');
      expect(published).toStrictEqual({
        action,
        input: expect.objectContaining({
          repoUrl,
          branchName: 'new-service/billing',
          title: 'New service billing with chart-owned secrets',
          description: expect.stringContaining(
            `### ${CHART}/templates/externalsecret.yaml (create)`,
          ),
        }),
      });
      expect(output.links).toStrictEqual([
        {
          title:
            action === 'publish:gitlab:merge-request'
              ? 'Merge request'
              : 'Pull request',
          url: `https://scm.example/${action}`,
        },
      ]);
    },
  );
});
