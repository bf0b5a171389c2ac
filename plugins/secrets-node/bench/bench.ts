/*
 * Benchmark of the engine (not a test). Generates a synthetic GitOps
 * repository of 300 charts x 4 environments with ~5 ExternalSecrets each,
 * writes it to a temporary directory and measures, in one run:
 *   - the parse floor: reading every file and YAML-parsing every YAML file;
 *   - a full scan: reading the files and analysing them (cold and warm);
 *   - re-analysis after one changed file, with a reused Analyzer;
 *   - peak memory (max RSS) and heap after the scan.
 * Usage: yarn bench [--charts 300] [--envs 4] [--es 5]
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Analyzer } from '../src/analyze';
import { externalSecretsTemplate } from '../src/__testUtils__/templates';
import { readFileTree } from '../src/tree';
import { deployment, helpers } from './syntheticChart';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CHARTS = arg('charts', 300);
const ENVS = ['local', 'dev', 'staging', 'production', 'qa', 'perf'].slice(
  0,
  arg('envs', 4),
);
const ES_PER_CHART = arg('es', 5);

function generate(): Map<string, string> {
  const files = new Map<string, string>();
  const fixtures: string[] = [];
  for (let c = 0; c < CHARTS; c++) {
    const name = `svc${String(c).padStart(3, '0')}`;
    const dir = `sources/charts/apps/${name}`;
    files.set(
      `${dir}/Chart.yaml`,
      `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`,
    );
    files.set(`${dir}/templates/_helpers.tpl`, helpers(name));
    files.set(
      `${dir}/templates/externalsecret.yaml`,
      externalSecretsTemplate(name),
    );
    files.set(`${dir}/templates/deployment.yaml`, deployment(name));
    const es: string[] = [];
    const consumed: string[] = [];
    for (let e = 0; e < ES_PER_CHART; e++) {
      const key = `${name}-secret-${e}`;
      consumed.push(`${name}-s${e}`);
      fixtures.push(`  ${key}: local-dev-${key}`);
      es.push(
        `  - name: ${name}-s${e}\n    data:\n      - secretKey: value\n        remoteRef: ${
          e % 2 ? key : `\n          key: ${key}\n          property: value`
        }`,
      );
    }
    files.set(
      `${dir}/values.yaml`,
      `secrets:\n  enabled: true\n  store:\n    kind: ClusterSecretStore\n    name: vault\nimage:\n  repository: ghcr.io/x/${name}\n  tag: "1.0.0"\nenvFromSecrets:\n${consumed
        .map(s => `  - ${s}`)
        .join('\n')}\nexternalSecrets:\n${es.join('\n')}\n`,
    );
    files.set(
      `sources/values/_shared/apps/apps-${name}.yaml`,
      `namespace: ameide\nreplicas: 2\n`,
    );
    for (const env of ENVS) {
      files.set(
        `sources/values/env/${env}/apps/apps-${name}.yaml`,
        `replicas: ${env === 'production' ? 3 : 1}\n`,
      );
    }
  }
  files.set(
    'sources/charts/foundation/vault-bootstrap/Chart.yaml',
    'apiVersion: v2\nname: vault-bootstrap\nversion: 0.1.0\n',
  );
  files.set(
    'sources/charts/foundation/vault-bootstrap/values.yaml',
    'fixtures: {}\n',
  );
  files.set(
    'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml',
    `fixtures:\n${fixtures.join('\n')}\n`,
  );
  files.set(
    'sources/manifests/platform/store.yaml',
    'apiVersion: external-secrets.io/v1\nkind: ClusterSecretStore\nmetadata:\n  name: vault\nspec:\n  provider:\n    vault:\n      server: http://vault:8200\n',
  );
  return files;
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const cpuMs = (start: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'secrets-bench-'));
  try {
    const generated = generate();
    let bytes = 0;
    for (const [path, text] of generated) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
      bytes += text.length;
    }
    const rssBefore = process.memoryUsage().rss;

    // full scan, cold: a fresh Analyzer reads and analyses everything
    let t = process.hrtime.bigint();
    const tree = await readFileTree(root);
    const analyzer = new Analyzer({ environments: ENVS });
    const report = analyzer.analyze(tree);
    const cold = ms(t);
    const peakRss = process.resourceUsage().maxRSS * 1024;
    const heap = process.memoryUsage().heapUsed;

    // full scan, warm (JIT warmed, fresh Analyzer each time)
    const warm: number[] = [];
    const warmCpu: number[] = [];
    for (let i = 0; i < 3; i++) {
      t = process.hrtime.bigint();
      const c = process.cpuUsage();
      new Analyzer({ environments: ENVS }).analyze(await readFileTree(root));
      warm.push(ms(t));
      warmCpu.push(cpuMs(c));
    }

    // parse floor: read + YAML-parse the same files
    const floor: number[] = [];
    const floorCpu: number[] = [];
    for (let i = 0; i < 3; i++) {
      t = process.hrtime.bigint();
      const c = process.cpuUsage();
      const files = await readFileTree(root);
      for (const [path, text] of files) {
        if (/\.ya?ml$/.test(path))
          parseAllDocuments(text, { logLevel: 'silent' } as any);
      }
      floor.push(ms(t));
      floorCpu.push(cpuMs(c));
    }
    // the same floor without Helm templates (they are not YAML until rendered)
    const floorPlain: number[] = [];
    for (let i = 0; i < 3; i++) {
      t = process.hrtime.bigint();
      const files = await readFileTree(root);
      for (const [path, text] of files) {
        if (/\.ya?ml$/.test(path) && !path.includes('/templates/'))
          parseAllDocuments(text, { logLevel: 'silent' } as any);
      }
      floorPlain.push(ms(t));
    }

    // re-analysis after one changed values file, reusing the Analyzer (as
    // the backend does); the first two runs warm the JIT and are not counted
    const reanalysis: number[] = [];
    const reanalysisCpu: number[] = [];
    for (let i = 0; i < 12; i++) {
      const changed = new Map(tree);
      changed.set(
        'sources/values/env/dev/apps/apps-svc007.yaml',
        `replicas: ${i + 5}\n`,
      );
      t = process.hrtime.bigint();
      const c = process.cpuUsage();
      analyzer.analyze(changed);
      if (i >= 2) {
        reanalysis.push(ms(t));
        reanalysisCpu.push(cpuMs(c));
      }
    }

    const full = median(warm);
    const lines = [
      `synthetic repository: ${CHARTS} charts x ${
        ENVS.length
      } environments x ${ES_PER_CHART} ExternalSecrets, ${
        generated.size
      } files, ${(bytes / 1024 / 1024).toFixed(1)} MB`,
      `result: ${report.externalSecrets.length} ExternalSecrets, ${report.coverage.length} coverage rows, ${report.findings.length} findings`,
      `full scan (read + analyse): cold ${cold.toFixed(
        0,
      )} ms, warm median ${full.toFixed(0)} ms (CPU ${median(warmCpu).toFixed(
        0,
      )} ms)   [goal < 2000 ms]`,
      `parse floor (read + YAML-parse every .yaml file): median ${median(
        floor,
      ).toFixed(0)} ms (CPU ${median(floorCpu).toFixed(
        0,
      )} ms); without the Helm templates: ${median(floorPlain).toFixed(0)} ms`,
      `ratio full scan / parse floor: ${(full / median(floor)).toFixed(
        2,
      )}x wall, ${(median(warmCpu) / median(floorCpu)).toFixed(
        2,
      )}x CPU   [goal <= 3x]`,
      `re-analysis after one changed file: median ${median(reanalysis).toFixed(
        0,
      )} ms (min ${Math.min(...reanalysis).toFixed(0)} ms, CPU median ${median(
        reanalysisCpu,
      ).toFixed(0)} ms)   [goal < 200 ms]`,
      `machine: ${cpus().length} cores, load average ${loadavg()
        .map(x => x.toFixed(1))
        .join(' ')} at the end of the run`,
      `peak memory: max RSS ${mb(peakRss)} (RSS before scan ${mb(
        rssBefore,
      )}), heap after scan ${mb(heap)}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch(e => {
  process.stderr.write(
    `bench failed: ${e instanceof Error ? e.message : String(e)}\n`,
  );
  process.exit(1);
});
