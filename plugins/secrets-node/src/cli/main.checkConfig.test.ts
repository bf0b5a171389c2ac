/* The command line: the check command: --output and --config. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEMO,
  cli,
  dir,
  writeRepo,
  useTempDir,
  clean,
} from './__testUtils__/cli';

useTempDir();

describe('secrets-guardrails check', () => {
  it('--output writes the report to a file; --config reads engine options', async () => {
    writeRepo({
      ...clean,
      'guardrails.json': JSON.stringify({
        environments: ['dev'],
        fixtureKey: 'seeds',
      }),
    });
    const out = join(dir, 'report.json');
    const r = await cli(
      'check',
      dir,
      '--config',
      join(dir, 'guardrails.json'),
      '--format',
      'json',
      '--output',
      out,
    );
    expect(r.stdout).toBe('');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.environments).toStrictEqual(['dev']);
    expect(report.fixtureMap.present).toBe(false);
    expect(r.code).toBe(0);
  });

  it.each([
    [
      '{"environments": "dev"}',
      'Invalid --config guardrails.json: "environments" must be a list of non-empty strings.',
    ],
    [
      '{"fixtureKey": 3}',
      'Invalid --config guardrails.json: "fixtureKey" must be a non-empty string.',
    ],
    [
      '{"enviroments": ["dev"]}',
      'Invalid --config guardrails.json: unknown option "enviroments".',
    ],
    [
      '{"discovery": ["helmfile"]}',
      'Invalid --config guardrails.json: "discovery[0]" must be one of argocd, flux, layout (got "helmfile").',
    ],
    [
      '{"placeholderPattern": "("}',
      'Invalid --config guardrails.json: "placeholderPattern" must be a valid regular expression.',
    ],
    [
      '{"externalSyncWriterPattern": "("}',
      'Invalid --config guardrails.json: "externalSyncWriterPattern" must be a valid regular expression.',
    ],
    [
      '{"entities": [{"chart": "x"}]}',
      'Invalid --config guardrails.json: "entities[0].entityRef" is required.',
    ],
    [
      '[1]',
      'Invalid --config guardrails.json: engine options must be a JSON object.',
    ],
    [
      '{"fixtureKey": "hunter2',
      'Invalid --config guardrails.json: not valid JSON.',
    ],
  ])(
    'a bad --config exits 2 with a clear error: %s',
    async (config, message) => {
      writeRepo({ ...clean, 'guardrails.json': config });
      const r = await cli(
        'check',
        dir,
        '--config',
        join(dir, 'guardrails.json'),
      );
      expect(r).toStrictEqual({
        code: 2,
        stdout: '',
        stderr: message.replace(
          'guardrails.json',
          join(dir, 'guardrails.json'),
        ),
      });
    },
  );

  it('a --config with several wrong keys names each, one line apiece', async () => {
    writeRepo({
      ...clean,
      'guardrails.json': JSON.stringify({
        chartsRoot: '',
        helm: { kubeVersion: 'latest' },
        argocd: { gitFileGlobbing: 'lazy' },
      }),
    });
    const file = join(dir, 'guardrails.json');
    const r = await cli('check', dir, '--config', file);
    expect(r).toStrictEqual({
      code: 2,
      stdout: '',
      stderr: [
        `Invalid --config ${file}: "chartsRoot" must be a non-empty string.`,
        `Invalid --config ${file}: "helm.kubeVersion" must be a version such as v1.32.0.`,
        `Invalid --config ${file}: "argocd.gitFileGlobbing" must be greedy or strict.`,
      ].join('\n'),
    });
  });

  it('--config tree options choose the files read', async () => {
    writeRepo({
      ...clean,
      'guardrails.json': JSON.stringify({ tree: { extensions: ['.yml'] } }),
    });
    const r = await cli(
      'check',
      dir,
      '--config',
      join(dir, 'guardrails.json'),
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    // the repository's files are all .yaml: none is read
    expect(JSON.parse(r.stdout).externalSecrets).toStrictEqual([]);
  });

  it('a missing --config file exits 2', async () => {
    const r = await cli('check', DEMO, '--config', '/nonexistent/config.json');
    expect(r).toStrictEqual({
      code: 2,
      stdout: '',
      stderr: 'Cannot read --config /nonexistent/config.json.',
    });
  });

  it.each([
    [[], 2, 'Usage: secrets-guardrails'],
    [['lint'], 2, 'Unknown command "lint"'],
    [['check'], 2, 'Missing <dir>'],
    [
      ['check', '/nonexistent/repo'],
      2,
      'Cannot read directory /nonexistent/repo.',
    ],
    [
      ['check', '.', '--format', 'xml'],
      2,
      '--format must be text, json or sarif (got "xml").',
    ],
    [
      ['check', '.', '--fail-on', 'sometimes'],
      2,
      '--fail-on must be error, warning or never',
    ],
    [['check', '.', '--env'], 2, '--env needs a value'],
    [['check', '.', '--bogus'], 2, 'unknown option --bogus'],
  ])('usage errors exit 2: %j', async (argv, code, text) => {
    const r = await cli(...argv);
    expect(r.code).toBe(code);
    expect(`${r.stdout}${r.stderr}`).toContain(text);
  });

  it('--help exits 0', async () => {
    const r = await cli('check', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exit codes:');
  });
});
