/*
 * What the browser suites share: the runner hands each suite's `run` the
 * context built here, with the page, baseUrl, backendUrl, screenshotDir,
 * log and signIn, and
 * - `assert(condition, message)`, failing with the suite's name;
 * - `shot(file)`, the path of a screenshot in the runner's folder;
 * - `publishScreenshots(files)`, which copies them to docs/screenshots/,
 *   where the README shows them, only with E2E_UPDATE_SCREENSHOTS=1 (a
 *   plain run leaves tracked files alone);
 * - `open(path)`, which opens a portal page and signs in when asked;
 * - `withAuthorization(header)`, request headers carrying the page's
 *   credentials when it has any.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const docsDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

/** Request headers that carry the page's credentials, when it has any. */
export const withAuthorization = authorization =>
  authorization ? { authorization } : {};

/** The context of the suite named `name`, from the runner's `ctx`. */
export function suiteContext(name, ctx) {
  const assert = (condition, message) => {
    if (!condition) throw new Error(`${name} e2e: ${message}`);
  };
  const shot = file => join(ctx.screenshotDir, file);
  const publishScreenshots = files => {
    if (process.env.E2E_UPDATE_SCREENSHOTS !== '1') return;
    mkdirSync(docsDir, { recursive: true });
    for (const f of files) copyFileSync(shot(f), join(docsDir, f));
    ctx.log(`${name}: screenshots copied to docs/screenshots/`);
  };
  const open = async path => {
    await ctx.page.goto(`${ctx.baseUrl}${path}`);
    await ctx.signIn(ctx.page);
  };
  return {
    ...ctx,
    assert,
    shot,
    publishScreenshots,
    open,
    withAuthorization,
  };
}
