/*
 * "Fix this finding" followed from an entity's Secrets tab (a helper of the
 * fix-finding suite): the link's prefilled form data must be the finding's
 * evidence as the entity endpoint returns it, and the form, created as it
 * is, must write the fix into the task workspace.
 */
import { submitTemplate, waitForTask } from './task.mjs';

export async function fixFromSecretsTab(e2e, auth, c) {
  const { page, log, assert } = e2e;
  const answer = page.waitForResponse(
    r =>
      r.url().includes(`/api/secrets/entity/component/default/${c.entity}`) &&
      r.request().method() === 'GET',
    { timeout: 120_000 },
  );
  await e2e.open(`/catalog/default/component/${c.entity}/secrets`);
  const body = await (await answer).json();
  const finding = body.findings.find(
    f => f.type === c.type && f.subject.name === c.subject,
  );
  assert(finding, `${c.entity} has no ${c.type} finding for ${c.subject}`);

  const link = page
    .getByRole('link', {
      name: new RegExp(
        `^Fix this finding: .* ${c.subject}, as a pull request$`,
      ),
    })
    .first();
  await link.waitFor({ timeout: 60_000 });
  const href = await link.getAttribute('href');
  const shown = JSON.parse(
    new URL(href, e2e.baseUrl).searchParams.get('formData'),
  );
  const linked = body.findings.find(
    f =>
      f.type === c.type &&
      f.subject.name === c.subject &&
      f.environment === shown.environment,
  );
  assert(linked, `the link names an environment no finding has: ${href}`);
  const expected = {
    type: c.type,
    subject: c.subject,
    environment: linked.environment,
    ...c.formData(linked),
    ...(linked.entityRef ? { entityRef: linked.entityRef } : {}),
  };
  assert(
    JSON.stringify(Object.entries(shown).sort()) ===
      JSON.stringify(Object.entries(expected).sort()),
    `the link prefills ${JSON.stringify(
      shown,
    )}, the finding says ${JSON.stringify(expected)}`,
  );

  await link.click();
  const taskId = await submitTemplate(e2e, {
    title: 'Fix this finding',
    screenshot: `fix-finding-${c.type}-review.png`,
  });
  const { task, text } = await waitForTask(e2e, taskId, auth.headers);
  await page.screenshot({ path: e2e.shot(`fix-finding-${c.type}-task.png`) });
  assert(task.status === 'completed', `task ${task.status}:\n${text}`);
  for (const w of c.written)
    assert(text.includes(w), `"${w}" is not in the task log:\n${text}`);
  assert(
    text.includes('Pull request skipped: openPullRequest is off'),
    'no skip message for the pull request',
  );
  assert(!text.includes('local-dev-'), 'an existing fixture value in the log');
  log(
    `fix-finding: ${c.type} ${c.subject} fixed from the Secrets tab of ${
      c.entity
    } (${Object.keys(shown).join(', ')} prefilled)`,
  );
}
