/*
 * `secrets-guardrails impact <dir> --vault-key K [--env E]`: what breaks if
 * a Vault key, a target Secret or a store is rotated or deleted, from the
 * same engine as `check`. Names only, never values.
 */
import { Analyzer } from '../analyze';
import { computeImpact, type Impact, type ImpactQuery } from '../impact';
import { readFileTree } from '../tree';
import { directoryArg, parseArgs } from './args';
import { readCliConfig } from './config';

export const IMPACT_USAGE = `Impact options (secrets-guardrails impact <dir> ...):
  --vault-key <key>      follow this Vault key
  --secret <name>        follow this target Secret (--namespace narrows it)
  --store <name>         follow the ExternalSecrets of this SecretStore or ClusterSecretStore
  --env <name>           only this environment
  --format <f>           text (default) or json
  --config <file>        engine options, as for check

Exit codes: 0 answered (also when nothing depends on it), 2 usage or input error.`;

/** The chain as indented text, per environment. */
export function formatImpact(imp: Impact): string {
  const byId = new Map(imp.nodes.map(n => [n.id, n]));
  const out: string[] = [];
  let what = `store ${imp.query.store}`;
  if (imp.query.vaultKey !== undefined)
    what = `Vault key ${imp.query.vaultKey}`;
  else if (imp.query.secret !== undefined) what = `Secret ${imp.query.secret}`;
  const s = imp.summary;
  out.push(
    `${what}: ${s.externalSecrets} ExternalSecret(s), ${s.secrets} Secret(s), ${
      s.readers
    } required reader(s)${
      s.optionalReaders ? ` and ${s.optionalReaders} optional` : ''
    }, ${s.entities.length} entit${s.entities.length === 1 ? 'y' : 'ies'}${
      s.environments.length ? ` in ${s.environments.join(', ')}` : ''
    }`,
  );
  if (!imp.nodes.length) {
    out.push('  nothing in the repository depends on it');
    return out.join('\n');
  }
  const label = (id: string) => {
    const n = byId.get(id)!;
    return `${n.kind} ${n.namespace ? `${n.namespace}/` : ''}${n.name}${
      n.sourceRef
        ? `  (${n.sourceRef.file}${
            n.sourceRef.line ? `:${n.sourceRef.line}` : ''
          })`
        : ''
    }`;
  };
  for (const env of s.environments) {
    out.push('', `[${env}]`);
    const edges = imp.edges.filter(e => byId.get(e.from)?.environment === env);
    const order = [
      'Writer',
      'VaultKey',
      'SecretStore',
      'ExternalSecret',
      'Secret',
      'Workload',
      'Release',
    ];
    edges.sort(
      (a, b) =>
        order.indexOf(byId.get(a.from)!.kind) -
          order.indexOf(byId.get(b.from)!.kind) ||
        a.from.localeCompare(b.from) ||
        a.to.localeCompare(b.to),
    );
    for (const e of edges)
      out.push(`  ${label(e.from)}\n      -${e.label}-> ${label(e.to)}`);
  }
  return out.join('\n');
}

export async function runImpact(
  args: string[],
  io: { stdout: (s: string) => void; stderr: (s: string) => void },
): Promise<number> {
  const query: ImpactQuery = {};
  let format = 'text';
  let configFile: string | undefined;
  const parsed = parseArgs(
    args,
    {
      '--vault-key': v => (query.vaultKey = v),
      '--secret': v => (query.secret = v),
      '--store': v => (query.store = v),
      '--namespace': v => (query.namespace = v),
      '--env': v => (query.environment = v),
      '--format': v => (format = v),
      '--config': v => (configFile = v),
    },
    IMPACT_USAGE,
    io,
  );
  if ('exit' in parsed) return parsed.exit;
  const { dir } = parsed;
  const asked = [query.vaultKey, query.secret, query.store].filter(
    x => x !== undefined,
  );
  if (!dir || asked.length !== 1) {
    io.stderr(
      `${
        dir
          ? 'Give exactly one of --vault-key, --secret or --store.'
          : 'Missing <dir>.'
      }\n\n${IMPACT_USAGE}`,
    );
    return 2;
  }
  if (!['text', 'json'].includes(format)) {
    io.stderr(`--format must be text or json (got "${format}").`);
    return 2;
  }
  const root = await directoryArg(dir, io);
  if (!root) return 2;
  const config = await readCliConfig(configFile, io.stderr);
  if (!config) return 2;
  const report = new Analyzer(config.options).analyze(
    await readFileTree(root, config.tree),
  );
  if (query.environment && !report.environments.includes(query.environment)) {
    io.stderr(
      `Unknown environment "${
        query.environment
      }"; the repository has ${report.environments.join(', ')}.`,
    );
    return 2;
  }
  const imp = computeImpact(report, query);
  io.stdout(
    format === 'json' ? JSON.stringify(imp, null, 2) : formatImpact(imp),
  );
  return 0;
}
