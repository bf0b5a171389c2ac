/*
 * End-to-end suite of the secrets search, run by the repository's e2e
 * runner against the demo portal: "Which service reads
 * payments-stripe-api-key?" asked in the search bar.
 *
 * 1. Types the Vault key name into the search page's search bar and waits
 *    for a `secrets` result naming the owning service (the collator runs
 *    every minute in the demo, so a fresh portal may need one run).
 * 2. Checks the result against the search backend's JSON answer, fetched
 *    again with the page's credentials.
 * 3. Follows the result to the owner's Secrets tab.
 *
 * The screenshot goes to the runner's screenshot folder; with
 * E2E_UPDATE_SCREENSHOTS=1 it is also copied to docs/screenshots/.
 */

const KEY = 'payments-stripe-api-key';
const OWNER = 'component:default/payments';

export async function run(e2e) {
  const { page, backendUrl, log, assert, shot } = e2e;
  await e2e.open('/search');
  const started = Date.now();
  const owner = page
    .locator('[data-testid="secrets-search-owner"]')
    .filter({ hasText: OWNER })
    .first();
  let authorization;
  for (;;) {
    const input = page.locator('input[aria-label="Search"]').first();
    await input.waitFor({ timeout: 120_000 });
    const answer = page.waitForResponse(
      r => r.url().includes('/api/search/query') && r.url().includes('stripe'),
      { timeout: 60_000 },
    );
    // a reload keeps the term in the URL: clear it, so typing asks again
    await input.fill('');
    await input.fill(KEY);
    authorization = (await answer).request().headers().authorization;
    if (
      await owner
        .waitFor({ timeout: 15_000 })
        .then(() => true)
        .catch(() => false)
    )
      break;
    await page.screenshot({ path: shot('search-retry.png') });
    assert(
      Date.now() - started < 240_000,
      `no secrets result for ${KEY} after ${Math.round(
        (Date.now() - started) / 1000,
      )} s`,
    );
    await page.waitForTimeout(10_000);
    await page.reload();
  }
  log(
    `search: "${KEY}" answered with its owner after ${Math.round(
      (Date.now() - started) / 1000,
    )} s`,
  );
  await page.screenshot({ path: shot('search-secrets.png') });

  // the same answer from the search backend, with the page's credentials
  const direct = await page.request.get(
    `${backendUrl}/api/search/query?term=${encodeURIComponent(
      KEY,
    )}&types%5B0%5D=secrets`,
    { headers: e2e.withAuthorization(authorization) },
  );
  assert(direct.ok(), `the search query answered ${direct.status()}`);
  const { results } = await direct.json();
  const hit = results.find(
    r =>
      r.type === 'secrets' &&
      r.document.kind === 'VaultKey' &&
      r.document.name === KEY,
  );
  assert(hit, `the search backend has no VaultKey document for ${KEY}`);
  assert(
    hit.document.entityRef === OWNER,
    `the key's owner is ${hit.document.entityRef}, expected ${OWNER}`,
  );
  assert(
    hit.document.location.startsWith(
      '/catalog/default/component/payments/secrets#',
    ),
    `the result links to ${hit.document.location}`,
  );
  log(
    `search: ${results.length} secrets results; ${KEY} is read by ${
      hit.document.entityRef
    } via ${hit.document.externalSecrets.join(', ')}`,
  );

  // the result opens the owner's Secrets tab
  await page
    .getByRole('link', { name: new RegExp(`^${KEY} \\(Vault key`) })
    .first()
    .click();
  await page.waitForURL(/\/catalog\/default\/component\/payments\/secrets/, {
    timeout: 60_000,
  });
  await page
    .locator('[data-testid="summary-externalsecrets"]')
    .waitFor({ timeout: 60_000 });
  log('search: the result opens the Secrets tab of payments');

  e2e.publishScreenshots(['search-secrets.png']);
}
