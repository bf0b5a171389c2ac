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
import { join } from 'node:path';

const FIXTURES =
  'gitops/sources/values/_shared/foundation/foundation-vault-bootstrap.yaml';

function assert(condition, message) {
  if (!condition) throw new Error(`fix-finding e2e: ${message}`);
}

export async function run({
  page,
  baseUrl,
  backendUrl,
  screenshotDir,
  log,
  signIn,
}) {
  const formData = {
    type: 'missing-fixture',
    subject: 'payments-stripe-api-key',
    property: 'value',
    environment: 'dev',
    entityRef: 'component:default/payments',
  };
  await page.goto(
    `${baseUrl}/create/templates/default/fix-finding?formData=${encodeURIComponent(
      JSON.stringify(formData),
    )}`,
  );
  await signIn(page);
  let authorization;
  page.on('request', r => {
    const a = r.headers().authorization;
    if (a && r.url().startsWith(backendUrl)) authorization = a;
  });
  await page
    .getByRole('heading', { name: 'Fix this finding' })
    .first()
    .waitFor({ timeout: 120_000 });
  // step through the form: Next until the review, then Create
  for (let i = 0; i < 4; i++) {
    const create = page.getByRole('button', { name: 'Create' });
    if (await create.isVisible().catch(() => false)) break;
    const next = page.getByRole('button', { name: /^(Next|Review)$/ });
    await next.first().click();
    await page.waitForTimeout(500);
  }
  await page.screenshot({
    path: join(screenshotDir, 'fix-finding-review.png'),
  });
  await page.getByRole('button', { name: 'Create' }).click();
  await page.waitForURL(/\/create\/tasks\/[^/]+/, { timeout: 60_000 });
  const taskId = /\/create\/tasks\/([^/?#]+)/.exec(page.url())[1];
  log(`fix-finding: task ${taskId} created`);

  let task;
  const started = Date.now();
  for (;;) {
    const res = await fetch(`${backendUrl}/api/scaffolder/v2/tasks/${taskId}`, {
      headers: authorization ? { authorization } : {},
    });
    task = await res.json();
    if (task.status === 'completed' || task.status === 'failed') break;
    assert(Date.now() - started < 120_000, `task still ${task.status}`);
    await new Promise(r => setTimeout(r, 1000));
  }
  const events = await (
    await fetch(`${backendUrl}/api/scaffolder/v2/tasks/${taskId}/events`, {
      headers: authorization ? { authorization } : {},
    })
  ).json();
  const text = events.map(e => e.body?.message ?? '').join('\n');
  await page.screenshot({ path: join(screenshotDir, 'fix-finding-task.png') });
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
