/* The command line: the command as a process writing to pipes. */
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { chart, externalSecret } from '../__testUtils__/fileTree';
import { fixtureRelease, platformStore } from '../__testUtils__/repo';
import { dir, writeRepo, useTempDir } from './__testUtils__/cli';

useTempDir();

describe('secrets-guardrails as a process writing to pipes', () => {
  const BIN = resolve(__dirname, '../../bin/secrets-guardrails');
  const NODE = process.execPath;

  /** Runs a command with piped stdout and stderr; resolves with the bytes read. */
  function run(args: string[]) {
    return new Promise<{ code: number | null; stdout: Buffer; stderr: Buffer }>(
      (done, fail) => {
        const child = spawn(NODE, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', b => out.push(b));
        child.stderr.on('data', b => err.push(b));
        child.on('error', fail);
        child.on('close', code =>
          done({
            code,
            stdout: Buffer.concat(out),
            stderr: Buffer.concat(err),
          }),
        );
      },
    );
  }

  /** A repository whose report is well over 1 MB: many charts, many keys, no fixtures. */
  function bigRepo() {
    const files: Record<string, string> = {
      ...fixtureRelease('unrelated: x\n'),
      ...platformStore(),
      'sources/values/env/dev/globals.yaml': 'x: 1\n',
      'sources/values/env/production/globals.yaml': 'x: 1\n',
    };
    for (let i = 0; i < 250; i++) {
      Object.assign(
        files,
        chart(
          'apps',
          `service-${i}`,
          {
            'es.yaml': externalSecret({
              name: `service-${i}`,
              data: Array.from({ length: 16 }, (_, k) => ({
                secretKey: `k${k}`,
                key: `service-${i}-key-${k}`,
                property: 'value',
              })),
            }),
          },
          'namespace: ameide\n',
        ),
      );
    }
    writeRepo(files);
  }

  for (const format of ['json', 'sarif', 'text']) {
    // eslint-disable-next-line no-loop-func
    it(`writes the whole ${format} report to a pipe`, async () => {
      bigRepo();
      const file = join(dir, `report.${format}`);
      const piped = await run([BIN, 'check', dir, '--format', format]);
      await run([BIN, 'check', dir, '--format', format, '--output', file]);
      // the run's time and duration differ between the two runs
      const timeless = (b: Buffer) =>
        b.toString().replace(/"(generatedAt|durationMs)": [^,\n]*/g, '"$1": 0');
      const written = readFileSync(file);
      expect(piped.code).toBe(1);
      expect(piped.stderr.toString()).toBe('');
      expect(written.length).toBeGreaterThan(1024 * 1024);
      expect(Math.abs(piped.stdout.length - written.length)).toBeLessThan(8);
      expect(timeless(piped.stdout)).toBe(timeless(written));
      if (format !== 'text')
        // eslint-disable-next-line jest/no-conditional-expect
        expect(() => JSON.parse(piped.stdout.toString())).not.toThrow();
    }, 60_000);
  }

  it('writes a long stderr to a pipe before exiting, with the exit code', async () => {
    const script = `
      require(${JSON.stringify(
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      )});
      const { processIO } = require(${JSON.stringify(
        resolve(__dirname, 'main.ts'),
      )});
      const { io, finish } = processIO();
      io.stderr('e'.repeat(3 * 1024 * 1024));
      io.stdout('o'.repeat(2 * 1024 * 1024));
      finish(3);
    `;
    const r = await run(['-e', script]);
    expect(r.code).toBe(3);
    expect(r.stderr.length).toBe(3 * 1024 * 1024 + 1);
    expect(r.stdout.length).toBe(2 * 1024 * 1024 + 1);
  }, 60_000);
});
