import { InputError } from '@backstage/errors';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { createSecretsFixFindingAction } from './createSecretsFixFindingAction';
import {
  contextFor,
  demoGitops,
  digest,
  makeWorkspace,
  removeDir,
} from '../__testUtils__/workspace';

const base = { type: 'orphan-fixture', subject: 'legacy-smtp-password' };

describe('secrets:fix-finding refuses hostile input', () => {
  const action = createSecretsFixFindingAction();
  let ws: string;
  beforeEach(async () => {
    ws = await makeWorkspace(demoGitops());
  });
  afterEach(async () => {
    await removeDir(ws);
  });

  it.each([
    [{ ...base, file: '../outside.yaml' }, /inside the workspace/],
    [{ ...base, file: '/etc/passwd' }, /absolute path/],
    [{ ...base, repoPath: '../..' }, /inside the workspace/],
    [{ ...base, repoPath: '/tmp' }, /absolute path/],
    [{ ...base, repoPath: 'missing' }, /does not exist/],
    [{ type: 'inline-credential', subject: 'x' }, /cannot be fixed/],
    [{ type: 'rm -rf', subject: 'x' }, /cannot be fixed/],
    [{ ...base, subject: '../../etc/passwd' }, /is not a Vault key/],
    [{ ...base, subject: 'no-such-fixture' }, /reports no orphan-fixture/],
    [
      { type: 'empty-production-override', subject: 'orders-db-password' },
      /file .* is required/,
    ],
    [
      { type: 'remote-ref-convention', subject: 'checkout-session' },
      /vaultKey .* is required/,
    ],
  ])('%j', async (input, message) => {
    const before = await digest(ws);
    const { ctx } = contextFor(ws, input);
    const run = action.handler(ctx);
    await expect(run).rejects.toThrow(InputError);
    await expect(action.handler(contextFor(ws, input).ctx)).rejects.toThrow(
      message,
    );
    expect(await digest(ws)).toBe(before);
  });

  it('refuses to write through a symbolic link', async () => {
    const file =
      'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml';
    const outside = await makeWorkspace({ 'f.yaml': 'fixtures:\n  a: b\n' });
    try {
      await fs.rm(join(ws, 'sources/values/_shared/foundation'), {
        recursive: true,
      });
      await fs.symlink(outside, join(ws, 'sources/values/_shared/foundation'));
      const { ctx } = contextFor(ws, {
        type: 'missing-fixture',
        subject: 'payments-stripe-api-key',
        file,
      });
      await expect(action.handler(ctx)).rejects.toThrow(/symbolic link/);
    } finally {
      await removeDir(outside);
    }
  });
});
