import { promises as fs } from 'node:fs';
import type { SecretsReport } from '@ameideio/plugin-secrets-common';
import { Analyzer, externalSyncWriterOf } from '../analyze';
import { readFileTree } from '../tree';
import { directoryArg, parseArgs } from './args';
import { readCliConfig } from './config';
import { formatText, toSarif } from './format';
import { IMPACT_USAGE, runImpact } from './impact';
import {
  liveFindings,
  parseSnapshotArg,
  readSnapshotFiles,
  type SnapshotArg,
} from './live';

const USAGE = `Usage: secrets-guardrails check <dir> [options]
         [--cluster-snapshot [<env>[:<cluster>]=]<file>]... [--vault-snapshot [<env>=]<file>]...
       secrets-guardrails impact <dir> --vault-key <key> | --secret <name> | --store <name> [options]

Checks chart-owned secrets in a GitOps repository: ExternalSecrets, Vault
fixture coverage, ownership and inline credentials; with snapshots, also the
live state (sync errors, keys missing in the cluster or in Vault, placeholders
left in Vault, ignored refreshes, ExternalSecrets no chart declares).

Options:
  --env <name>           analyse this environment (repeatable; default: the repository's)
  --format <f>           text (default), json or sarif
  --output <file>        write the report to a file instead of stdout
  --config <file>        JSON file with engine options (layout, fixture release, ...;
                         the keys of the backend's secrets.engine)
  --fail-on <severity>   error (default), warning or never
  --cluster-snapshot [<env>[:<cluster>]=]<file>
                         output of kubectl get externalsecrets,secretstores,
                         clustersecretstores,events -A -o yaml (YAML or JSON;
                         repeatable; cluster name default: the environment)
  --vault-snapshot [<env>=]<file>
                         Vault KV v2 metadata dump (JSON or YAML, metadata only:
                         see the README; repeatable, one per environment)
                         Without <env>, the single analysed environment is meant.
  -h, --help             show this help

Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage or input error.

${IMPACT_USAGE}`;

/** Where the CLI writes. @public */
export interface CliIO {
  /** The report and help text. */
  stdout: (s: string) => void;
  /** Usage and input errors. */
  stderr: (s: string) => void;
}

/**
 * The CLI's writers on a process's stdout and stderr. Every write is
 * tracked: `finish` waits until all of them reached the operating system
 * (a pipe's reader may be slower than the report is long); it sets the
 * exit code and lets the process end by itself, never `process.exit`,
 * which would cut a piped report short. A reader that goes away early
 * (`| head`) ends the output quietly.
 * @public
 */
export function processIO(
  streams: {
    stdout: NodeJS.WritableStream;
    stderr: NodeJS.WritableStream;
  } = { stdout: process.stdout, stderr: process.stderr },
): { io: CliIO; finish: (code: number) => Promise<void> } {
  const pending: Array<Promise<void>> = [];
  for (const s of [streams.stdout, streams.stderr]) s.on('error', () => {}); // EPIPE: the reader left
  const write = (stream: NodeJS.WritableStream, text: string) =>
    pending.push(
      new Promise<void>(done => {
        stream.write(`${text}\n`, () => done());
      }),
    );
  return {
    io: {
      stdout: text => write(streams.stdout, text),
      stderr: text => write(streams.stderr, text),
    },
    finish: async code => {
      // set first: the code stands even if a reader leaves before the end
      process.exitCode = code;
      await Promise.all(pending);
    },
  };
}

/**
 * Runs the CLI on this process's argv, stdout and stderr (the
 * `secrets-guardrails` command): the exit code is set once every byte is
 * written. @public
 */
export async function runCliProcess(argv: string[]): Promise<number> {
  const { io, finish } = processIO();
  let code: number;
  try {
    code = await runCli(argv, io);
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    io.stderr(`secrets-guardrails failed: ${message}`);
    code = 2;
  }
  await finish(code);
  return code;
}

/** Runs the CLI; returns the exit code. Never prints a secret value. @public */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help') {
    io.stdout(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'impact') return runImpact(rest, io);
  if (command !== 'check') {
    io.stderr(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  const envs: string[] = [];
  let format = 'text';
  let output: string | undefined;
  let configFile: string | undefined;
  let failOn = 'error';
  const clusterArgs: SnapshotArg[] = [];
  const vaultArgs: SnapshotArg[] = [];
  const parsed = parseArgs(
    rest,
    {
      '--env': v => envs.push(v),
      '--format': v => (format = v),
      '--output': v => (output = v),
      '-o': v => (output = v),
      '--config': v => (configFile = v),
      '--fail-on': v => (failOn = v),
      '--cluster-snapshot': (v, a) => clusterArgs.push(parseSnapshotArg(a, v)),
      '--vault-snapshot': (v, a) => vaultArgs.push(parseSnapshotArg(a, v)),
    },
    USAGE,
    io,
  );
  if ('exit' in parsed) return parsed.exit;
  const { dir } = parsed;
  if (!dir) {
    io.stderr(`Missing <dir>.\n\n${USAGE}`);
    return 2;
  }
  if (!['text', 'json', 'sarif'].includes(format)) {
    io.stderr(`--format must be text, json or sarif (got "${format}").`);
    return 2;
  }
  if (!['error', 'warning', 'never'].includes(failOn)) {
    io.stderr(`--fail-on must be error, warning or never (got "${failOn}").`);
    return 2;
  }
  const root = await directoryArg(dir, io);
  if (!root) return 2;
  let snapshots: Awaited<ReturnType<typeof readSnapshotFiles>>;
  try {
    snapshots = await readSnapshotFiles({
      clusters: clusterArgs,
      vaults: vaultArgs,
    });
  } catch (e) {
    io.stderr((e as Error).message);
    return 2;
  }
  const config = await readCliConfig(configFile, io.stderr);
  if (!config) return 2;
  let { options } = config;
  const { tree } = config;
  if (envs.length) {
    // the configured environments stay known: a fixture read only there is no orphan
    const configured = options.knownEnvironments ?? options.environments;
    options = {
      ...options,
      environments: envs,
      ...(configured ? { knownEnvironments: configured } : {}),
    };
  }
  const report: SecretsReport = new Analyzer(options).analyze(
    await readFileTree(root, tree),
  );
  if (clusterArgs.length || vaultArgs.length) {
    try {
      // live findings join the static ones: in every format and in --fail-on
      report.findings = [
        ...report.findings,
        ...liveFindings(report, snapshots, {
          ...(options.rotation ? { rotation: options.rotation } : {}),
          externalSyncWriter: externalSyncWriterOf(options),
        }),
      ];
    } catch (e) {
      io.stderr((e as Error).message);
      return 2;
    }
  }
  let text: string;
  if (format === 'json') text = JSON.stringify(report, null, 2);
  else if (format === 'sarif') text = JSON.stringify(toSarif(report), null, 2);
  else text = formatText(report);
  if (output) await fs.writeFile(output, `${text}\n`);
  else io.stdout(text);
  const fails = (severity: string): boolean => {
    if (failOn === 'never') return false;
    if (failOn === 'warning') return severity !== 'info';
    return severity === 'error';
  };
  const failing = report.findings.filter(f => fails(f.severity));
  return failing.length ? 1 : 0;
}
