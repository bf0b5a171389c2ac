import { analyze, readFileTree } from '@ameideio/plugin-secrets-node';
import { join } from 'node:path';
import yaml from 'yaml';
import { createSecretsFixFindingAction } from './createSecretsFixFindingAction';
import {
  contextFor,
  demoGitops,
  digest,
  type Files,
  makeWorkspace,
  readDir,
  removeDir,
} from '../__testUtils__/workspace';

const FIXTURES =
  'gitops/sources/values/_shared/foundation/foundation-vault-bootstrap.yaml';

/** The demo GitOps repository, fetched into ./gitops as the template does. */
const inGitops = (files: Files = demoGitops()): Files =>
  Object.fromEntries(Object.entries(files).map(([p, t]) => [`gitops/${p}`, t]));

describe('secrets:fix-finding', () => {
  const action = createSecretsFixFindingAction();
  let ws: string;
  afterEach(async () => {
    if (ws) await removeDir(ws);
  });

  it('adds the missing fixture as a placeholder and fixes the finding', async () => {
    ws = await makeWorkspace(inGitops());
    const before = readDir(ws)[FIXTURES];
    const { ctx, outputs } = contextFor(ws, {
      type: 'missing-fixture',
      subject: 'payments-stripe-api-key',
      property: 'value',
      environment: 'dev',
      repoPath: 'gitops',
    });
    await action.handler(ctx);
    expect(outputs).toStrictEqual({
      changedFiles: [FIXTURES],
      resolved: true,
      summary: `Add a placeholder fixture for "payments-stripe-api-key" in ${FIXTURES.slice(
        'gitops/'.length,
      )}.`,
    });
    const after = readDir(ws)[FIXTURES];
    // the rest of the file, comments included, is unchanged
    expect(after).toBe(
      `${before}  payments-stripe-api-key: placeholder-payments-stripe-api-key-not-a-real-secret\n`,
    );
    expect(ctx.checkpoint).toHaveBeenCalledTimes(1);
    const report = analyze(await readFileTree(join(ws, 'gitops')));
    expect(
      report.findings.filter(
        f =>
          f.type === 'missing-fixture' &&
          f.subject.name === 'payments-stripe-api-key',
      ),
    ).toStrictEqual([]);
  });

  it('removes an orphan fixture', async () => {
    ws = await makeWorkspace(inGitops());
    const { ctx, outputs } = contextFor(ws, {
      type: 'orphan-fixture',
      subject: 'legacy-smtp-password',
      repoPath: 'gitops',
    });
    await action.handler(ctx);
    expect(outputs.changedFiles).toStrictEqual([FIXTURES]);
    expect(outputs.resolved).toBe(true);
    const after = readDir(ws)[FIXTURES];
    expect(after).not.toContain('legacy-smtp-password');
    expect(after).toContain('ghcr-token: placeholder-ghcr-token');
  });

  it('fixes the remoteRef convention in the values that declare it', async () => {
    ws = await makeWorkspace(inGitops());
    const { ctx, outputs } = contextFor(ws, {
      type: 'remote-ref-convention',
      subject: 'checkout-session',
      vaultKey: 'checkout-session-key',
      repoPath: 'gitops',
    });
    await action.handler(ctx);
    expect(outputs.changedFiles).toStrictEqual([
      'gitops/sources/values/_shared/apps/apps-checkout.yaml',
    ]);
    expect(outputs.resolved).toBe(true);
    expect(
      readDir(ws)['gitops/sources/values/_shared/apps/apps-checkout.yaml'],
    ).toContain(
      '          key: checkout-session-key\n          property: value\n',
    );
  });

  it('writes nothing on a dry run and says what it would change', async () => {
    ws = await makeWorkspace(inGitops());
    const before = await digest(ws);
    const { ctx, outputs, logs } = contextFor(
      ws,
      {
        type: 'missing-fixture',
        subject: 'payments-stripe-api-key',
        repoPath: 'gitops',
      },
      { dryRun: true },
    );
    await action.handler(ctx);
    expect(await digest(ws)).toBe(before);
    expect(ctx.checkpoint).not.toHaveBeenCalled();
    expect(outputs.changedFiles).toStrictEqual([FIXTURES]);
    expect(logs.join('\n')).toContain(`dry run, would update ${FIXTURES}`);
  });

  it('leaks no secret value: output and log name files and keys only', async () => {
    ws = await makeWorkspace(inGitops());
    const values = Object.values(
      yaml.parse(readDir(ws)[FIXTURES]).fixtures as Record<string, unknown>,
    ).flatMap(v =>
      typeof v === 'object' && v ? Object.values(v) : [v],
    ) as string[];
    expect(values).toContain('local-dev-legacy-smtp');
    for (const input of [
      { type: 'orphan-fixture', subject: 'legacy-smtp-password' },
      { type: 'missing-fixture', subject: 'payments-stripe-api-key' },
    ]) {
      const { ctx, outputs, logs } = contextFor(
        ws,
        { ...input, repoPath: 'gitops' },
        { dryRun: true },
      );
      await action.handler(ctx);
      const shown = JSON.stringify({ outputs, logs });
      for (const v of values.filter(x => x && !x.startsWith('placeholder-')))
        expect(shown).not.toContain(v);
    }
  });
});
