/*
 * The CLI's live inputs: `--cluster-snapshot` (kubectl's List output) and
 * `--vault-snapshot` (a KV v2 metadata dump), read from files and reduced
 * by the same normalizers as the backend's sources. Errors name the file,
 * never its content.
 */
import type { LiveIndexOptions } from '../live/context';
import { promises as fs } from 'node:fs';
import type { Finding, SecretsReport } from '@ameideio/plugin-secrets-common';
import { analyzeLive } from '../live/analyzeLive';
import { clusterSnapshotFromDocuments } from '../live/kubernetes';
import type { ClusterSnapshot, VaultSnapshot } from '../live/types';
import { vaultSnapshotFromDump } from '../live/vault';
import { parseYaml, toData } from '../yaml';

/** One `--cluster-snapshot` or `--vault-snapshot` argument. */
export interface SnapshotArg {
  environment?: string;
  cluster?: string;
  file: string;
}

const NAME = '[A-Za-z0-9][A-Za-z0-9._-]*';
const WITH_ENV = new RegExp(`^(${NAME})(?::(${NAME}))?=(.+)$`);

/** `<file>`, `<env>=<file>` or (clusters) `<env>:<cluster>=<file>`. */
export function parseSnapshotArg(option: string, value: string): SnapshotArg {
  const m = WITH_ENV.exec(value);
  if (!m) return { file: value };
  if (m[2] && option !== '--cluster-snapshot')
    throw new Error(`${option} takes <env>=<file> (got "${value}")`);
  return {
    environment: m[1],
    ...(m[2] ? { cluster: m[2] } : {}),
    file: m[3],
  };
}

/** The data documents of a JSON or YAML file; throws an Error naming the file. */
async function readDocuments(file: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`Cannot read snapshot ${file} (${code ?? 'error'}).`);
  }
  const parsed = parseYaml(text, file);
  if (parsed.errors.length) {
    const e = parsed.errors[0];
    throw new Error(
      `Invalid snapshot ${file}: ${e.message}${
        e.line ? ` at line ${e.line}` : ''
      }.`,
    );
  }
  const out: unknown[] = [];
  for (const doc of parsed.documents) {
    const d = toData(doc);
    if ('error' in d) throw new Error(`Invalid snapshot ${file}: ${d.error}.`);
    if (d.value !== null && d.value !== undefined) out.push(d.value);
  }
  if (!out.length) throw new Error(`Invalid snapshot ${file}: it is empty.`);
  return out;
}

/** The snapshot files, read and parsed (before the analysis: bad input fails fast). */
export async function readSnapshotFiles(args: {
  clusters: SnapshotArg[];
  vaults: SnapshotArg[];
}) {
  const clusters: Array<SnapshotArg & { documents: unknown[] }> = [];
  for (const a of args.clusters)
    clusters.push({ ...a, documents: await readDocuments(a.file) });
  const vaults: Array<SnapshotArg & { documents: unknown[] }> = [];
  for (const a of args.vaults)
    vaults.push({ ...a, documents: await readDocuments(a.file) });
  return { clusters, vaults };
}

/**
 * The live findings of the snapshots against the report. An environment
 * must be one the report analysed; without one, the report's single
 * environment is meant. Throws an Error naming the file on wrong input.
 */
export function liveFindings(
  report: SecretsReport,
  files: Awaited<ReturnType<typeof readSnapshotFiles>>,
  extra: Pick<LiveIndexOptions, 'rotation' | 'externalSyncWriter' | 'now'> = {},
): Finding[] {
  const envOf = (a: SnapshotArg, option: string): string => {
    const known = report.environments;
    if (a.environment) {
      if (!known.includes(a.environment))
        throw new Error(
          `${option} ${a.file}: environment "${
            a.environment
          }" is not one the check analysed (${known.join(', ') || 'none'}).`,
        );
      return a.environment;
    }
    if (known.length === 1) return known[0];
    throw new Error(
      `${option} ${a.file}: say which environment it is (<env>=${
        a.file
      }); the check analysed ${known.length} (${known.join(', ')}).`,
    );
  };
  // several files of one cluster are one snapshot
  const byCluster = new Map<
    string,
    { environment: string; cluster: string; documents: unknown[] }
  >();
  for (const c of files.clusters) {
    const environment = envOf(c, '--cluster-snapshot');
    const cluster = c.cluster ?? environment;
    const k = `${environment}\u0000${cluster}`;
    const entry = byCluster.get(k) ?? { environment, cluster, documents: [] };
    for (const d of c.documents) {
      const doc = d as { items?: unknown; kind?: unknown } | null;
      if (
        !doc ||
        typeof doc !== 'object' ||
        !(Array.isArray(doc.items) || doc.kind)
      )
        throw new Error(
          `Invalid snapshot ${c.file}: not the output of kubectl get ... -o yaml (a List with items, or Kubernetes objects).`,
        );
    }
    entry.documents.push(...c.documents);
    byCluster.set(k, entry);
  }
  const clusters: ClusterSnapshot[] = [...byCluster.values()].map(c =>
    clusterSnapshotFromDocuments(c.documents, {
      cluster: c.cluster,
      environment: c.environment,
    }),
  );
  const vaults: VaultSnapshot[] = [];
  const seenVault = new Set<string>();
  for (const v of files.vaults) {
    const environment = envOf(v, '--vault-snapshot');
    if (seenVault.has(environment))
      throw new Error(
        `--vault-snapshot ${v.file}: a second Vault snapshot for ${environment}.`,
      );
    seenVault.add(environment);
    if (v.documents.length !== 1)
      throw new Error(
        `Invalid snapshot ${v.file}: a Vault snapshot is one document.`,
      );
    try {
      vaults.push(vaultSnapshotFromDump(v.documents[0], environment));
    } catch (e) {
      throw new Error(`Invalid snapshot ${v.file}: ${(e as Error).message}.`);
    }
  }
  return analyzeLive(
    report,
    { clusters, vaults },
    {
      fixtureEnvironments: report.fixtureEnvironments ?? [],
      productionEnvironments: report.productionEnvironments ?? [],
      ...extra,
    },
  ).findings;
}
