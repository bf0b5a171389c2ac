/*
 * End-to-end suite of the trend charts, run by the repository's e2e runner
 * against the demo portal (whose backend seeds 60 days of history behind
 * its first refresh).
 *
 * 1. Opens the review page and checks the platform trend against the
 *    backend's JSON: number of days drawn, the last day and its errors, the
 *    drawn lines, and the week's movers.
 * 2. Opens the Secrets tab of a demo service and checks its trend the same way.
 *
 * Screenshot: secrets-trend.png (the review page's trend card); with
 * E2E_UPDATE_SCREENSHOTS=1 also copied to docs/screenshots/.
 */

const ENTITY_REF = 'component:default/orders';

/** Waits for a trend answer of the page, and returns it with the page's credentials. */
function trendAnswer(page, path) {
  return page.waitForResponse(
    r => r.url().includes(path) && r.request().method() === 'GET',
    { timeout: 120_000 },
  );
}

/** The chart drawn for `name` agrees with the backend's answer `body`. */
async function checkChart({ page, assert }, name, body) {
  const figure = page.getByRole('figure', { name });
  await figure.waitFor({ timeout: 60_000 });
  const last = body.points[body.points.length - 1];
  const attrs = {
    points: await figure.getAttribute('data-points'),
    lastDate: await figure.getAttribute('data-last-date'),
    lastErrors: await figure.getAttribute('data-last-errors'),
  };
  const want = {
    points: String(body.points.length),
    lastDate: last.date,
    lastErrors: String(last.errors),
  };
  assert(
    JSON.stringify(attrs) === JSON.stringify(want),
    `${name} draws ${JSON.stringify(attrs)}, the backend says ${JSON.stringify(
      want,
    )}`,
  );
  // four counts and the coverage, each a drawn line
  const lines = await figure.locator('.recharts-line-curve').count();
  assert(lines === 5, `${name} draws ${lines} lines, not 5`);
  const summary = await figure
    .locator('[data-testid="secrets-trend-summary"]')
    .innerText();
  assert(
    summary.includes(`${last.errors} errors`) && summary.includes(last.date),
    `${name} summary "${summary}" does not name the last day`,
  );
  return figure;
}

export async function run(e2e) {
  const { page, backendUrl, log, assert, open } = e2e;
  // 1. the review page's platform trend
  let answer = trendAnswer(page, '/api/secrets/history/platform');
  await open('/secrets');
  let response = await answer;
  const headers = e2e.withAuthorization(
    response.request().headers().authorization,
  );
  // the demo seeds its past after the first refresh: wait for it
  const platformPath = '/api/secrets/history/platform?days=30';
  let body;
  for (let i = 0; i < 60; i++) {
    body = await (
      await page.request.get(`${backendUrl}${platformPath}`, { headers })
    ).json();
    if (body.points.length >= 30) break;
    await page.waitForTimeout(2000);
  }
  assert(
    body.points.length === 30,
    `the platform trend has ${body.points.length} days, not 30`,
  );
  answer = trendAnswer(page, '/api/secrets/history/platform');
  await page.reload();
  response = await answer;
  const shown = await response.json();
  assert(
    JSON.stringify(shown.points) === JSON.stringify(body.points),
    'the page asked for another platform trend than the backend answers',
  );
  const figure = await checkChart(e2e, 'Platform trend', body);
  const errors = body.points.map(p => p.errors);
  assert(
    Math.max(...errors) - Math.min(...errors) >= 3,
    `the seeded platform trend hardly moves (errors ${errors.join(', ')})`,
  );
  const movers = await page.locator('[data-testid="secrets-mover"]').count();
  assert(
    movers === body.movers.length,
    `the page shows ${movers} movers, the backend ${body.movers.length}`,
  );
  await page
    .getByText(`New since ${body.since.slice(0, 10)}`)
    .first()
    .waitFor();
  log(
    `history: platform trend of ${body.points.length} days (errors ${Math.min(
      ...errors,
    )} to ${Math.max(...errors)}), ${movers} movers, matches the backend`,
  );
  // the card alone, from a viewport tall enough to hold it
  const size = page.viewportSize();
  await page.setViewportSize({ width: size.width, height: 1700 });
  const card = page
    .locator('[data-testid="secrets-history-card"]')
    .filter({ has: figure });
  await card.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await page.screenshot({
    path: e2e.shot('secrets-trend.png'),
    clip: await card.boundingBox(),
  });
  await page.setViewportSize(size);

  // 2. the Secrets tab's trend of one entity
  const [, namespaceAndName] = ENTITY_REF.split(':');
  const [namespace, name] = namespaceAndName.split('/');
  await open(`/catalog/${namespace}/component/${name}`);
  const tab = page.getByRole('tab', { name: 'Secrets' });
  await tab.waitFor({ timeout: 120_000 });
  answer = trendAnswer(page, '/api/secrets/history?');
  await tab.click();
  const entityShown = await (await answer).json();
  const entityPath = `/api/secrets/history?entityRef=${encodeURIComponent(
    ENTITY_REF,
  )}&days=30`;
  const entityBody = await (
    await page.request.get(`${backendUrl}${entityPath}`, { headers })
  ).json();
  assert(
    JSON.stringify(entityShown.points) === JSON.stringify(entityBody.points),
    'the tab asked for another trend than the backend answers',
  );
  await checkChart(e2e, 'Trend', entityBody);
  log(
    `history: ${name}'s trend of ${entityBody.points.length} days, ${
      entityBody.newSince.length
    } new and ${
      entityBody.resolvedSince.length
    } resolved since ${entityBody.since.slice(0, 10)}, matches the backend`,
  );

  e2e.publishScreenshots(['secrets-trend.png']);
}
