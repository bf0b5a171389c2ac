#!/usr/bin/env node
/*
 * End-to-end run in a real browser: starts the demo portal (`yarn start`:
 * frontend on :3000, backend on :7007), drives Debian's Chromium through
 * playwright-core, and stops everything it started, whatever happens.
 *
 * Suites: the portal smoke test below, then every `plugins/*\/e2e/*.e2e.mjs`
 * module, each exporting `run(e2e)`, `e2e` being the context of ./suite.mjs
 * (named after the file: `history` for history.e2e.mjs);
 * `E2E_ONLY=<text>` runs only the suites whose path contains it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, existsSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { stopProcessGroup } from '../scripts/lib/process.mjs';
import { suiteContext } from './suite.mjs';

const root = new URL('..', import.meta.url).pathname;
const baseUrl = 'http://localhost:3000';
const backendUrl = 'http://localhost:7007';
const screenshotDir = join(root, '.e2e', 'screenshots');
const logFile = join(root, '.e2e', 'portal.log');
const startTimeoutMs = Number(process.env.E2E_START_TIMEOUT_MS ?? 10 * 60_000);
mkdirSync(screenshotDir, { recursive: true });

const log = (...args) => console.log('[e2e]', ...args);
const sleep = ms => new Promise(r => setTimeout(r, ms));

async function isUp(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return res.status < 500;
  } catch {
    return false;
  }
}

async function waitFor(url, portal) {
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (portal.exitCode !== null) {
      throw new Error(
        `the portal exited with code ${portal.exitCode}; see ${logFile}`,
      );
    }
    if (await isUp(url)) return;
    await sleep(2000);
  }
  throw new Error(
    `${url} did not come up within ${startTimeoutMs / 1000}s; see ${logFile}`,
  );
}

function startPortal() {
  const yarn = join(
    root,
    '.yarn',
    'releases',
    readdirSync(join(root, '.yarn', 'releases'))[0],
  );
  const out = createWriteStream(logFile);
  const child = spawn(process.execPath, [yarn, 'start'], {
    cwd: root,
    detached: true, // own process group, so stop() reaches every child
    env: { ...process.env, BROWSER: 'none', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  return child;
}

const stopPortal = child => stopProcessGroup(child);

/** Signs in as guest when the sign-in page shows up. */
export async function signIn(page) {
  const enter = page.getByRole('button', { name: /enter/i });
  if (await enter.isVisible({ timeout: 30_000 }).catch(() => false)) {
    await enter.click();
  }
}

async function smoke(page) {
  await page.goto(`${baseUrl}/catalog`);
  await signIn(page);
  await page
    .getByText('orders', { exact: true })
    .first()
    .waitFor({ timeout: 120_000 });
  await page.goto(`${baseUrl}/catalog/default/component/orders`);
  await page
    .getByRole('heading', { name: 'orders' })
    .first()
    .waitFor({ timeout: 60_000 });
  await page.getByText('team-commerce').first().waitFor({ timeout: 30_000 });
  await page.screenshot({
    path: join(screenshotDir, 'component-page.png'),
    fullPage: true,
  });
  log('smoke: catalog lists the demo component and its page renders');
}

async function main() {
  for (const url of [`${backendUrl}/.backstage/health/v1/liveness`, baseUrl]) {
    if (await isUp(url)) {
      throw new Error(
        `${url} already answers: stop the running portal before the e2e run`,
      );
    }
  }
  log('starting the portal (log:', logFile, ')');
  const portal = startPortal();
  const onSignal = async () => {
    await stopPortal(portal);
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let browser;
  try {
    await waitFor(`${backendUrl}/.backstage/health/v1/readiness`, portal);
    log('backend ready');
    await waitFor(baseUrl, portal);
    log('frontend ready');
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await smoke(page);

    const suites = [];
    for (const dir of readdirSync(join(root, 'plugins'))) {
      const e2eDir = join(root, 'plugins', dir, 'e2e');
      if (!existsSync(e2eDir)) continue;
      for (const f of readdirSync(e2eDir)
        .filter(n => n.endsWith('.e2e.mjs'))
        .sort()) {
        suites.push(join(e2eDir, f));
      }
    }
    // E2E_ONLY=<text>: only the suites whose path contains it (the smoke test always runs)
    const only = process.env.E2E_ONLY;
    const selected = suites.filter(s => !only || s.includes(only));
    for (const suite of selected) {
      const mod = await import(pathToFileURL(suite).href);
      log('suite:', suite.slice(root.length));
      const name = suite
        .split('/')
        .pop()
        .replace(/\.e2e\.mjs$/, '');
      await mod.run(
        suiteContext(name, {
          page,
          baseUrl,
          backendUrl,
          screenshotDir,
          log,
          signIn,
        }),
      );
    }
    log(`all ${selected.length + 1} suites passed`);
  } finally {
    await browser?.close().catch(() => {});
    await stopPortal(portal);
    log('portal stopped');
  }
}

main().catch(err => {
  console.error('[e2e] FAILED:', err?.stack ?? err);
  process.exit(1);
});
