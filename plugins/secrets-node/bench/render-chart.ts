/*
 * Renders a chart directory with values files through the engine and prints
 * what it made of it: every object (kind and name), the Secrets each pod
 * template reads (env secretKeyRef, envFrom, secret and projected volumes,
 * imagePullSecrets), and the template errors and notes. Never prints a
 * value. A development aid for checking the engine on real charts (not a
 * test).
 *
 * Usage: yarn render-chart <chart dir> [values.yaml ...]
 *          [--release <name>] [--namespace <ns>] [--root <repository dir>]
 * `--root` (default: the chart's parent directory) is where `file://`
 * dependencies are looked up.
 */
import { promises as fs } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { renderChart } from '../src/helm/chart';
import {
  DEFAULT_API_VERSIONS,
  DEFAULT_KUBE_VERSION,
} from '../src/helm/chart/capabilities';
import { layerValues, type Values } from '../src/helm';
import { TemplateCache } from '../src/analyze/render/caches';
import type { Chart } from '../src/analyze/releases';
import { parseRendered } from '../src/analyze/yamlCache';
import { readFileTree } from '../src/tree';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [, v] = args.splice(i, 2);
  return v;
}

const names = (list: unknown, key: string): string[] =>
  Array.isArray(list)
    ? list.map(x => x?.[key]).filter((x): x is string => typeof x === 'string')
    : [];

/** The Secrets a pod spec reads, by way of reading. */
function secretReads(pod: Record<string, any>): string[] {
  const out: string[] = [];
  const containers = [
    ...(pod.initContainers ?? []),
    ...(pod.containers ?? []),
  ] as Array<Record<string, any>>;
  for (const c of containers) {
    for (const e of c.env ?? []) {
      const ref = e?.valueFrom?.secretKeyRef;
      if (ref) out.push(`${c.name}: env ${e.name} <- ${ref.name}[${ref.key}]`);
    }
    for (const e of c.envFrom ?? [])
      if (e?.secretRef) out.push(`${c.name}: envFrom ${e.secretRef.name}`);
  }
  for (const v of pod.volumes ?? []) {
    if (v?.secret) out.push(`volume ${v.name} <- ${v.secret.secretName}`);
    for (const s of v?.projected?.sources ?? [])
      if (s?.secret) out.push(`volume ${v.name} <- ${s.secret.name}`);
  }
  for (const n of names(pod.imagePullSecrets, 'name'))
    out.push(`imagePullSecrets ${n}`);
  return out;
}

async function main() {
  const args = process.argv.slice(2);
  const release = option(args, '--release') ?? 'release';
  const namespace = option(args, '--namespace') ?? 'default';
  const [chartArg, ...valueFiles] = args;
  if (!chartArg) {
    process.stderr.write(
      'Usage: yarn render-chart <chart dir> [values.yaml ...] [--release <name>] [--namespace <ns>] [--root <dir>]\n',
    );
    process.exitCode = 2;
    return;
  }
  const chartDir = resolve(chartArg);
  const root = resolve(option(args, '--root') ?? dirname(chartDir));
  const tree = await readFileTree(root);
  const dir = relative(root, chartDir).split('\\').join('/');
  const { loaded } = new TemplateCache().get({ dir } as Chart, tree);
  const layers: Values[] = [loaded.defaults];
  for (const f of valueFiles)
    layers.push((parse(await fs.readFile(f, 'utf8')) ?? {}) as Values);
  const started = Date.now();
  const rendered = renderChart(
    loaded,
    layerValues(layers),
    { name: release, namespace },
    {
      kubeVersion: DEFAULT_KUBE_VERSION,
      apiVersions: [...DEFAULT_API_VERSIONS],
    },
  );
  const ms = Date.now() - started;
  let objects = 0;
  let problems = 0;
  for (const r of rendered) {
    if (r.error) {
      problems++;
      process.stdout.write(`error   ${r.name}: ${r.error.message}\n`);
    }
    for (const n of r.notes) {
      problems++;
      process.stdout.write(`note    ${r.name}:${n.line}: ${n.message}\n`);
    }
    if (!r.output?.trim()) continue;
    const parsed = parseRendered(r.output, r.rel);
    for (const e of parsed.errors) {
      problems++;
      process.stdout.write(`yaml    ${r.name}: ${e.message}\n`);
    }
    for (const d of parsed.docs) {
      const o = d.value as Record<string, any>;
      if (!o?.kind) continue;
      objects++;
      process.stdout.write(`${o.apiVersion} ${o.kind} ${o.metadata?.name}\n`);
      const pod =
        o.spec?.template?.spec ?? o.spec?.jobTemplate?.spec?.template?.spec;
      for (const s of pod ? secretReads(pod) : [])
        process.stdout.write(`    ${s}\n`);
    }
  }
  process.stdout.write(`${objects} objects, ${problems} problems, ${ms} ms\n`);
  if (problems) process.exitCode = 1;
}

main().catch(e => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
