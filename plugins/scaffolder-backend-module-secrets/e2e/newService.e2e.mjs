/*
 * End-to-end suite of the "New service with chart-owned secrets" template,
 * run by the repository's e2e runner against the demo portal.
 *
 * 1. Opens the template, fills the form (service name, one Secret with its
 *    Vault key) and creates the task.
 * 2. Waits for it to complete and checks what it wrote into the workspace
 *    through the task's output and log: the chart's ExternalSecret template,
 *    the values block naming the Secret and its Vault key, the placeholder
 *    fixture entry, the empty production override and the writer declared
 *    for production; the pull request skipped with its message, no value of
 *    the fixture map in either.
 * 3. The task page shows the same summary.
 */
import { submitTemplate, trackAuthorization, waitForTask } from './task.mjs';

const SERVICE = 'e2e-ledger';
const SECRET = `${SERVICE}-db`;
const VAULT_KEY = `${SERVICE}-db-password`;
const CHART = `sources/charts/apps/${SERVICE}`;
const FIXTURES =
  'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml';
const PROD_FIXTURES =
  'sources/values/env/production/foundation/foundation-vault-bootstrap.yaml';
const PROD_VALUES = `sources/values/env/production/apps/apps-${SERVICE}.yaml`;

/** The ```yaml block the summary shows for `path`, with its change. */
function block(summary, path) {
  const at = summary.indexOf(`### ${path} (`);
  if (at < 0) return undefined;
  const m =
    /\((create|update|unchanged)\)\n(?:[^`\n]*\n)?```yaml\n([\s\S]*?)\n```/.exec(
      summary.slice(at),
    );
  return m && { change: m[1], yaml: m[2] };
}

export async function run(e2e) {
  const { page, log, assert } = e2e;
  const auth = trackAuthorization(e2e);
  await e2e.open('/create/templates/default/new-service-secrets');
  const taskId = await submitTemplate(e2e, {
    title: 'New service with chart-owned secrets',
    screenshot: 'new-service-review.png',
    async fill(p, step) {
      if (step === 0) {
        await p.getByRole('textbox', { name: /^Name\b/ }).fill(SERVICE);
      } else if (step === 1) {
        await p.getByRole('textbox', { name: /^Secret name/ }).fill(SECRET);
        await p
          .getByRole('textbox', { name: /^Vault key/ })
          .first()
          .fill(VAULT_KEY);
      }
    },
  });
  log(`new-service: task ${taskId} created`);
  const { task, text, output } = await waitForTask(e2e, taskId, auth.headers);
  await page.screenshot({ path: e2e.shot('new-service-task.png') });
  assert(task.status === 'completed', `task ${task.status}:\n${text}`);

  // the files written, as the action logs them
  for (const path of [
    `${CHART}/templates/externalsecret.yaml`,
    `${CHART}/values.yaml`,
    FIXTURES,
    PROD_FIXTURES,
    PROD_VALUES,
  ])
    assert(text.includes(path), `${path} is not in the task log`);

  // what the summary shows of them
  const summary = output?.text?.find(
    t => t.title === 'Generated files',
  )?.content;
  assert(summary, `no "Generated files" output: ${JSON.stringify(output)}`);
  const template = block(summary, `${CHART}/templates/externalsecret.yaml`);
  assert(
    template?.change === 'create' &&
      template.yaml.includes('kind: ExternalSecret') &&
      template.yaml.includes('range .Values.externalSecrets'),
    `the ExternalSecret template: ${JSON.stringify(template)}`,
  );
  const values = block(summary, `${CHART}/values.yaml`);
  assert(
    values &&
      values.yaml.includes('externalSecrets:') &&
      values.yaml.includes(`- name: ${SECRET}`) &&
      values.yaml.includes(`key: ${VAULT_KEY}`) &&
      values.yaml.includes('property: value'),
    `the values block: ${JSON.stringify(values)}`,
  );
  const fixture = block(summary, FIXTURES);
  assert(
    fixture?.change === 'update' &&
      fixture.yaml.includes(
        `${VAULT_KEY}: placeholder-${VAULT_KEY}-not-a-real-secret`,
      ),
    `the fixture entry: ${JSON.stringify(fixture)}`,
  );
  const override = block(summary, PROD_FIXTURES);
  assert(
    override?.yaml.includes(`${VAULT_KEY}: ""`),
    `the production override: ${JSON.stringify(override)}`,
  );
  const writer = block(summary, PROD_VALUES);
  assert(
    writer?.yaml.includes(`key: ${VAULT_KEY}`) &&
      writer.yaml.includes('writer: external-key-vault-sync'),
    `the production writer: ${JSON.stringify(writer)}`,
  );
  assert(
    text.includes('Pull request skipped: openPullRequest is off') &&
      text.includes('publish:gitlab:merge-request'),
    'no skip message for the pull or merge request',
  );
  // an existing fixture value of the demo never shows
  assert(
    !`${text}\n${summary}`.includes('local-dev-'),
    'an existing fixture value in the task log or output',
  );
  log(
    `new-service: ${SERVICE} written (ExternalSecret template, values, fixture, production override and writer), pull request skipped`,
  );

  // the task page shows the summary
  await page
    .getByText(`${CHART}/templates/externalsecret.yaml (create)`)
    .first()
    .waitFor({ timeout: 60_000 });
  await page.screenshot({
    path: e2e.shot('new-service-output.png'),
    fullPage: true,
  });
}
