/**
 * Shared setup of the secrets:chart-externalsecrets:create tests: the files
 * the action writes, and the workspaces the tests run it in.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { createSecretsChartExternalSecretsAction } from '../actions/createSecretsChartExternalSecretsAction';
import {
  contextFor,
  digest,
  makeWorkspace,
  removeDir,
  smallWorkspace,
  type TestInput,
} from './workspace';

export const FIXTURES =
  'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml';
export const PROD =
  'sources/values/env/production/foundation/foundation-vault-bootstrap.yaml';
export const VALUES = 'sources/charts/apps/billing/values.yaml';
export const TEMPLATE =
  'sources/charts/apps/billing/templates/externalsecret.yaml';

/** Makes workspaces for a describe block; every one it made is removed after the block. */
export function workspaces() {
  const dirs: string[] = [];
  const workspace = async (files = smallWorkspace()) => {
    const dir = await makeWorkspace(files);
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(dirs.map(removeDir));
  });
  return workspace;
}

export let root: string;
export let ws: string;
export let outside: string;

/** Gives each test a fresh workspace root/ws; root/outside must never be touched. */
export function useHostileWorkspace() {
  beforeEach(async () => {
    // root/ws is the workspace; root/outside must never be touched
    root = await makeWorkspace({
      'outside/secret.yaml': 'fixtures:\n  keep: me\n',
    });
    outside = join(root, 'outside');
    ws = join(root, 'ws');
    await fs.mkdir(ws);
    const tmp = await makeWorkspace(smallWorkspace());
    await fs.cp(tmp, ws, { recursive: true });
    await removeDir(tmp);
  });
  afterEach(async () => {
    await removeDir(root);
  });
}

const action = createSecretsChartExternalSecretsAction();

/** Runs the action, expects it to fail, checks nothing changed, returns the message. */
export const refusal = async (
  input: TestInput,
  dryRun = false,
): Promise<string> => {
  const before = await digest(root);
  const { ctx, outputs } = contextFor(ws, input, { dryRun });
  const error = await action.handler(ctx).then(
    () => undefined,
    e => e,
  );
  expect(error?.name).toBe('InputError');
  expect(await digest(root)).toBe(before);
  expect(outputs).toStrictEqual({});
  return String(error?.message);
};
