/*
 * Helpers of the template suites (not a suite: the runner only loads
 * *.e2e.mjs): step through a template form in the portal, create the task,
 * and wait for it through the scaffolder's API with the page's credentials.
 */

/** Records the credentials the page sends to the backend. */
export function trackAuthorization({ page, backendUrl, withAuthorization }) {
  const seen = { headers: {} };
  page.on('request', r => {
    const a = r.headers().authorization;
    if (a && r.url().startsWith(backendUrl))
      seen.headers = withAuthorization(a);
  });
  return seen;
}

/**
 * On a template page that shows `title`: calls `fill(page, step)` on each
 * step of the form (when given), clicks Next until the review, screenshots
 * it, then Create; returns the id of the task it opens.
 */
export async function submitTemplate(e2e, { title, fill, screenshot }) {
  const { page } = e2e;
  await page
    .getByRole('heading', { name: title })
    .first()
    .waitFor({ timeout: 120_000 });
  for (let step = 0; step < 6; step++) {
    const create = page.getByRole('button', { name: 'Create' });
    if (await create.isVisible().catch(() => false)) break;
    if (fill) await fill(page, step);
    await page
      .getByRole('button', { name: /^(Next|Review)$/ })
      .first()
      .click();
    await page.waitForTimeout(500);
  }
  if (screenshot) await page.screenshot({ path: e2e.shot(screenshot) });
  await page.getByRole('button', { name: 'Create' }).click();
  await page.waitForURL(/\/create\/tasks\/[^/]+/, { timeout: 60_000 });
  return /\/create\/tasks\/([^/?#]+)/.exec(page.url())[1];
}

/**
 * Waits until the task completes or fails; returns it with its log (the
 * messages of its events) and its output.
 */
export async function waitForTask(e2e, taskId, headers, timeoutMs = 180_000) {
  const api = `${e2e.backendUrl}/api/scaffolder/v2/tasks/${taskId}`;
  const started = Date.now();
  let task;
  for (;;) {
    task = await (await fetch(api, { headers })).json();
    if (task.status === 'completed' || task.status === 'failed') break;
    e2e.assert(Date.now() - started < timeoutMs, `task still ${task.status}`);
    await new Promise(r => setTimeout(r, 1000));
  }
  const events = await (await fetch(`${api}/events`, { headers })).json();
  const text = events.map(e => e.body?.message ?? '').join('\n');
  const output = events.find(e => e.type === 'completion')?.body?.output;
  return { task, text, output };
}
