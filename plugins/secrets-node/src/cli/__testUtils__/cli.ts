/** Helpers of the command-line tests: a run of the CLI, a repository written to a temporary directory. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chart, externalSecret, fileTree } from '../../__testUtils__/fileTree';
import { fixtureRelease, platformStore } from '../../__testUtils__/repo';
import { runCli } from '../main';

export const DEMO = resolve(__dirname, '../../../../../examples/gitops');

export async function cli(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(argv, {
    stdout: s => stdout.push(s),
    stderr: s => stderr.push(s),
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

export let dir: string;
export function writeRepo(files: Record<string, string>) {
  for (const [path, text] of fileTree(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Gives each test a fresh temporary directory `dir`, removed after it. */
export function useTempDir() {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'secrets-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
}

/** A repository with one chart, its ExternalSecret and its fixture: no findings. */
export const clean = {
  ...fixtureRelease('orders-db: local-dev\n'),
  ...platformStore(),
  ...chart(
    'apps',
    'orders',
    {
      'es.yaml': externalSecret({
        name: 'orders',
        data: [{ secretKey: 'p', key: 'orders-db', property: 'value' }],
      }),
    },
    'namespace: ameide\n',
  ),
};
