/*
 * Helm rendering, TypeScript port vs the real Go text/template + sprig in
 * WebAssembly (the differential test's oracle, oracle/main.go, built with
 * `scripts/ensure-go.sh wasm`). Not a test and not shipped: it prints the
 * figures of the README section "Helm rendering: TypeScript port vs real Go
 * in WebAssembly".
 *
 *   node bench/wasm-vs-ts.js <helm-oracle.wasm> [cases.json]
 *
 * The 300-chart set is the benchmark's (bench.ts): per chart, _helpers.tpl,
 * the ExternalSecret template and a Deployment, rendered for 4 environments.
 * cases.json (optional) is a batch of the differential suite, written by the
 * test with SECRETS_HELM_ORACLE_CASES=<file>.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseTemplate, renderTemplate, mergeValues } from '../src/helm';
import { externalSecretsTemplate } from '../src/__testUtils__/templates';
import { oracleTopLevel } from '../src/helm/__testUtils__/oracle';
import { deployment, helpers } from './syntheticChart';

const [wasmPath, casesPath] = process.argv.slice(2);
const CHARTS = 300;
const ENVS = ['local', 'dev', 'staging', 'production'];

interface Case {
  id: string;
  templates: Array<{ name: string; src: string }>;
  values: unknown;
  /** `*`: every template but the _helpers, each after a `---# <name>` line. */
  main?: string;
}

function chartCases(): Case[] {
  const cases: Case[] = [];
  for (let c = 0; c < CHARTS; c++) {
    const name = `svc${String(c).padStart(3, '0')}`;
    const es: string[] = [];
    const consumed: string[] = [];
    for (let e = 0; e < 5; e++) {
      const key = `${name}-secret-${e}`;
      consumed.push(`${name}-s${e}`);
      es.push(
        `  - name: ${name}-s${e}\n    data:\n      - secretKey: value\n        remoteRef: ${
          e % 2 ? key : `\n          key: ${key}\n          property: value`
        }`,
      );
    }
    const chartValues = parse(
      `secrets:\n  enabled: true\n  store:\n    kind: ClusterSecretStore\n    name: vault\nimage:\n  repository: ghcr.io/x/${name}\n  tag: "1.0.0"\nenvFromSecrets:\n${consumed
        .map(s => `  - ${s}`)
        .join('\n')}\nexternalSecrets:\n${es.join('\n')}\n`,
    );
    const shared = { namespace: 'ameide', replicas: 2 };
    for (const env of ENVS) {
      const values = mergeValues(mergeValues(chartValues, shared), {
        replicas: env === 'production' ? 3 : 1,
      });
      // one template set per chart and environment, as Helm renders a release
      cases.push({
        id: `${name}/${env}`,
        main: '*',
        templates: [
          {
            name: `${name}/templates/externalsecret.yaml`,
            src: externalSecretsTemplate(name),
          },
          { name: `${name}/templates/deployment.yaml`, src: deployment(name) },
          { name: `${name}/templates/_helpers.tpl`, src: helpers(name) },
        ],
        values,
      });
    }
  }
  return cases;
}

/** The engine on a batch: templates parsed once per distinct source, as the engine does per chart. */
function renderTs(cases: Case[]): Map<string, string> {
  const parsed = new Map<string, ReturnType<typeof parseTemplate>>();
  const get = (src: string) => {
    let p = parsed.get(src);
    if (!p) parsed.set(src, (p = parseTemplate(src)));
    return p;
  };
  const out = new Map<string, string>();
  for (const c of cases) {
    try {
      const ts = c.templates.map(t => get(t.src));
      const defines = new Map();
      for (const t of ts) for (const [k, v] of t.defines) defines.set(k, v);
      const one = (i: number) =>
        renderTemplate(
          ts[i],
          defines,
          oracleTopLevel(c.values ?? {}, c.templates[i].name),
        ).output;
      out.set(
        c.id,
        c.main === '*'
          ? c.templates
              .map((t, i) =>
                /(^|\/)_[^/]*$/.test(t.name) ? '' : `---# ${t.name}\n${one(i)}`,
              )
              .join('')
          : one(0),
      );
    } catch (e) {
      out.set(c.id, `ERROR`);
    }
  }
  return out;
}

const json = (cases: Case[]) =>
  JSON.stringify(cases, (_k, v) =>
    typeof v === 'bigint' ? { $int: v.toString() } : v,
  );

const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
/** The milliseconds each of `times` runs of `run` takes. */
const timedRuns = (times: number, run: () => void): number[] =>
  Array.from({ length: times }, () => {
    const t = process.hrtime.bigint();
    run();
    return ms(t);
  });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function startWasm(): Promise<(input: string) => string> {
  const goRoot = '/usr/lib/go/misc/wasm';
  (globalThis as any).require = require;
  (globalThis as any).fs = require('fs');
  require(join(goRoot, 'wasm_exec.js'));
  const go = new (globalThis as any).Go();
  const { instance } = await WebAssembly.instantiate(
    readFileSync(wasmPath),
    go.importObject,
  );
  go.run(instance);
  return (input: string) => (globalThis as any).helmOracleRender(input);
}

function compare(ts: Map<string, string>, go: string): number {
  let diff = 0;
  for (const r of JSON.parse(go) as Array<{ id: string; output?: string }>) {
    const t = ts.get(r.id);
    if ((r.output === undefined) !== (t === 'ERROR')) diff++;
    else if (r.output !== undefined && r.output !== t) diff++;
  }
  return diff;
}

async function main() {
  const lines: string[] = [];
  const size = statSync(wasmPath).size;
  const t = process.hrtime.bigint();
  const render = await startWasm();
  const startup = ms(t);
  lines.push(
    `wasm: ${(size / 1024 / 1024).toFixed(
      1,
    )} MB, startup (compile + instantiate + Go runtime) ${startup.toFixed(
      0,
    )} ms`,
  );

  const cases = chartCases();
  // warm both once
  renderTs(cases);
  render(json(cases.slice(0, 50)));

  let tsOut = new Map<string, string>();
  const tsRuns = timedRuns(5, () => {
    tsOut = renderTs(cases);
  });
  let goOut = '';
  const batchRuns = timedRuns(5, () => {
    goOut = render(json(cases));
  });
  // one call per chart and environment (what a per-chart integration would do)
  const perCallRuns = timedRuns(3, () => {
    for (const c of cases) render(json([c]));
  });
  const n = cases.length;
  lines.push(
    `300 charts x 4 environments (${n} releases, ${
      2 * n
    } templates): TypeScript ${median(tsRuns).toFixed(0)} ms (${(
      (median(tsRuns) * 1000) /
      n
    ).toFixed(0)} µs/release); ` +
      `wasm one batch ${median(batchRuns).toFixed(0)} ms (${(
        (median(batchRuns) * 1000) /
        n
      ).toFixed(0)} µs/release); wasm one call per release ${median(
        perCallRuns,
      ).toFixed(0)} ms`,
  );
  lines.push(
    `outputs differing between TypeScript and wasm on the charts: ${compare(
      tsOut,
      goOut,
    )}`,
  );

  if (casesPath) {
    const suite = JSON.parse(readFileSync(casesPath, 'utf8'), (_k, v) =>
      v &&
      typeof v === 'object' &&
      typeof v.$int === 'string' &&
      Object.keys(v).length === 1
        ? BigInt(v.$int)
        : v,
    ) as Case[];
    const tsS: number[] = [];
    const goS: number[] = [];
    for (let i = 0; i < 3; i++) {
      tsS.push(...timedRuns(1, () => renderTs(suite)));
      goS.push(...timedRuns(1, () => render(json(suite))));
    }
    lines.push(
      `differential suite (${suite.length} cases): TypeScript ${median(
        tsS,
      ).toFixed(0)} ms, wasm ${median(goS).toFixed(0)} ms`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exit(0);
}

main().catch(e => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
