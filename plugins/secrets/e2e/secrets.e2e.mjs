/*
 * End-to-end suite of the Secrets tab and the ownership review page, run by
 * the repository's e2e runner against the demo portal.
 *
 * 1. Opens the demo service `orders`, clicks the Secrets tab and checks the
 *    summary line against the backend's JSON answer (fetched again with the
 *    page's own credentials).
 * 2. Expands an ExternalSecret row with the keyboard.
 * 3. Measures the render of a 300-ExternalSecret answer (served to the
 *    browser through request interception) and logs the figure.
 * 4. Opens the review page from the sidebar and filters it by owner group.
 * 5. Opens the blast radius of one Vault key and checks it against the
 *    backend's JSON.
 *
 * Screenshots go to the runner's screenshot folder; with
 * E2E_UPDATE_SCREENSHOTS=1 they are also copied to docs/screenshots/, where
 * the README shows them (a plain test run leaves tracked files alone).
 */

const ENTITY = { kind: 'component', namespace: 'default', name: 'orders' };
const BIG_ENTITY = 'payments';
const BIG_COUNT = 300;

/** The text of a summary figure, e.g. "3" or "87.5%". */
async function summaryValue(page, testId) {
  return (
    await page.locator(`[data-testid="${testId}"] dd`).innerText()
  ).trim();
}

const coverageText = c => (c === null || c === undefined ? 'n/a' : `${c}%`);

/** Screenshot with a tall viewport: the portal scrolls inside its own container. */
async function tallShot(page, path, height = 1700) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: size.width, height });
  await page.waitForTimeout(300);
  await page.screenshot({ path });
  await page.setViewportSize(size);
}

/** A synthetic entity answer with `count` ExternalSecrets in four environments. */
function bigAnswer(count) {
  const environments = ['local', 'dev', 'staging', 'production'];
  const externalSecrets = Array.from({ length: count }, (_, i) => {
    const name = `load-secret-${String(i).padStart(3, '0')}`;
    return {
      id: `ExternalSecret:load:${name}`,
      name,
      namespace: 'load',
      kind: 'ExternalSecret',
      release: 'load',
      storeRef: { kind: 'ClusterSecretStore', name: 'vault' },
      targetSecret: `${name}-env`,
      refreshInterval: '1h',
      origin: 'external',
      sourceRef: { file: `charts/load/templates/${name}.yaml`, line: 1 },
      keys: [0, 1, 2].map(k => ({
        key: `load/${name}`,
        property: `p${k}`,
        secretKey: `P${k}`,
        origin: 'external',
        byEnvironment: Object.fromEntries(
          environments.map(env => [
            env,
            {
              fixture: 'present',
              vault: { present: true, placeholder: false },
              writers: [],
            },
          ]),
        ),
      })),
      cells: Object.fromEntries(
        environments.map((env, e) => [
          env,
          (i + e) % 9 === 0
            ? { state: 'error', reason: 'SecretSyncedError', clusters: [] }
            : { state: 'ready', clusters: [] },
        ]),
      ),
    };
  });
  return {
    entityRef: `component:default/${BIG_ENTITY}`,
    releases: ['load'],
    environments,
    summary: {
      externalSecrets: count,
      fixtureCoverage: 100,
      syncErrors: 0,
      findingsBySeverity: { error: 0, warning: 0, info: 0 },
      refreshedAt: new Date().toISOString(),
    },
    externalSecrets,
    findings: [],
    sources: [],
  };
}

/** Clicks the Secrets tab in the page and resolves with the time until the table shows. */
function clickAndTimeRender(expected) {
  const tab = [...document.querySelectorAll('[role="tab"]')].find(
    t => t.textContent.trim().toLowerCase() === 'secrets',
  );
  if (!tab) return Promise.reject(new Error('no Secrets tab'));
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const done = () => {
      const v = document.querySelector(
        '[data-testid="summary-externalsecrets"] dd',
      );
      return (
        v &&
        v.textContent === String(expected) &&
        document.querySelectorAll('[data-testid^="es-row-"]').length > 0
      );
    };
    // the observer is created below; finish() and it refer to each other
    const watch = { observer: undefined };
    const finish = () => {
      watch.observer.disconnect();
      // wait for the frame to be painted
      requestAnimationFrame(() =>
        setTimeout(() => {
          const t1 = performance.now();
          const res = performance
            .getEntriesByType('resource')
            .filter(r => r.name.includes('/api/secrets/entity/'))
            .pop();
          resolve({
            clickToPaint: t1 - t0,
            responseToPaint: res ? t1 - res.responseEnd : null,
          });
        }, 0),
      );
    };
    const obs = new MutationObserver(() => {
      if (done()) finish();
    });
    watch.observer = obs;
    obs.observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    setTimeout(() => {
      obs.disconnect();
      reject(
        new Error('the 300-ExternalSecret tab did not render within 60 s'),
      );
    }, 60_000);
    tab.click();
  });
}

export async function run(e2e) {
  const { page, backendUrl, log, assert, open, shot } = e2e;
  const entityPath = `/api/secrets/entity/${ENTITY.kind}/${ENTITY.namespace}/${ENTITY.name}`;

  // 1. the Secrets tab of a demo service
  await open(`/catalog/${ENTITY.namespace}/${ENTITY.kind}/${ENTITY.name}`);
  const tab = page.getByRole('tab', { name: 'Secrets' });
  await tab.waitFor({ timeout: 120_000 });
  const answer = page.waitForResponse(
    r => r.url().endsWith(entityPath) && r.request().method() === 'GET',
    { timeout: 120_000 },
  );
  await tab.click();
  const response = await answer;
  assert(
    response.status() === 200,
    `the entity answer is HTTP ${response.status()}`,
  );
  const seen = await response.json();
  const headers = e2e.withAuthorization(
    response.request().headers().authorization,
  );
  await page
    .locator('[data-testid="summary-externalsecrets"]')
    .waitFor({ timeout: 60_000 });

  // the same answer, fetched outside the UI with the page's credentials
  const direct = await page.request.get(`${backendUrl}${entityPath}`, {
    headers,
  });
  assert(direct.ok(), `GET ${entityPath} answered ${direct.status()}`);
  const body = await direct.json();
  const ui = {
    externalSecrets: await summaryValue(page, 'summary-externalsecrets'),
    coverage: await summaryValue(page, 'summary-coverage'),
    syncErrors: await summaryValue(page, 'summary-sync-errors'),
    error: await summaryValue(page, 'summary-findings-error'),
    warning: await summaryValue(page, 'summary-findings-warning'),
    info: await summaryValue(page, 'summary-findings-info'),
  };
  for (const s of [seen.summary, body.summary]) {
    const want = {
      externalSecrets: String(s.externalSecrets),
      coverage: coverageText(s.fixtureCoverage),
      syncErrors: String(s.syncErrors),
      error: String(s.findingsBySeverity.error),
      warning: String(s.findingsBySeverity.warning),
      info: String(s.findingsBySeverity.info),
    };
    assert(
      JSON.stringify(ui) === JSON.stringify(want),
      `summary ${JSON.stringify(
        ui,
      )} differs from the backend's ${JSON.stringify(want)}`,
    );
  }
  log(
    `secrets: summary of ${ENTITY.name} matches the backend: ${JSON.stringify(
      ui,
    )}`,
  );

  // degraded sources: one banner each, the page still renders
  const degraded = body.sources.filter(
    s => s.status === 'stale' || s.status === 'error',
  );
  for (const s of degraded) {
    await page
      .locator(`[data-testid="source-banner-${s.id}"]`)
      .waitFor({ timeout: 10_000 });
  }
  log(`secrets: ${degraded.length} degraded-source banner(s) shown`);

  // 2. expand a row with the keyboard
  assert(
    body.externalSecrets.length > 0,
    `${ENTITY.name} owns no ExternalSecrets in the demo`,
  );
  const first = [...body.externalSecrets].sort((a, b) =>
    a.name.localeCompare(b.name),
  )[0];
  const toggle = page.getByRole('button', {
    name: `Show details of ${first.name}`,
  });
  await toggle.focus();
  await page.keyboard.press('Enter');
  const keysTable = page.getByRole('table', {
    name: `Vault keys of ${first.name}`,
  });
  if (first.keys.length > 0) {
    await keysTable.waitFor({ timeout: 10_000 });
    for (const k of first.keys) {
      await keysTable
        .getByText(`${k.key}#${k.property}`, { exact: true })
        .first()
        .waitFor();
    }
  }
  const expanded = await page
    .getByRole('button', { name: `Hide details of ${first.name}` })
    .getAttribute('aria-expanded');
  assert(
    expanded === 'true',
    'the expanded row does not report aria-expanded=true',
  );
  log(
    `secrets: row ${first.name} expanded by keyboard, ${first.keys.length} Vault key(s) listed`,
  );
  await tallShot(page, shot('secrets-tab.png'));

  // 3. render time of a 300-ExternalSecret entity in the browser
  const bigPath = `**/api/secrets/entity/component/default/${BIG_ENTITY}`;
  const big = bigAnswer(BIG_COUNT);
  await page.route(bigPath, route => route.fulfill({ json: big }));
  await open(`/catalog/default/component/${BIG_ENTITY}`);
  await page.getByRole('tab', { name: 'Secrets' }).waitFor({ timeout: 60_000 });
  const timing = await page.evaluate(clickAndTimeRender, BIG_COUNT);
  const rows = await page.locator('[data-testid^="es-row-"]').count();
  assert(rows === 10, `expected one page of 10 rows, found ${rows}`);
  const t0 = Date.now();
  await page
    .getByRole('button', { name: /next page/i })
    .nth(1)
    .click();
  await page.locator('[data-testid="es-row-load-secret-010"]').waitFor();
  const pageMs = Date.now() - t0;
  await page.unroute(bigPath);
  const fromAnswer =
    timing.responseToPaint !== null
      ? `, ${Math.round(timing.responseToPaint)} ms from the answer`
      : '';
  log(
    `secrets: ${BIG_COUNT} ExternalSecrets rendered in ${Math.round(
      timing.clickToPaint,
    )} ms from the tab click${fromAnswer}; next table page in ${pageMs} ms (including the test driver round trip)`,
  );
  assert(
    timing.clickToPaint < 5000,
    `the 300-ExternalSecret tab took ${timing.clickToPaint} ms`,
  );

  // 4. the ownership review page, from the sidebar, filtered by owner group
  await open('/catalog');
  await page.getByRole('link', { name: 'Secrets' }).first().click();
  const entities = page.getByRole('table', { name: 'Entities' });
  await entities.waitFor({ timeout: 60_000 });
  await page.waitForURL(/\/secrets$/);
  const allRows = await entities.locator('tbody tr').count();
  await tallShot(page, shot('secrets-overview.png'), 1400);

  const owner = 'team-data';
  const filtered = page.waitForResponse(
    r =>
      r.url().includes('/api/secrets/overview') &&
      r.url().includes(`owner=${owner}`),
  );
  await page.getByRole('button', { name: /Owner group/ }).click();
  await page.getByRole('option', { name: owner, exact: true }).click();
  const filteredBody = await (await filtered).json();
  // by role and name, not markup: the table is named by its (hidden) title
  const wanted = Math.min(filteredBody.entities.items.length, 25);
  const until = Date.now() + 30_000;
  while ((await entities.locator('tbody tr').count()) !== wanted) {
    assert(
      Date.now() < until,
      `the filtered view does not show ${wanted} row(s) after 30 s`,
    );
    await page.waitForTimeout(100);
  }
  const owners = await entities
    .locator('tbody tr td:nth-child(2)')
    .allInnerTexts();
  assert(owners.length > 0, `no entity owned by ${owner}`);
  assert(
    owners.every(o => o.trim() === owner),
    `the filtered view shows other owners: ${[...new Set(owners)].join(', ')}`,
  );
  log(
    `secrets: review page lists ${allRows} entities, ${owners.length} after filtering by ${owner}`,
  );
  await tallShot(page, shot('secrets-overview-filtered.png'), 1400);

  // 5. the blast radius of one Vault key of the demo, against the backend's JSON
  const key = first.keys[0]?.key;
  assert(key, `${first.name} reads no Vault key`);
  const impactPath = `/api/secrets/impact?vaultKey=${encodeURIComponent(key)}`;
  const impactAnswer = page.waitForResponse(
    r => r.url().includes('/api/secrets/impact?') && r.status() === 200,
    { timeout: 60_000 },
  );
  await open(`/secrets?vaultKey=${encodeURIComponent(key)}`);
  const shown = await (await impactAnswer).json();
  const impactDirect = await page.request.get(`${backendUrl}${impactPath}`, {
    headers,
  });
  assert(
    impactDirect.ok(),
    `GET ${impactPath} answered ${impactDirect.status()}`,
  );
  const impact = await impactDirect.json();
  assert(
    JSON.stringify(shown.summary) === JSON.stringify(impact.summary),
    'the page asked for a different impact than the backend answers',
  );
  const summaryText = await page
    .locator('[data-testid="impact-summary"]')
    .innerText();
  const s = impact.summary;
  const expected = `${s.externalSecrets} ExternalSecret(s), ${s.secrets} Secret(s), ${s.readers} required reader(s)`;
  assert(
    summaryText.includes(expected),
    `impact summary "${summaryText}" does not say "${expected}"`,
  );
  assert(
    s.externalSecrets > 0 && impact.nodes.some(n => n.kind === 'Workload'),
    `the demo key ${key} reaches no workload`,
  );
  // the graph draws every node of the answer (once its layout has run)
  await page
    .locator('svg')
    .getByText(key)
    .first()
    .waitFor({ timeout: 30_000 })
    .catch(() => {});
  const graphLabels = await page.locator('svg').getByText(key).count();
  assert(graphLabels > 0, `the graph does not draw the key ${key}`);
  const objects = page.getByRole('table', { name: 'Objects' });
  await objects.waitFor();
  const rowsShown = await objects.locator('tbody tr').count();
  assert(
    rowsShown === Math.min(impact.nodes.length, 10),
    `the objects table shows ${rowsShown} of ${impact.nodes.length} nodes`,
  );
  log(
    `secrets: impact of ${key}: ${impact.nodes.length} nodes, ${impact.edges.length} edges, summary matches the backend`,
  );
  await tallShot(page, shot('secrets-impact.png'), 1400);

  e2e.publishScreenshots([
    'secrets-tab.png',
    'secrets-overview.png',
    'secrets-impact.png',
  ]);
}
