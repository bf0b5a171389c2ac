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
 * 3. From the Secrets tab of checkout and of vault-secrets-platform, follows
 *    the "Fix this finding" link of a remote-ref-convention and of an
 *    empty-production-override finding: the link's form data is the
 *    finding's evidence in the entity answer, the prefilled form is created
 *    as it is, and the task writes the fix (see FROM_TAB).
 */
import { fixFromSecretsTab } from './fixFromTab.mjs';
import { submitTemplate, trackAuthorization, waitForTask } from './task.mjs';

const FIXTURES =
  'gitops/sources/values/_shared/foundation/foundation-vault-bootstrap.yaml';

/** Findings fixed from the Secrets tab: what the link holds and what the task writes. */
const FROM_TAB = [
  {
    entity: 'checkout',
    type: 'remote-ref-convention',
    subject: 'checkout-session',
    formData: f => ({
      vaultKey: /key: (\S+)/.exec(f.proposedFix.command)[1],
    }),
    written: [
      'update gitops/sources/values/_shared/apps/apps-checkout.yaml',
      'remoteRef:\n  key: checkout-session-key\n  property: value',
    ],
  },
  {
    entity: 'vault-secrets-platform',
    type: 'empty-production-override',
    subject: 'orders-db-password',
    formData: f => ({ file: `${f.chart}/values.yaml` }),
    written: [
      'update gitops/sources/charts/foundation/vault-secrets-platform/values.yaml',
      'secretWriters:\n  - key: orders-db-password\n    writer: external-key-vault-sync',
    ],
  },
];

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

  for (const c of FROM_TAB) await fixFromSecretsTab(e2e, auth, c);
}
