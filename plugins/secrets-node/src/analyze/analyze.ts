import { createHash } from 'node:crypto';
import {
  WHOLE_KEY_PROPERTY,
  coveredProperty,
  type Finding,
  type FindingSubject,
  type FindingType,
  type KeyCoverage,
  type ProposedFix,
  type SecretsReport,
  type Severity,
  type SourceRef,
} from '@ameideio/plugin-secrets-common';
import { type FileTree, skippedFiles } from '../tree';
import type { SecretConsumer } from './consumers';
import {
  extractExternalSecret,
  type ExtractedES,
  inlineCredentialKeys,
  normalizeKey,
} from './extract';
import { catalogEntities, entityFor } from './entities';
import {
  extractConsumers as consumersByShape,
  shimIssuedSecrets,
  valuesConsumers,
  valuesFromSecrets,
} from './consumers';
import { applyProducers } from './producers/registry';
import { judgeMissingProducer } from './producers/missing';
import {
  collectStores,
  isVault,
  providerLabel,
  resolveProvider,
} from './providers';
import { selectWriters } from './writerSelectors';
import { isBootstrapTemplate, isSeedOnly } from './credentials';
import { fixtureMaps } from './fixtureMaps';
import { secretsEnabled, switchedOffExternalSecrets } from './disabledSecrets';
import {
  type AnalyzeOptions,
  resolveOptions,
  type ResolvedOptions,
} from './options';
import {
  discoverReleases,
  type DiscoveryOutput,
  findCharts,
  type Release,
} from './releases';
import { discoveryFindings } from './discoveryFindings';
import { appliedManifests, configMapLookup, ignoredPaths } from './applied';
import { remoteHelmReleases } from './remoteReleases';
import {
  type Problem,
  releaseValues,
  renderRelease,
  RenderCache,
  type RenderedDoc,
  type ReleaseEnv,
  TemplateCache,
} from './render';
import { YamlCache } from './yamlCache';
import {
  envPhrase,
  implicitFixtureEnvironments,
  inferEnvironments,
  resolveEnvironments,
} from './environments';

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

interface Writer {
  key: string;
  properties?: string[];
  writer: string;
  environments?: string[];
}

interface FixtureEntry {
  /** property -> whether the value is empty, and whether it looks like a placeholder. Values are dropped here. */
  properties: Map<string, { empty: boolean; placeholder: boolean }>;
  ref: SourceRef;
}

/**
 * A reusable analyser: keeps parsed files and templates between runs, so a
 * re-analysis after one changed file only re-parses that file.
 * @public
 */
export class Analyzer {
  private readonly yaml = new YamlCache();
  private readonly templates = new TemplateCache();
  private readonly renders = new RenderCache();
  constructor(private readonly options: AnalyzeOptions = {}) {}

  /** Analyses the repository; reuses what is unchanged since the previous call. */
  analyze(tree: FileTree): SecretsReport {
    return runAnalysis(
      tree,
      resolveOptions(this.options),
      this.yaml,
      this.templates,
      this.renders,
    );
  }
}

/**
 * Analyses a GitOps repository held in memory: ownership, fixture coverage
 * and guardrail findings. Pure: no I/O, and no secret value in the result.
 * @public
 */
export function analyze(
  tree: FileTree,
  options: AnalyzeOptions = {},
): SecretsReport {
  return new Analyzer(options).analyze(tree);
}

/**
 * Whether a `secretWriters` entry writes in an environment. An explicit
 * `environments:` list decides; otherwise an external key-vault sync writes
 * the real environments only (the fixture map seeds the fixture
 * environments), and any other writer writes wherever its release is installed.
 */
function writesIn(
  w: Record<string, unknown>,
  writer: string,
  env: string,
  o: ResolvedOptions,
): boolean {
  if (Array.isArray(w.environments))
    return w.environments.map(String).includes(env);
  const externalSync =
    w.kind === 'external-sync' || o.externalSyncWriter.test(writer);
  return !(externalSync && o.fixtureEnvironments.includes(env));
}

/** A fixture entry as a whole: empty only when every property is empty. */
function wholeEntry(entry: FixtureEntry): {
  empty: boolean;
  placeholder: boolean;
} {
  const props = [...entry.properties.values()];
  return {
    empty: props.every(p => p.empty),
    placeholder: props.some(p => p.placeholder),
  };
}

function stableId(...parts: Array<string | number | undefined>): string {
  return createHash('sha256')
    .update(parts.map(p => String(p ?? '')).join('\u0000'))
    .digest('hex')
    .slice(0, 16);
}

function runAnalysis(
  tree: FileTree,
  options: ResolvedOptions,
  yaml: YamlCache,
  templates: TemplateCache,
  renders: RenderCache,
): SecretsReport {
  const started = Date.now();
  yaml.use(tree);
  const o: ResolvedOptions = {
    ...options,
    entities: [...options.entities, ...catalogEntities(tree, yaml)],
  };
  const problems: Problem[] = [];
  const findings: Finding[] = [];
  const seen = new Set<string>();

  const add = (
    type: FindingType,
    severity: Severity,
    message: string,
    subject: FindingSubject,
    proposedFix: ProposedFix,
    where: {
      release?: string;
      chart?: string;
      environment?: string;
      sourceRef?: SourceRef;
      detail?: string;
    },
  ) => {
    const id = stableId(
      type,
      where.release,
      where.environment,
      subject.kind,
      subject.namespace,
      subject.name,
      subject.property,
      where.sourceRef?.file,
      where.detail,
    );
    if (seen.has(id)) return;
    seen.add(id);
    const entityRef = entityFor(o.entities, where.release, where.chart);
    findings.push({
      id,
      type,
      severity,
      message,
      subject: Object.fromEntries(
        Object.entries(subject).filter(([, v]) => v !== undefined),
      ) as FindingSubject,
      ...(where.release ? { release: where.release } : {}),
      ...(where.chart ? { chart: where.chart } : {}),
      ...(entityRef ? { entityRef } : {}),
      ...(where.environment ? { environment: where.environment } : {}),
      ...(where.sourceRef
        ? {
            sourceRef: where.sourceRef.line
              ? { file: where.sourceRef.file, line: where.sourceRef.line }
              : { file: where.sourceRef.file },
          }
        : {}),
      proposedFix,
    });
  };

  // files the disk reader did not read: a finding, not an empty file
  for (const f of skippedFiles(tree)) {
    problems.push({
      kind: 'yaml',
      file: f.file,
      message: `file is ${f.size} bytes, larger than the reader's limit of ${f.limit} bytes, and was not read`,
    });
  }

  // ---- charts, releases, values ----
  const charts = findCharts(tree, o, yaml);
  for (const c of charts) {
    for (const e of yaml.errors(`${c.dir}/Chart.yaml`)) {
      problems.push({
        kind: 'yaml',
        chart: c.dir,
        file: e.file,
        line: e.line,
        message: e.message,
      });
    }
  }
  // environments: configured, else what the repository shows, else one implicit
  const layoutEnvs = inferEnvironments(tree, o);
  let envs = resolveEnvironments(o.configuredEnvironments, layoutEnvs);
  let discovery: DiscoveryOutput = { notes: [], directories: [] };
  let releases = discoverReleases(
    tree,
    charts,
    { ...o, environments: envs.known },
    yaml,
    discovery,
  );
  // names only Argo CD / Flux declarations give (an ApplicationSet element's env)
  const declared = releases
    .flatMap(r => r.environments)
    .filter(e => !envs.known.includes(e));
  if (declared.length) {
    envs = resolveEnvironments(
      o.configuredEnvironments,
      inferEnvironments(tree, o, declared),
    );
    discovery = { notes: [], directories: [] };
    releases = discoverReleases(
      tree,
      charts,
      { ...o, environments: envs.known },
      yaml,
      discovery,
    );
  }
  o.environments = envs.environments;
  o.productionEnvironments = envs.productionEnvironments;
  if (envs.fixtureEnvironments)
    o.fixtureEnvironments = envs.fixtureEnvironments;
  const known = envs.known;
  for (const f of discoveryFindings(discovery.notes)) add(...f);
  // what the repository applies (raw manifests are scoped by a path segment
  // naming any known environment), and Flux releases of charts not in it
  const applied = appliedManifests(
    tree,
    charts.map(c => c.dir),
    { ...o, environments: known },
    yaml,
    problems,
    discovery.directories,
  );
  const remote = remoteHelmReleases(
    o.discovery.includes('flux') ? applied.helmReleases : [],
    new Set(charts.map(c => c.dir)),
    known,
    configMapLookup(tree, yaml, ignoredPaths(o), () => applied.configMaps),
    new Set(releases.map(r => r.name)),
    problems,
  );
  releases.push(...remote.releases);
  releases.sort((a, b) => a.name.localeCompare(b.name));
  const releaseEnvs: ReleaseEnv[] = [];
  // releases of environments outside this run: read only to tell whether a fixture has a consumer
  const contextEnvs: ReleaseEnv[] = [];
  for (const release of releases) {
    for (const environment of release.environments) {
      const analysed = o.environments.includes(environment);
      if (!analysed && !known.includes(environment)) continue;
      const values = releaseValues(
        release,
        environment,
        yaml,
        analysed ? problems : [],
      );
      const installed = values.installed !== false && values.enabled !== false;
      (analysed ? releaseEnvs : contextEnvs).push({
        release,
        environment,
        values,
        installed,
        namespace:
          release.namespaces[environment] ??
          (typeof values.namespace === 'string' ? values.namespace : undefined),
      });
    }
  }
  const reIndex = new Map(
    releaseEnvs.map(r => [`${r.release.name}\u0000${r.environment}`, r]),
  );
  const releaseEnv = (name: string, env: string) =>
    reIndex.get(`${name}\u0000${env}`);
  const installedIn = (name: string, env: string) =>
    Boolean(releaseEnv(name, env)?.installed);

  // ---- render ----
  const docs: RenderedDoc[] = [];
  const disabledDocs: RenderedDoc[] = [];
  for (const re of releaseEnvs) {
    const rendered = renders.render(
      re,
      tree,
      templates,
      re.installed ? problems : [],
      o.helm,
    );
    (re.installed ? docs : disabledDocs).push(...rendered);
  }
  const contextDocs: RenderedDoc[] = [];
  for (const re of contextEnvs)
    contextDocs.push(...renders.render(re, tree, templates, [], o.helm));
  for (const d of [...applied.docs, ...remote.docs]) {
    (o.environments.includes(d.environment) ? docs : contextDocs).push(d);
  }

  // ---- ExternalSecrets ----
  const all: ExtractedES[] = [];
  for (const d of docs) {
    const es = extractExternalSecret(d, o.originAnnotation);
    if (es) {
      if (!es.namespace && d.generated) {
        const re = releaseEnv(d.release, d.environment);
        es.namespace = re?.namespace;
      }
      all.push(es);
    }
  }
  const extractAll = (list: RenderedDoc[]) =>
    list
      .map(d => extractExternalSecret(d, o.originAnnotation))
      .filter((x): x is ExtractedES => Boolean(x));
  const disabledES: ExtractedES[] = extractAll(disabledDocs);

  // ---- stores and providers ----
  const stores = collectStores(
    docs,
    d => releaseEnv(d.release, d.environment)?.namespace,
  );
  for (const es of all) {
    if (es.provider) continue;
    const { provider } = resolveProvider(es, stores);
    if (provider) es.provider = provider;
  }

  // ---- fixture map and writers ----
  const fixtureReleaseEnvs = releaseEnvs.filter(
    r => r.release.name === o.fixtureRelease,
  );
  const fixtureMapPresent = fixtureReleaseEnvs.some(
    r => fixtureMaps(r.values, o).length > 0,
  );
  if (!envs.fixtureEnvironments)
    o.fixtureEnvironments = implicitFixtureEnvironments(fixtureMapPresent);
  const fixtureFiles = new Set<string>();
  const fixtures = new Map<string, Map<string, FixtureEntry>>(); // env -> key -> entry
  for (const re of fixtureReleaseEnvs) {
    const entries = new Map<string, FixtureEntry>();
    for (const { at, map } of fixtureMaps(re.values, o)) {
      for (const [rawKey, v] of Object.entries(map)) {
        const key = normalizeKey(rawKey);
        const props = new Map<
          string,
          { empty: boolean; placeholder: boolean }
        >();
        const look = (x: unknown) => {
          const s = x === null || x === undefined ? '' : String(x);
          return {
            empty: s === '',
            placeholder: s !== '' && o.placeholder.test(s),
          };
        };
        if (isMap(v))
          for (const [p, x] of Object.entries(v)) props.set(p, look(x));
        else props.set('value', look(v));
        // where is it defined? the last value file that mentions the key
        let ref: SourceRef = {
          file: re.release.valueFiles[re.environment]?.slice(-1)[0] ?? '',
        };
        for (const f of re.release.valueFiles[re.environment] ?? []) {
          for (const d of yaml.docs(f)) {
            const line = at.length ? d.lineOfPath([...at, rawKey]) : undefined;
            if (line) ref = { file: f, line };
          }
        }
        fixtureFiles.add(ref.file);
        entries.set(key, { properties: props, ref });
      }
    }
    fixtures.set(re.environment, entries);
  }

  const writers: Array<Writer & { release: string }> = [];
  for (const re of releaseEnvs) {
    if (!re.installed) continue;
    // eslint-disable-next-line @typescript-eslint/no-shadow
    const declared = re.values[o.writersKey];
    const list = [
      ...(Array.isArray(declared) ? declared : []),
      ...selectWriters(re.release.name, re.values, o.writerSelectors),
    ];
    for (const w of list) {
      if (!isMap(w) || !w.key) continue;
      const writer = String(w.writer ?? w.name ?? re.release.name);
      if (!writesIn(w, writer, re.environment, o)) continue;
      writers.push({
        key: normalizeKey(String(w.key)),
        properties: Array.isArray(w.properties)
          ? w.properties.map(String)
          : undefined,
        writer,
        environments: [re.environment],
        release: re.release.name,
      });
    }
  }
  for (const es of all.filter(e => e.kind === 'PushSecret')) {
    for (const k of es.keys) {
      writers.push({
        key: k.key,
        properties: k.property ? [k.property] : undefined,
        writer: `PushSecret/${es.name}`,
        environments: [es.environment],
        release: es.release,
      });
    }
  }
  const writersOf = (key: string, property: string, env: string) =>
    writers
      .filter(
        w =>
          w.key === key &&
          (!w.environments || w.environments.includes(env)) &&
          (!w.properties ||
            property === WHOLE_KEY_PROPERTY ||
            w.properties.includes(property)),
      )
      .map(w => w.writer);

  // ---- coverage ----
  const coverage: KeyCoverage[] = [];
  const consuming = all.filter(e => e.kind !== 'PushSecret');
  const fixtureValuesFile = (env: string) => {
    const re = fixtureReleaseEnvs.find(r => r.environment === env);
    const files = re?.release.valueFiles[env] ?? [];
    return (
      files.find(f => f.includes(`/${o.sharedValuesDir}/`)) ??
      files.slice(-1)[0]
    );
  };
  // fixture files read in an environment that is not production: their values are no production override
  const sharedFixtureFiles = new Set(
    fixtureReleaseEnvs
      .filter(re => !o.productionEnvironments.includes(re.environment))
      .flatMap(re => re.release.valueFiles[re.environment] ?? []),
  );
  for (const es of consuming) {
    // Vault conventions hold for Vault stores; an undeclared store leaves the provider unknown
    const otherProvider = Boolean(es.provider) && !isVault(es.provider);
    const unknownProvider = !es.provider;
    const storeNote = unknownProvider
      ? ` Its store ${es.storeRef.kind}/${es.storeRef.name} is not declared in the repository, so its provider is unknown.`
      : '';
    const vaultSeverity = (s: Severity): Severity =>
      unknownProvider ? 'info' : s;
    for (const k of es.keys) {
      if (k.via === 'dataFrom.find') continue;
      const wholeKey = k.via === 'dataFrom.extract';
      const property = coveredProperty(k);
      const env = es.environment;
      const ws = writersOf(k.key, property, env);
      if (!fixtureMapPresent || otherProvider) {
        coverage.push({
          key: k.key,
          property,
          environment: env,
          fixture: 'not-applicable',
          writers: ws,
          origin: k.origin,
        });
        continue;
      }
      const entry = fixtures.get(env)?.get(k.key);
      // a whole-key read is covered by the entry itself, whatever its properties
      const prop =
        wholeKey && entry ? wholeEntry(entry) : entry?.properties.get(property);
      let state: KeyCoverage['fixture'];
      if (prop && !prop.empty) state = 'present';
      else if (prop && prop.empty) state = 'empty-override';
      else if (ws.length) state = 'other-writer';
      else if (k.origin === 'cluster-managed') state = 'not-applicable';
      else state = 'missing';
      coverage.push({
        key: k.key,
        property,
        environment: env,
        fixture: state,
        writers: ws,
        ...(entry ? { fixtureRef: entry.ref } : {}),
        origin: k.origin,
      });

      const where = {
        release: es.release,
        chart: es.chart,
        environment: env,
        sourceRef: es.sourceRef,
      };
      const subject: FindingSubject = {
        kind: 'VaultKey',
        name: k.key,
        property,
      };
      if (
        state === 'missing' &&
        o.fixtureEnvironments.includes(env) &&
        k.origin !== 'cluster-managed'
      ) {
        const file =
          fixtureValuesFile(env) ??
          `${o.valuesRoot}/${o.sharedValuesDir}/foundation/${o.fixtureRelease}.yaml`;
        add(
          'missing-fixture',
          vaultSeverity('error'),
          `Vault key "${k.key}" (${
            wholeKey ? 'whole key' : `property "${property}"`
          }) used by ExternalSecret ${
            es.name
          } has no fixture, so a fresh${envPhrase(
            env,
            ' %s',
          )} cluster cannot sync it.${storeNote}`,
          subject,
          {
            title: 'Add a fixture entry',
            actions: [`Add the key under \`${o.fixtureKey}:\` in ${file}.`],
            command:
              property === 'value' || wholeKey
                ? `  ${k.key}: "placeholder-${k.key.replace(
                    /[^A-Za-z0-9]+/g,
                    '-',
                  )}"`
                : `  ${k.key}:\n    ${property}: "placeholder-${k.key.replace(
                    /[^A-Za-z0-9]+/g,
                    '-',
                  )}-${property}"`,
          },
          where,
        );
      }
      if (
        state === 'empty-override' &&
        o.productionEnvironments.includes(env) &&
        !ws.length
      ) {
        add(
          'empty-production-override',
          vaultSeverity('error'),
          `The ${env} fixture override of "${k.key}" is empty ("must be provided for real"), but no writer (external sync, job, PushSecret) provides it.${storeNote}`,
          subject,
          {
            title: 'Declare the real writer',
            actions: [
              `Declare the writer of "${k.key}" under \`${o.writersKey}:\` in the values of the release that writes it, or seed it in ${env} Vault through the external key vault sync.`,
            ],
          },
          { ...where, sourceRef: entry?.ref ?? where.sourceRef },
        );
      }
      // a production override that sets a placeholder where the real value belongs
      if (
        o.productionEnvironments.includes(env) &&
        entry &&
        prop &&
        !prop.empty &&
        prop.placeholder &&
        !ws.length &&
        entry.ref.file &&
        !sharedFixtureFiles.has(entry.ref.file)
      ) {
        add(
          'placeholder-in-vault',
          vaultSeverity('warning'),
          `The ${env} fixture override of "${k.key}"${
            wholeKey ? '' : ` (property "${property}")`
          } is a placeholder, not "" (provided for real), and no writer provides the key: ${env} is declared to run on a placeholder.${storeNote}`,
          subject,
          {
            title: 'Provide the real value',
            actions: [
              `Set the ${env} override of "${k.key}" to "" and declare its writer under \`${o.writersKey}:\`, or seed the real value in ${env} Vault.`,
            ],
          },
          { ...where, sourceRef: entry.ref },
        );
      }
      if (
        k.origin === 'service-generated' &&
        o.fixtureEnvironments.includes(env) &&
        entry &&
        prop?.placeholder &&
        !ws.length
      ) {
        add(
          'unreplaceable-placeholder',
          vaultSeverity('warning'),
          `Vault key "${k.key}" is generated by a service, but only a placeholder fixture writes it and no extraction job or PushSecret is declared: the placeholder will never be replaced.${storeNote}`,
          subject,
          {
            title: 'Declare the writer',
            actions: [
              `Add { key: ${k.key}, writer: <job> } under \`${o.writersKey}:\` in the values of the job that extracts it.`,
            ],
          },
          { ...where, sourceRef: entry.ref },
        );
      }
    }
    for (const c of isVault(es.provider) ? es.conventionIssues : []) {
      add(
        'remote-ref-convention',
        'warning',
        `ExternalSecret ${es.name}: remoteRef "${c.key}" ${c.issue}.`,
        { kind: 'ExternalSecret', name: es.name, namespace: es.namespace },
        {
          title: 'Follow the remoteRef convention',
          actions: ['Reference `key: <key>` with `property: value`.'],
          command: `remoteRef:\n  key: ${c.key}\n  property: value`,
        },
        {
          release: es.release,
          chart: es.chart,
          environment: es.environment,
          sourceRef: es.sourceRef,
          detail: `${c.key}\u0000${c.issue}`,
        },
      );
    }
  }

  // ---- orphan fixtures ----
  if (fixtureMapPresent) {
    // keys of releases not installed (or with secrets disabled) somewhere still need their fixture
    // and so do keys read in environments outside this run
    const readers = [
      ...consuming,
      ...disabledES,
      ...extractAll(contextDocs),
    ].filter(e => e.kind !== 'PushSecret');
    const used = new Set(
      readers.flatMap(e =>
        e.keys.filter(k => k.via !== 'dataFrom.find').map(k => k.key),
      ),
    );
    const patterns = readers.flatMap(e =>
      e.keys.filter(k => k.via === 'dataFrom.find').map(k => k.key),
    );
    const matchAny = (key: string) =>
      patterns.some(p => {
        try {
          return new RegExp(p).test(key);
        } catch {
          return false;
        }
      });
    for (const [env, entries] of fixtures) {
      for (const [key, entry] of entries) {
        if (used.has(key) || matchAny(key) || writers.some(w => w.key === key))
          continue;
        add(
          'orphan-fixture',
          'info',
          `Fixture "${key}" is not referenced by any ExternalSecret in any environment.`,
          { kind: 'Fixture', name: key },
          {
            title: 'Remove the fixture or wire its consumer',
            actions: [
              `Delete "${key}" from ${entry.ref.file}, or add the ExternalSecret that needs it.`,
            ],
          },
          { release: o.fixtureRelease, environment: env, sourceRef: entry.ref },
        );
      }
    }
  }

  // ---- stores ----
  type Store = (typeof stores)[number];
  const admits = (s: Store, ns?: string) => {
    if (!s.conditions?.length) return true;
    return s.conditions.some((c: any) => {
      if (Array.isArray(c?.namespaces) && ns && c.namespaces.includes(ns))
        return true;
      if (
        Array.isArray(c?.namespaceRegexes) &&
        ns &&
        c.namespaceRegexes.some((r: string) => {
          try {
            return new RegExp(r).test(ns);
          } catch {
            return false;
          }
        })
      )
        return true;
      if (c?.namespaceSelector) return true; // labels live in the cluster: assume admitted
      return false;
    });
  };
  for (const es of consuming) {
    if (es.kind === 'ClusterExternalSecret' || es.provider === 'generator')
      continue;
    const candidates = stores.filter(
      s =>
        s.env === es.environment &&
        s.kind === es.storeRef.kind &&
        s.name === es.storeRef.name,
    );
    const served =
      es.storeRef.kind === 'SecretStore'
        ? candidates.some(
            s => !s.namespace || !es.namespace || s.namespace === es.namespace,
          )
        : candidates.some(s => admits(s, es.namespace));
    if (!served) {
      let why: string;
      if (!candidates.length) {
        why = `no ${es.storeRef.kind} "${
          es.storeRef.name
        }" is declared${envPhrase(es.environment, ' in %s')}`;
      } else if (es.storeRef.kind === 'SecretStore') {
        why = `a SecretStore only serves its own namespace (${candidates
          .map(c => c.namespace)
          .join(', ')}), not ${es.namespace}`;
      } else {
        why = `its conditions do not admit namespace ${es.namespace}`;
      }
      // no store anywhere in the repository: they are managed outside it
      const outside = !stores.length;
      if (outside)
        why +=
          '; the repository declares no SecretStore or ClusterSecretStore at all, so its stores are managed outside it';
      add(
        'unserved-store',
        outside ? 'info' : 'error',
        `ExternalSecret ${es.name} uses ${es.storeRef.kind}/${es.storeRef.name}, but ${why}.`,
        {
          kind: 'SecretStore',
          name: es.storeRef.name,
          namespace: es.namespace,
        },
        {
          title: 'Point at a store that serves this namespace',
          actions: [
            `Use the platform store (e.g. ClusterSecretStore/ameide-vault) or declare ${es.storeRef.kind}/${es.storeRef.name} for namespace ${es.namespace}.`,
          ],
        },
        {
          release: es.release,
          chart: es.chart,
          environment: es.environment,
          sourceRef: es.sourceRef,
        },
      );
    }
  }

  // ---- producers, owners, consumers ----
  type Producer = {
    secret: string;
    namespace?: string;
    env: string;
    release: string;
    chart?: string;
    kind:
      | 'externalsecret'
      | 'secret'
      | 'cluster-managed'
      | 'generated'
      | 'bootstrap';
    ref: SourceRef;
    /** An ExternalSecret that seeds or merges, not an authority (CreatedOnce, Merge, None). */
    seedOnly?: boolean;
    /** An ExternalSecret that keeps merging its keys into a Secret another producer creates. */
    merges?: boolean;
    /** The provider an ExternalSecret reads from, when known. */
    provider?: string;
    /**
     * The object that produces it: a raw manifest patched in several places
     * (Kustomize overlays, components) is one object, so one owner; each
     * release renders its own objects.
     */
    object: string;
  };
  const objectId = (
    chart: string | undefined,
    release: string,
    kind: unknown,
    name: unknown,
  ) => `${chart ? `${release}\u0000` : ''}${String(kind)}/${String(name)}`;
  const producers: Producer[] = [];
  for (const es of consuming) {
    producers.push({
      secret: es.targetSecret,
      namespace: es.namespace,
      env: es.environment,
      release: es.release,
      chart: es.chart,
      kind: 'externalsecret',
      ref: es.sourceRef,
      ...(isSeedOnly(es) ? { seedOnly: true } : {}),
      ...(es.creationPolicy === 'Merge' && es.refreshPolicy !== 'CreatedOnce'
        ? { merges: true }
        : {}),
      ...(es.provider ? { provider: es.provider } : {}),
      object: objectId(es.chart, es.release, es.kind, es.name),
    });
  }
  const generatedLines = new Set(
    problems
      .filter(p => p.kind === 'unknown' && /generates a value/.test(p.message))
      .map(p => `${p.file}:${p.environment}`),
  );
  for (const d of docs) {
    if (d.obj.kind === 'Secret' && d.obj.apiVersion === 'v1') {
      const generated = generatedLines.has(`${d.file}:${d.environment}`);
      producers.push({
        secret: String(d.obj.metadata?.name ?? ''),
        namespace: d.obj.metadata?.namespace,
        env: d.environment,
        release: d.release,
        chart: d.chart,
        // a Secret whose values are all secret-manager references is a bootstrap template
        // eslint-disable-next-line no-nested-ternary
        kind: generated
          ? 'generated'
          : isBootstrapTemplate(d.obj)
          ? 'bootstrap'
          : 'secret',
        ref: { file: d.file, line: d.line },
        object: objectId(d.chart, d.release, 'Secret', d.obj.metadata?.name),
      });
      // a SOPS-encrypted Secret holds ciphertext: a producer, not an inline credential
      // a placeholder password is a defect only where it is deployed to production
      const production =
        !d.allEnvironments && o.productionEnvironments.includes(d.environment);
      const keys = d.encrypted
        ? []
        : inlineCredentialKeys(d.obj, { placeholders: production });
      for (const { field, key, placeholder } of keys) {
        add(
          'inline-credential',
          placeholder ? 'warning' : 'error',
          placeholder
            ? `Secret ${d.obj.metadata?.name} holds a placeholder word for credential-like key "${key}" in Git, and is deployed to ${d.environment}: production runs on a placeholder credential, or someone edits the Secret by hand.`
            : `Secret ${d.obj.metadata?.name} holds a literal value for credential-like key "${key}" in Git.`,
          {
            kind: 'Secret',
            name: String(d.obj.metadata?.name ?? ''),
            namespace: d.obj.metadata?.namespace,
            property: key,
          },
          {
            title: 'Move the credential to Vault',
            actions: [
              'Store the value in Vault, add a fixture for dev/CI, and replace the Secret with a chart-owned ExternalSecret.',
            ],
          },
          {
            release: d.release,
            chart: d.chart,
            environment: d.allEnvironments ? undefined : d.environment,
            sourceRef: {
              file: d.file,
              line: d.lineOfPath?.([field, key]) ?? d.line,
            },
          },
        );
      }
    }
    if (d.obj.kind === 'SealedSecret') {
      producers.push({
        secret: String(
          d.obj.spec?.template?.metadata?.name ?? d.obj.metadata?.name ?? '',
        ),
        namespace: d.obj.metadata?.namespace,
        env: d.environment,
        release: d.release,
        chart: d.chart,
        kind: 'secret',
        ref: { file: d.file, line: d.line },
        object: objectId(
          d.chart,
          d.release,
          'SealedSecret',
          d.obj.metadata?.name,
        ),
      });
      add(
        'sealed-secret',
        'warning',
        `SealedSecret ${d.obj.metadata?.name} keeps an encrypted credential in Git, outside Vault and the fixture map.`,
        {
          kind: 'Secret',
          name: String(d.obj.metadata?.name ?? ''),
          namespace: d.obj.metadata?.namespace,
        },
        {
          title: 'Migrate to Vault + ExternalSecret',
          actions: [
            'Write the value to Vault, add a fixture, and replace the SealedSecret with a chart-owned ExternalSecret.',
          ],
        },
        {
          release: d.release,
          chart: d.chart,
          environment: d.allEnvironments ? undefined : d.environment,
          sourceRef: { file: d.file, line: d.line },
        },
      );
    }
  }
  // Secrets operators produce (and read) for the objects of the repository
  const operatorConsumers: SecretConsumer[] = [];
  for (const d of docs) {
    const objNs =
      d.obj.metadata?.namespace ??
      (d.generated
        ? releaseEnv(d.release, d.environment)?.namespace
        : undefined);
    const { produces, consumes } = applyProducers(d.obj, o.producers);
    const issued = shimIssuedSecrets(d.obj).map(name => ({
      name,
      namespace: undefined,
    }));
    for (const p of [...produces, ...issued]) {
      producers.push({
        secret: p.name,
        namespace: p.namespace ?? objNs,
        env: d.environment,
        release: d.release,
        chart: d.chart,
        kind: 'cluster-managed',
        ref: { file: d.file, line: d.line },
        object: objectId(d.chart, d.release, d.obj.kind, d.obj.metadata?.name),
      });
    }
    for (const c of consumes) {
      operatorConsumers.push({
        secret: c.name,
        namespace: c.namespace ?? d.obj.metadata?.namespace,
        how: 'operator',
        optional: c.optional,
        doc: d,
      });
    }
  }
  for (const re of releaseEnvs) {
    if (!re.installed) continue;
    const list = re.values[o.clusterManagedKey];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const name = isMap(item) ? item.name : item;
      if (!name) continue;
      producers.push({
        secret: String(name),
        namespace:
          isMap(item) && item.namespace ? String(item.namespace) : re.namespace,
        env: re.environment,
        release: re.release.name,
        chart: re.release.chart,
        kind: 'cluster-managed',
        ref: {
          file: re.release.valueFiles[re.environment]?.slice(-1)[0] ?? '',
        },
        object: `${re.release.name}\u0000${o.clusterManagedKey}/${String(
          name,
        )}`,
      });
    }
  }

  // duplicate owners and Vault driving cluster-managed credentials
  const groups = new Map<string, Producer[]>();
  for (const p of producers) {
    const k = `${p.env}\u0000${p.namespace ?? ''}\u0000${p.secret}`;
    const list = groups.get(k);
    if (list) list.push(p);
    else groups.set(k, [p]);
  }
  for (const group of groups.values()) {
    const owning = group.filter(p => p.kind !== 'bootstrap' && !p.seedOnly);
    const owners = [...new Set(owning.map(p => p.release))];
    const objects = new Set(owning.map(p => p.object));
    const es = group.filter(p => p.kind === 'externalsecret' && !p.seedOnly);
    const cm = group.filter(
      p => p.kind === 'cluster-managed' || p.kind === 'generated',
    );
    const merging = group.filter(p => p.kind === 'externalsecret' && p.merges);
    // ExternalSecrets of one release that each own the Secret (Owner, Orphan):
    // the controller lets only one of them write it
    const owningES = new Set(
      es.filter(p => p.release === es[0]?.release).map(p => p.object),
    );
    const first = group[0];
    if (!es.length && merging.length && cm.length) {
      add(
        'vault-drives-cluster-managed',
        'warning',
        `Secret ${first.secret} is produced in the cluster by ${cm
          .map(c => c.release)
          .join(', ')}, and an ExternalSecret of ${merging
          .map(e => e.release)
          .join(', ')} keeps merging keys into it from ${
          merging[0].provider && !isVault(merging[0].provider)
            ? providerLabel(merging[0].provider)
            : 'Vault'
        } (creationPolicy: Merge): keys the operator derives from them (connection strings, files) fall out of step.`,
        { kind: 'Secret', name: first.secret, namespace: first.namespace },
        {
          title: 'Keep one authority',
          actions: [
            'Configure the operator to use a Secret the ExternalSecret owns (for CloudNativePG, `bootstrap.initdb.secret` or `managed.roles[].passwordSecret`), or stop merging into the operator-made Secret.',
          ],
        },
        {
          release: merging[0].release,
          chart: merging[0].chart,
          environment: first.env,
          sourceRef: merging[0].ref,
        },
      );
    } else if (es.length && cm.length) {
      add(
        'vault-drives-cluster-managed',
        'error',
        `Secret ${first.secret} is produced in the cluster by ${cm
          .map(c => c.release)
          .join(', ')}, and an ExternalSecret of ${es
          .map(e => e.release)
          .join(', ')} also writes it from ${
          es[0].provider && !isVault(es[0].provider)
            ? providerLabel(es[0].provider)
            : 'Vault'
        }.`,
        { kind: 'Secret', name: first.secret, namespace: first.namespace },
        {
          title: 'Keep one authority',
          actions: [
            'Let the cluster-managed authority own the Secret and reference it (existingSecret), or drop the operator/Helm generation; Vault may only mirror it.',
          ],
        },
        {
          release: es[0].release,
          chart: es[0].chart,
          environment: first.env,
          sourceRef: es[0].ref,
        },
      );
    } else if (
      (owners.length > 1 && objects.size > 1) ||
      (owners.length === 1 && owningES.size > 1 && es.length === owning.length)
    ) {
      const oneRelease = owners.length === 1;
      const names = [...owningES].map(x => x.split('/').pop()).sort();
      add(
        'duplicate-owner',
        'error',
        `Secret ${first.secret} in ${
          first.namespace ?? 'the release namespace'
        } is claimed by ${
          oneRelease
            ? `${names.length} ExternalSecrets of ${owners[0]} (${names.join(
                ', ',
              )}); the controller lets only one owner write it, the others fail to sync`
            : owners.join(' and ')
        }.`,
        { kind: 'Secret', name: first.secret, namespace: first.namespace },
        {
          title: 'Keep one owner',
          actions: [
            oneRelease
              ? `Merge ${names.join(
                  ' and ',
                )} into one ExternalSecret, or give all but one \`creationPolicy: Merge\`.`
              : `Disable the copy in all but one chart (${owners.join(
                  ', ',
                )}), typically in the service chart that consumes it.`,
          ],
        },
        {
          release: group[1].release,
          chart: group[1].chart,
          environment: first.env,
          sourceRef: group[1].ref,
        },
      );
    }
  }

  // consumers with no producer
  const producersOf = new Map<string, Producer[]>();
  for (const p of producers) {
    const k = `${p.env}\u0000${p.secret}`;
    const list = producersOf.get(k);
    if (list) list.push(p);
    else producersOf.set(k, [p]);
  }
  const consumers: SecretConsumer[] = [
    ...docs.flatMap(consumersByShape),
    ...operatorConsumers,
  ];
  // the kubernetes provider reads Secrets of another namespace by name
  for (const es of consuming) {
    if (es.provider !== 'kubernetes') continue;
    const { store } = resolveProvider(es, stores);
    const doc = docs.find(
      d =>
        d.file === es.sourceRef.file &&
        d.environment === es.environment &&
        d.line === es.sourceRef.line,
    );
    if (!store || !doc) continue;
    for (const k of es.keys) {
      if (k.via === 'dataFrom.find') continue;
      consumers.push({
        secret: k.key,
        namespace: store.remoteNamespace,
        how: 'kubernetesProvider',
        optional: false,
        doc,
        self: objectId(es.chart, es.release, es.kind, es.name),
      });
    }
  }
  for (const re of releaseEnvs) {
    if (!re.installed) continue;
    // existingSecret-style values
    const walk = (v: unknown, path: string[], depth: number) => {
      if (depth > 8) return;
      if (isMap(v))
        for (const [k, x] of Object.entries(v)) {
          if (
            /^(existingSecret(Name)?|envFromSecret)$/.test(k) &&
            typeof x === 'string' &&
            x &&
            !x.includes('{{')
          ) {
            consumers.push({
              secret: x,
              namespace: re.namespace,
              how: 'existingSecret',
              optional: false,
              ...(re.release.chartInfo ? {} : { remoteChart: true }),
              doc: {
                obj: {},
                release: re.release.name,
                chart: re.release.chart,
                environment: re.environment,
                file:
                  re.release.valueFiles[re.environment]?.slice(-1)[0] ??
                  re.release.sourceRef?.file ??
                  '',
                generated: false,
              },
            });
          } else walk(x, [...path, k], depth + 1);
        }
    };
    walk(re.values, [], 0);
    // a chart the engine does not render: Kubernetes-shaped references in its values
    if (!re.release.chartInfo)
      for (const c of valuesConsumers(re.values))
        consumers.push({
          secret: c.secret,
          namespace: re.namespace,
          how: c.how,
          optional: c.optional,
          remoteChart: true,
          at: c.at,
          doc: {
            obj: {},
            release: re.release.name,
            chart: re.release.chart,
            environment: re.environment,
            file:
              re.release.valueFiles[re.environment]?.slice(-1)[0] ??
              re.release.sourceRef?.file ??
              '',
            ...(re.release.valueFiles[re.environment]?.length
              ? {}
              : { line: re.release.sourceRef?.line }),
            generated: false,
          },
        });
  }
  // helm-controller cannot build a HelmRelease's values without its valuesFrom Secrets
  for (const hr of o.discovery.includes('flux') ? applied.helmReleases : []) {
    const name = String(hr.obj.spec?.releaseName ?? hr.obj.metadata?.name ?? '');
    for (const ref of valuesFromSecrets(hr.obj))
      for (const environment of hr.environment
        ? [hr.environment]
        : o.environments)
        consumers.push({
          secret: ref.name,
          namespace: hr.obj.metadata?.namespace,
          how: 'valuesFrom',
          optional: ref.optional,
          doc: {
            obj: hr.obj,
            release: name,
            environment,
            file: hr.file,
            line: hr.line,
            generated: false,
          },
        });
  }
  // ExternalSecrets a release would render were its secrets not switched off
  const switchedOff = switchedOffExternalSecrets(
    releaseEnvs,
    yaml,
    re => renderRelease(re, tree, templates, []),
    extractAll,
  );
  const bySecret = new Map<string, Producer[]>();
  for (const p of producers) {
    const list = bySecret.get(p.secret);
    if (list) list.push(p);
    else bySecret.set(p.secret, [p]);
  }
  const producedAnywhere = (secret: string) => bySecret.get(secret) ?? [];
  for (const c of consumers) {
    if (c.optional) continue;
    const env = c.doc.environment;
    const ns =
      c.namespace ??
      (c.namespaceUnknown
        ? undefined
        : releaseEnv(c.doc.release, env)?.namespace);
    const produced = (producersOf.get(`${env}\u0000${c.secret}`) ?? []).some(
      p => !p.namespace || !ns || p.namespace === ns,
    );
    if (produced) continue;
    const same = (e: ExtractedES) =>
      e.environment === env &&
      e.targetSecret === c.secret &&
      (!e.namespace || !ns || e.namespace === ns);
    const elsewhere = producedAnywhere(c.secret).filter(
      p => !c.self || p.object !== c.self,
    );
    const verdict = judgeMissingProducer({
      secret: c.secret,
      how: c.how,
      consumer: c.doc.obj?.kind
        ? `${c.doc.obj.kind}/${c.doc.obj.metadata?.name}`
        : `release ${c.doc.release}`,
      env,
      namespace: ns,
      namespaceUnknown: c.namespaceUnknown,
      remoteChart: c.remoteChart,
      notInstalled: disabledES.filter(same).map(e => e.release),
      switchedOff: switchedOff.filter(same).map(e => ({
        release: e.release,
        file: e.offFile,
        line: e.offLine,
        everywhere: e.offEverywhere,
      })),
      otherNamespaces: elsewhere
        .filter(p => p.env === env && p.namespace && p.namespace !== ns)
        .map(p => p.namespace as string),
      otherEnvironments: elsewhere.filter(p => p.env !== env).map(p => p.env),
      clusterManagedKey: o.clusterManagedKey,
    });
    add(
      verdict.type,
      verdict.severity,
      verdict.message,
      { kind: 'Secret', name: c.secret, namespace: ns },
      verdict.proposedFix,
      {
        release: c.doc.release,
        chart: c.doc.chart,
        environment: env,
        sourceRef: { file: c.doc.file, line: c.doc.line },
      },
    );
  }

  // ExternalSecrets disabled in some environments
  const releasesWithES = new Set([...all, ...disabledES].map(e => e.release));
  const byRelease = new Map<string, ReleaseEnv[]>();
  for (const re of releaseEnvs) {
    const list = byRelease.get(re.release.name);
    if (list) list.push(re);
    else byRelease.set(re.release.name, [re]);
  }
  for (const [name, list] of byRelease) {
    const installed = list.filter(r => r.installed);
    const off = installed.filter(r => !secretsEnabled(r));
    if (!off.length || off.length === installed.length) continue;
    const hasES = releasesWithES.has(name);
    if (
      !hasES &&
      !list.some(
        r =>
          isMap(r.values.externalSecrets) ||
          Array.isArray(r.values.externalSecrets),
      )
    )
      continue;
    for (const r of off) {
      const file = r.release.valueFiles[r.environment]?.slice(-1)[0] ?? '';
      let line: number | undefined;
      for (const d of yaml.docs(file))
        line = d.lineOfPath(['secrets', 'enabled']) ?? line;
      add(
        'externalsecrets-disabled',
        'warning',
        `ExternalSecrets of ${name} are disabled (secrets.enabled=false) in ${r.environment} but enabled elsewhere: ${r.environment} drifts from the Vault-managed path.`,
        { kind: 'Release', name },
        {
          title: 'Enable the ExternalSecrets',
          actions: [
            `Remove secrets.enabled=false from ${file}; every environment should reconcile the same Vault-managed Secrets.`,
          ],
        },
        {
          release: name,
          chart: r.release.chart,
          environment: r.environment,
          sourceRef: { file, line },
        },
      );
    }
  }

  // problems -> findings
  for (const p of problems) {
    if (p.kind === 'unknown' || p.kind === 'source') continue;
    const unsupported = p.code === 'unsupported';
    add(
      p.kind === 'yaml' ? 'invalid-yaml' : 'unevaluable-template',
      unsupported ? 'info' : 'error',
      unsupported
        ? `Template not evaluated by the engine${envPhrase(
            p.environment,
            ' for %s',
          )}: ${p.message}.`
        : `${
            p.kind === 'yaml' ? 'YAML' : 'Template'
          } could not be evaluated${envPhrase(p.environment, ' for %s')}: ${
            p.message
          }.`,
      { kind: 'File', name: p.file },
      unsupported
        ? {
            title: 'Nothing to fix in the chart',
            actions: [
              `${p.file}${
                p.line ? `:${p.line}` : ''
              } was not rendered; findings that depend on it may be missing.`,
            ],
          }
        : {
            title:
              p.kind === 'yaml'
                ? 'Fix the YAML'
                : 'Fix or simplify the template',
            actions: [
              `Open ${p.file}${
                p.line ? `:${p.line}` : ''
              }; the rest of the repository was still analysed.`,
            ],
          },
      // each repeated key of a file is its own finding
      {
        release: p.release,
        chart: p.chart,
        environment: p.environment,
        sourceRef: { file: p.file, line: p.line },
        detail: /duplicate mapping key/.test(p.message)
          ? String(p.line)
          : undefined,
      },
    );
  }
  for (const p of problems.filter(x => x.kind === 'source')) {
    add(
      'unevaluable-source',
      'info',
      `Not evaluated: ${p.message}.`,
      { kind: 'File', name: p.file },
      {
        title: 'Nothing to fix',
        actions: [
          'The engine skips this part of the source; results depending on it may be incomplete.',
        ],
      },
      {
        environment: p.environment,
        sourceRef: { file: p.file, line: p.line },
        detail: p.message,
      },
    );
  }
  for (const p of problems.filter(
    x => x.kind === 'unknown' && /lookup/.test(x.message),
  )) {
    add(
      'unevaluable-template',
      'info',
      `Template uses a value only known at install time: ${p.message}.`,
      { kind: 'File', name: p.file },
      {
        title: 'Nothing to fix',
        actions: [
          'The engine treats the value as unknown; results depending on it may be incomplete.',
        ],
      },
      {
        release: p.release,
        chart: p.chart,
        environment: p.environment,
        sourceRef: { file: p.file, line: p.line },
      },
    );
  }

  /** Per-environment fields of a release, limited to the environments of this run. */
  const inRun = <T>(byEnv: Record<string, T>): Record<string, T> =>
    Object.fromEntries(
      Object.entries(byEnv).filter(([e]) => o.environments.includes(e)),
    );

  renders.sweep();
  templates.sweep();

  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  findings.sort(
    (a, b) =>
      order[a.severity] - order[b.severity] ||
      a.type.localeCompare(b.type) ||
      (a.release ?? '').localeCompare(b.release ?? '') ||
      (a.environment ?? '').localeCompare(b.environment ?? '') ||
      a.id.localeCompare(b.id),
  );

  return {
    generatedAt: new Date().toISOString(),
    environments: o.environments,
    environmentSource: envs.source,
    fixtureEnvironments: o.fixtureEnvironments,
    productionEnvironments: o.productionEnvironments,
    releases: releases
      .filter(
        r =>
          !r.environments.length ||
          r.environments.some(e => o.environments.includes(e)),
      )
      .map(
        ({
          chartInfo: _c,
          inlineValues: _i,
          namespaces,
          sourceRef: _s,
          ...r
        }) => {
          const namespace =
            Object.values(inRun(namespaces)).find(Boolean) ??
            releaseEnvs.find(x => x.release.name === r.name)?.namespace;
          return {
            ...r,
            valueFiles: inRun(r.valueFiles),
            environments: r.environments.filter(e => installedIn(r.name, e)),
            ...(namespace ? { namespace } : {}),
          };
        },
      ),
    externalSecrets: all.map(({ conventionIssues: _c, ...es }) => es),
    stores: stores.filter(st => st.name).map(st => st.decl),
    coverage,
    findings,
    fixtureMap: {
      present: fixtureMapPresent,
      files: [...fixtureFiles].filter(Boolean).sort(),
    },
    stats: {
      files: tree.size,
      charts: charts.length,
      durationMs: Date.now() - started,
    },
  };
}

export type { Release };
