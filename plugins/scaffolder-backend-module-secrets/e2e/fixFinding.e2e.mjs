/*
 * End-to-end suite of "Fix this finding", run by the repository's e2e runner
 * against the demo portal: the template page opened the way the Secrets tab
 * links it (fields prefilled through ?formData=), for the demo's missing
 * fixture of payments-stripe-api-key in dev.
 *
 * 1. Opens the prefilled template page, steps through the form and creates
 *    the task.
 * 2. Waits for the task to complete and checks its log: the fixture file
 *    written in the workspace and the pull request skipped with its message.
 */
import { submitTemplate, trackAuthorization, waitForTask } from './task.mjs';

const FIXTURES =
  'gitops/sources/values/_shared/foundation/foundation-vault-bootstrap.yaml';

export async function run(e2e) {
  const { page, log, assert } = e2e;
  const formData = {
    type: 'missing-fixture',
    subject: 'payments-stripe-api-key',
    property: 'value',
    environment: 'dev',
    entityRef: 'component:default/payments',
  };
  const auth = trackAuthorization(e2e);
  await e2e.open(
    `/create/templates/default/fix-finding?formData=${encodeURIComponent(
      JSON.stringify(formData),
    )}`,
  );
  const taskId = await submitTemplate(e2e, {
    title: 'Fix this finding',
    screenshot: 'fix-finding-review.png',
  });
  log(`fix-finding: task ${taskId} created`);
  const { task, text } = await waitForTask(e2e, taskId, auth.headers);
  await page.screenshot({ path: e2e.shot('fix-finding-task.png') });
  assert(task.status === 'completed', `task ${task.status}:\n${text}`);
  assert(text.includes(`update ${FIXTURES}`), 'no fixture file in the log');
  assert(
    text.includes('placeholder-payments-stripe-api-key-not-a-real-secret'),
    'no placeholder entry in the log',
  );
  assert(
    text.includes('Pull request skipped: openPullRequest is off'),
    'no skip message for the pull request',
  );
  assert(!text.includes('local-dev-'), 'an existing fixture value in the log');
  log('fix-finding: task completed, fixture written, pull request skipped');
}
