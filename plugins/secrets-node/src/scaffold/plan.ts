/*
 * Pure generation of chart-owned ExternalSecrets: the Helm template, the
 * values block and the fixture entries. Computes every edit first and returns
 * them; the caller writes them (or not, on a dry run). Nothing here touches
 * the disk, so a refused input can never leave a half-written workspace.
 *
 * Existing YAML is edited through the `yaml` Document API (comments, key order
 * and quoting survive), a file nothing changes in is returned byte for byte,
 * and an existing fixture value is never overwritten.
 */
import {
  Document,
  isMap,
  isScalar,
  isSeq,
  type Node as YamlNode,
  visit,
  YAMLMap,
  YAMLSeq,
} from 'yaml';
import type { OriginClass } from '@ameideio/plugin-secrets-common';
import type { FileTree } from '../tree';
import { parseYaml, toData } from '../yaml';
import { analyze, type AnalyzeOptions } from '../analyze';

/** A clear, user-facing error; nothing was written. @public */
export class ScaffoldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScaffoldError';
  }
}

/** One key of a target Secret. @public */
export interface ScaffoldKey {
  /** Key inside the Kubernetes Secret. */
  secretKey: string;
  /** Vault key under the KV mount (`secret/data/<key>` is referenced as `<key>`). */
  vaultKey: string;
  /** Vault property; default `value`. */
  property?: string;
}

/** One target Secret and its keys. @public */
export interface ScaffoldSecret {
  /** Target Secret name (also the ExternalSecret name). */
  name: string;
  /** Authority of the values; default `external`. */
  origin?: Exclude<OriginClass, 'unknown'>;
  /**
   * Who writes the real value to Vault. Required for `service-generated`
   * (the job or PushSecret that extracts it); for `external` keys the
   * external key vault sync is assumed.
   */
  writer?: string;
  keys: ScaffoldKey[];
}

/** Input of {@link planChartExternalSecrets}. @public */
export interface ScaffoldInput {
  /** Chart directory, relative to the workspace. */
  chartPath: string;
  serviceName: string;
  namespace: string;
  store?: { kind: 'SecretStore' | 'ClusterSecretStore'; name: string };
  /** ESO refresh interval; default `1h`. */
  refreshInterval?: string;
  secrets: ScaffoldSecret[];
  /** Environments the service runs in; expands `{env}` in `envValuesFiles`. */
  environments?: string[];
  /** Fixture-map values files (dev/CI seeding) to add placeholder entries to. */
  fixtureFiles?: string[];
  /** Fixture overrides of real environments: get an empty entry ("provide it for real"). */
  productionFixtureFiles?: string[];
  /** Per-environment values files that get `secrets.enabled: true`; `{env}` is expanded. */
  envValuesFiles?: string[];
  /**
   * Values files of the release in real environments. The writer of external
   * keys ("filled for real by the external key vault sync") is declared there.
   * Default: the chart's values; the engine does not count an external sync
   * declared without `environments` in the fixture environments, so either
   * place keeps a missing dev fixture visible.
   */
  productionValuesFiles?: string[];
  /** Writer declared for `external` keys that get a production override. Default `external-key-vault-sync`. */
  externalWriter?: string;
  /** Key of the fixture map. Default `fixtures`. */
  fixtureKey?: string;
  /** Engine options used for the ownership check. */
  analyzeOptions?: AnalyzeOptions;
}

/** What a planned file is. @public */
export type PlannedFileRole =
  | 'template'
  | 'values'
  | 'env-values'
  | 'fixtures'
  | 'production-fixtures';

/** A file the plan writes. @public */
export interface PlannedFile {
  path: string;
  role: PlannedFileRole;
  content: string;
  change: 'create' | 'update' | 'unchanged';
  /**
   * What may be shown of the file (dry-run report, task output): the whole
   * file when the action generates or creates it, the blocks it edits in an
   * existing values file, and only the entries it adds to a fixture map, so
   * an existing value never leaves the workspace. Empty when unchanged.
   */
  preview: string;
}

/** Result of {@link planChartExternalSecrets}. @public */
export interface ScaffoldPlan {
  files: PlannedFile[];
  /** Fixture keys added (`key`, or `key#property` for a non-`value` property). */
  fixtureKeysAdded: string[];
  /** Things left as they were that the user should know about. */
  warnings: string[];
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const VAULT_KEY = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
const PROPERTY = /^[A-Za-z0-9_.-]+$/;
const DURATION = /^(0|([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$/;
const WRITER = /^[A-Za-z0-9_.:/-]+$/;
const ENV = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Normalises a workspace-relative path and refuses anything that leaves the workspace. @public */
export function safeRelativePath(p: string, field: string): string {
  if (typeof p !== 'string' || !p.trim()) {
    throw new ScaffoldError(`${field} must be a non-empty path`);
  }
  if (p.includes('\0'))
    throw new ScaffoldError(`${field} contains a NUL character`);
  if (
    p.startsWith('/') ||
    p.startsWith('\\') ||
    /^[A-Za-z]:/.test(p) ||
    p.startsWith('~')
  ) {
    throw new ScaffoldError(
      `${field} must be relative to the workspace, got an absolute path`,
    );
  }
  const out: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') {
      throw new ScaffoldError(
        `${field} must stay inside the workspace (".." is not allowed)`,
      );
    }
    out.push(seg);
  }
  if (!out.length)
    throw new ScaffoldError(`${field} must name a path inside the workspace`);
  return out.join('/');
}

/** Deterministic placeholder that says it is one; never a real credential. @public */
export function placeholderFor(vaultKey: string, property: string): string {
  const slug = `${vaultKey}${property === 'value' ? '' : `-${property}`}`
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `placeholder-${slug}-not-a-real-secret`;
}

const originOf = (s: ScaffoldSecret) => s.origin ?? 'external';

function validate(input: ScaffoldInput): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, msg: string) => {
    if (!ok) problems.push(msg);
  };
  const label = (v: unknown) =>
    typeof v === 'string' && v.length <= 63 && DNS1123_LABEL.test(v);
  check(
    label(input.serviceName),
    `serviceName "${input.serviceName}" is not a DNS-1123 label (lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters)`,
  );
  check(
    label(input.namespace),
    `namespace "${input.namespace}" is not a DNS-1123 label`,
  );
  if (input.store) {
    check(
      ['SecretStore', 'ClusterSecretStore'].includes(input.store.kind),
      'store.kind must be SecretStore or ClusterSecretStore',
    );
    check(
      DNS1123_SUBDOMAIN.test(input.store.name) &&
        input.store.name.length <= 253,
      `store.name "${input.store.name}" is not a DNS-1123 subdomain`,
    );
  }
  if (input.refreshInterval !== undefined) {
    check(
      DURATION.test(input.refreshInterval),
      `refreshInterval "${input.refreshInterval}" is not a duration such as 1h or 15m`,
    );
  }
  for (const env of input.environments ?? []) {
    check(ENV.test(env), `environment "${env}" is not a DNS-1123 label`);
  }
  check(
    new Set(input.environments ?? []).size ===
      (input.environments ?? []).length,
    'environments lists an environment twice',
  );
  if (input.externalWriter !== undefined)
    check(
      WRITER.test(input.externalWriter),
      `externalWriter "${input.externalWriter}" is not a valid writer name`,
    );
  check(
    Array.isArray(input.secrets) && input.secrets.length > 0,
    'at least one target Secret is required',
  );
  const names = new Set<string>();
  const origins = new Map<string, { origin: string; secret: string }>();
  for (const s of input.secrets ?? []) {
    check(
      typeof s.name === 'string' &&
        s.name.length <= 253 &&
        DNS1123_SUBDOMAIN.test(s.name),
      `Secret name "${s.name}" is not a DNS-1123 subdomain`,
    );
    check(!names.has(s.name), `Secret "${s.name}" is listed twice`);
    names.add(s.name);
    const origin = originOf(s);
    check(
      ['external', 'service-generated', 'cluster-managed'].includes(origin),
      `Secret "${s.name}": origin must be external, service-generated or cluster-managed`,
    );
    if (origin === 'service-generated') {
      check(
        Boolean(s.writer),
        `Secret "${s.name}" is service-generated: name its writer (the job or PushSecret that stores the real value in Vault), or the placeholder fixture would never be replaced`,
      );
    }
    if (s.writer !== undefined)
      check(
        WRITER.test(s.writer),
        `Secret "${s.name}": writer "${s.writer}" is not a valid writer name`,
      );
    check(
      Array.isArray(s.keys) && s.keys.length > 0,
      `Secret "${s.name}" has no keys`,
    );
    const secretKeys = new Set<string>();
    const refs = new Set<string>();
    for (const k of s.keys ?? []) {
      check(
        typeof k.secretKey === 'string' &&
          k.secretKey.length <= 253 &&
          SECRET_KEY.test(k.secretKey),
        `Secret "${s.name}": secretKey "${k.secretKey}" may only contain letters, digits, "-", "_" and "."`,
      );
      check(
        !secretKeys.has(k.secretKey),
        `Secret "${s.name}": secretKey "${k.secretKey}" is listed twice`,
      );
      secretKeys.add(k.secretKey);
      const keyOk =
        typeof k.vaultKey === 'string' &&
        VAULT_KEY.test(k.vaultKey) &&
        !k.vaultKey.split('/').some(x => x === '..' || x === '.');
      check(
        keyOk,
        `Secret "${s.name}": Vault key "${k.vaultKey}" is not a valid key path`,
      );
      check(
        !String(k.vaultKey).startsWith('secret/data/') &&
          !String(k.vaultKey).startsWith('data/'),
        `Secret "${s.name}": Vault key "${
          k.vaultKey
        }" must not include the KV mount; write "${String(k.vaultKey).replace(
          /^(secret\/)?data\//,
          '',
        )}"`,
      );
      const prop = k.property ?? 'value';
      check(
        PROPERTY.test(prop),
        `Secret "${s.name}": property "${prop}" of Vault key "${k.vaultKey}" is invalid`,
      );
      const ref = `${k.vaultKey}#${prop}`;
      check(
        !refs.has(ref),
        `Secret "${s.name}": Vault key "${k.vaultKey}" property "${prop}" is mapped twice`,
      );
      refs.add(ref);
      const seen = origins.get(k.vaultKey);
      check(
        !seen || seen.origin === origin,
        `Vault key "${k.vaultKey}" is ${seen?.origin} in Secret "${seen?.secret}" but ${origin} in Secret "${s.name}": one key has one authority`,
      );
      if (!seen) origins.set(k.vaultKey, { origin, secret: s.name });
    }
  }
  return problems;
}

/** Line of a node, for messages. */
const lineOf = (
  parsed: { lineOf(o: number): number },
  node: YamlNode | null | undefined,
) => (node?.range ? parsed.lineOf(node.range[0]) : undefined);

interface Loaded {
  doc: Document;
  original?: string;
  dirty: boolean;
  indent: number;
  indentSeq: boolean;
}

/** Detects the indentation habits of a file, so an edit does not reformat it. */
function styleOf(text: string): { indent: number; indentSeq: boolean } {
  const lines = text.split('\n');
  let indent = 0;
  let indentSeq: boolean | undefined;
  for (let i = 0; i < lines.length; i++) {
    const m = /^( +)\S/.exec(lines[i]);
    if (
      m &&
      !lines[i].trimStart().startsWith('#') &&
      !indent &&
      !lines[i].trimStart().startsWith('- ')
    ) {
      indent = m[1].length;
    }
    if (
      indentSeq === undefined &&
      /:\s*$/.test(lines[i]) &&
      !lines[i].trimStart().startsWith('#')
    ) {
      const own = /^ */.exec(lines[i])![0].length;
      const next = lines
        .slice(i + 1)
        .find(l => l.trim() && !l.trimStart().startsWith('#'));
      if (next && next.trimStart().startsWith('- ')) {
        indentSeq = /^ */.exec(next)![0].length > own;
      }
    }
  }
  return {
    indent: indent >= 2 && indent <= 8 ? indent : 2,
    indentSeq: indentSeq ?? true,
  };
}

function load(tree: FileTree, path: string): Loaded {
  const original = tree.get(path);
  const text = original ?? '';
  const parsed = parseYaml(text, path);
  // duplicate keys are refused below, naming the key
  const errors = parsed.errors.filter(e => e.code !== 'duplicate-key');
  if (errors.length) {
    const e = errors[0];
    throw new ScaffoldError(
      `${path}${
        e.line ? `:${e.line}` : ''
      } is not valid YAML (${e.message.replace(
        /^invalid YAML: /,
        '',
      )}); fix it first, nothing was written`,
    );
  }
  const docs = parsed.documents.filter(
    d => d.contents !== null || parsed.documents.length === 1,
  );
  if (docs.length > 1) {
    throw new ScaffoldError(
      `${path} holds ${docs.length} YAML documents; a values file must hold one, nothing was written`,
    );
  }
  const doc = docs[0] ?? new Document(new YAMLMap());
  if (
    doc.contents !== null &&
    doc.contents !== undefined &&
    !isMap(doc.contents)
  ) {
    throw new ScaffoldError(
      `${path} must hold a YAML map at the top level; nothing was written`,
    );
  }
  // Helm keeps the last of two equal keys, the yaml library edits the first:
  // refuse instead of guessing
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const k = isScalar(pair.key)
          ? String(pair.key.value)
          : String(pair.key);
        if (seen.has(k)) {
          const line = lineOf(parsed, pair.key as YamlNode);
          throw new ScaffoldError(
            `${path}${
              line ? `:${line}` : ''
            } has the key "${k}" twice; remove the duplicate first, nothing was written`,
          );
        }
        seen.add(k);
      }
    },
  });
  const data = toData(doc);
  if ('error' in data)
    throw new ScaffoldError(`${path}: ${data.error}; nothing was written`);
  if (!doc.contents) doc.contents = new YAMLMap() as any;
  return { doc, original, dirty: original === undefined, ...styleOf(text) };
}

function render(l: Loaded): string {
  if (!l.dirty && l.original !== undefined) return l.original;
  const out = l.doc.toString({
    lineWidth: 0,
    indent: l.indent,
    indentSeq: l.indentSeq,
  });
  return out === '{}\n' ? '' : out;
}

/**
 * Adds a top-level key. A file that separates its top-level blocks with
 * blank lines gets one before the new block too.
 */
function addTop(l: Loaded, key: string, value: YamlNode) {
  const top = l.doc.contents as YAMLMap;
  const pair = l.doc.createPair(key, value);
  const spaced = top.items.some(
    (p, i) => i > 0 && isScalar(p.key) && p.key.spaceBefore,
  );
  if (spaced && top.items.length && isScalar(pair.key))
    pair.key.spaceBefore = true;
  if (l.doc.has(key)) l.doc.set(key, value);
  else top.items.push(pair);
  l.dirty = true;
}

/** Gets a map under `key`, creating it; refuses another type. */
function mapAt(l: Loaded, path: string, key: string): YAMLMap {
  const node = l.doc.get(key, true);
  if (node === undefined || (isScalar(node) && node.value === null)) {
    const created = new YAMLMap();
    addTop(l, key, created);
    return created;
  }
  if (!isMap(node))
    throw new ScaffoldError(
      `${path}: "${key}" must be a map; nothing was written`,
    );
  return node;
}

function seqAt(l: Loaded, path: string, key: string): YAMLSeq {
  const node = l.doc.get(key, true);
  if (node === undefined || (isScalar(node) && node.value === null)) {
    const created = new YAMLSeq();
    addTop(l, key, created);
    return created;
  }
  if (!isSeq(node))
    throw new ScaffoldError(
      `${path}: "${key}" must be a list; nothing was written`,
    );
  return node;
}

const HEADER = (chart: string) => `{{- /*
  Chart-owned ExternalSecrets of ${chart}: one ExternalSecret per entry in
  .Values.externalSecrets, rendered only when .Values.secrets.enabled.
  remoteRef is a map (key, property) or a string (the Vault key, property
  "value"). Every Vault key of an external or service-generated Secret needs
  an entry in the fixture map.
*/ -}}`;

function templateFor(
  chartName: string,
  helpers: { name?: string; labels?: string },
): string {
  let labels: string;
  if (helpers.labels) {
    labels = `    {{- include "${helpers.labels}" $ | nindent 4 }}`;
  } else {
    const name = helpers.name
      ? `{{ include "${helpers.name}" $ }}`
      : '{{ $.Chart.Name }}';
    labels = `    app.kubernetes.io/name: ${name}\n    app.kubernetes.io/instance: {{ $.Release.Name }}`;
  }
  return `${HEADER(chartName)}
{{- if .Values.secrets.enabled }}
{{- range .Values.externalSecrets }}
---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: {{ .name }}
  labels:
${labels}
  annotations:
    secrets.ameide.io/origin: {{ .origin | default "external" | quote }}
spec:
  refreshInterval: {{ .refreshInterval | default $.Values.secrets.refreshInterval | default "1h" }}
  secretStoreRef:
    {{- $store := .store | default $.Values.secrets.store }}
    kind: {{ $store.kind }}
    name: {{ $store.name }}
  target:
    name: {{ .target | default .name }}
    creationPolicy: Owner
  data:
  {{- range .data }}
    - secretKey: {{ .secretKey }}
      remoteRef:
      {{- if kindIs "string" .remoteRef }}
        key: {{ .remoteRef }}
        property: value
      {{- else }}
        key: {{ .remoteRef.key }}
        property: {{ .remoteRef.property | default "value" }}
      {{- end }}
  {{- end }}
{{- end }}
{{- end }}
`;
}

/**
 * Plans the files that make a chart own its ExternalSecrets. Throws
 * {@link ScaffoldError} listing every problem; never partially applies.
 * @public
 */
export function planChartExternalSecrets(
  tree: FileTree,
  raw: ScaffoldInput,
): ScaffoldPlan {
  const problems = validate(raw);
  const paths = (list: string[] | undefined, field: string) =>
    (list ?? []).flatMap((f, i) => {
      try {
        const p = safeRelativePath(f, `${field}[${i}]`);
        if (!/\.ya?ml$/.test(p.replace(/\{env\}/g, ''))) {
          throw new ScaffoldError(
            `${field}[${i}] must name a .yaml or .yml values file`,
          );
        }
        return [p];
      } catch (e) {
        problems.push((e as Error).message);
        return [];
      }
    });
  let chartPath = '';
  try {
    chartPath = safeRelativePath(raw.chartPath, 'chartPath');
  } catch (e) {
    problems.push((e as Error).message);
  }
  const fixtureFiles = paths(raw.fixtureFiles, 'fixtureFiles');
  const prodFiles = paths(raw.productionFixtureFiles, 'productionFixtureFiles');
  const prodValuesFiles = paths(
    raw.productionValuesFiles,
    'productionValuesFiles',
  );
  const envFiles = [
    ...new Set(
      paths(raw.envValuesFiles, 'envValuesFiles').flatMap(f => {
        if (!f.includes('{env}')) return [f];
        if (!raw.environments?.length) {
          problems.push(
            `envValuesFiles entry "${f}" uses {env} but no environments are given`,
          );
          return [];
        }
        return raw.environments
          .filter(e => ENV.test(e))
          .map(e => f.split('{env}').join(e));
      }),
    ),
  ];
  // one file, one role: a file named twice would have one edit overwrite the other
  const roles = new Map<string, string>();
  const claim = (path: string, role: string) => {
    const prev = roles.get(path);
    if (prev)
      problems.push(
        `${path} is named twice (${prev} and ${role}); each file may have one role`,
      );
    else roles.set(path, role);
  };
  if (chartPath) {
    claim(`${chartPath}/values.yaml`, 'the chart values');
    claim(
      `${chartPath}/templates/externalsecret.yaml`,
      'the ExternalSecret template',
    );
    claim(`${chartPath}/Chart.yaml`, 'the chart');
  }
  envFiles.forEach(f => claim(f, 'envValuesFiles'));
  fixtureFiles.forEach(f => claim(f, 'fixtureFiles'));
  prodFiles.forEach(f => claim(f, 'productionFixtureFiles'));
  prodValuesFiles
    .filter(f => !envFiles.includes(f))
    .forEach(f => claim(f, 'productionValuesFiles'));
  if (problems.length)
    throw new ScaffoldError(`Invalid input:\n- ${problems.join('\n- ')}`);

  const fixtureKey = raw.fixtureKey ?? 'fixtures';
  const store = raw.store ?? {
    kind: 'ClusterSecretStore' as const,
    name: 'ameide-vault',
  };
  const refreshInterval = raw.refreshInterval ?? '1h';
  const externalWriter = raw.externalWriter ?? 'external-key-vault-sync';

  const chartYaml = `${chartPath}/Chart.yaml`;
  if (!tree.has(chartYaml)) {
    throw new ScaffoldError(
      `No chart at ${chartPath}: ${chartYaml} does not exist`,
    );
  }
  const chart = load(tree, chartYaml);
  const chartName = String(chart.doc.get('name') ?? raw.serviceName);
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,252}$/.test(chartName)) {
    throw new ScaffoldError(
      `${chartYaml}: chart name "${chartName.slice(
        0,
        80,
      )}" may only contain letters, digits, "-", "_" and "."; nothing was written`,
    );
  }

  // every file is parsed before anything is decided, so a broken file refuses the whole run
  const valuesPath = `${chartPath}/values.yaml`;
  const values = load(tree, valuesPath);
  const envDocs = envFiles.map(f => ({ path: f, l: load(tree, f) }));
  const prodValuesDocs = prodValuesFiles
    .filter(f => !envFiles.includes(f))
    .map(f => ({ path: f, l: load(tree, f) }));
  const valuesDocOf = (path: string) =>
    envDocs.find(d => d.path === path)?.l ??
    prodValuesDocs.find(d => d.path === path)?.l;
  const fixtureDocs = fixtureFiles.map(f => ({ path: f, l: load(tree, f) }));
  const prodDocs = prodFiles.map(f => ({ path: f, l: load(tree, f) }));

  const files: PlannedFile[] = [];
  const put = (
    path: string,
    role: PlannedFileRole,
    content: string,
    preview?: string,
  ) => {
    const before = tree.get(path);
    let change: PlannedFile['change'] = 'update';
    if (before === undefined) change = 'create';
    else if (before === content) change = 'unchanged';
    let shown = preview ?? content;
    if (change === 'unchanged') shown = '';
    else if (
      change === 'create' &&
      role !== 'production-fixtures' &&
      role !== 'fixtures'
    )
      shown = content;
    files.push({ path, role, content, change, preview: shown });
  };
  /** The top-level blocks the action edits in an existing values file. */
  const blocks = (l: Loaded, keys: string[]) => {
    const converted = toData(l.doc); // bounded: load() refused alias bombs already
    const data = ('value' in converted ? converted.value : {}) as Record<
      string,
      unknown
    >;
    const picked = Object.fromEntries(
      keys.filter(k => data?.[k] !== undefined).map(k => [k, data[k]]),
    );
    return new Document(picked).toString({
      indent: l.indent,
      indentSeq: l.indentSeq,
      lineWidth: 0,
    });
  };

  // ---- the template ----
  const templatePath = `${chartPath}/templates/externalsecret.yaml`;
  const helperText = [...tree.keys()]
    .filter(p => p.startsWith(`${chartPath}/templates/`) && p.endsWith('.tpl'))
    .map(p => tree.get(p) ?? '')
    .join('\n');
  const defined = (h: string) =>
    new RegExp(`define\\s+"${h.replace(/[.]/g, '\\.')}"`).test(helperText);
  const template = templateFor(chartName, {
    name: [`${chartName}.name`, `${chartName}.fullname`].find(defined),
    labels: [`${chartName}.labels`].find(defined),
  });
  const existingTemplate = tree.get(templatePath);
  if (existingTemplate !== undefined && existingTemplate !== template) {
    if (!/range\s+\.Values\.externalSecrets\b/.test(existingTemplate)) {
      throw new ScaffoldError(
        `${templatePath} exists and does not render .Values.externalSecrets; move it away or make it values-driven, nothing was written`,
      );
    }
    // an existing values-driven template is kept as it is
    put(templatePath, 'template', existingTemplate);
  } else {
    put(templatePath, 'template', template);
  }

  // ---- the chart's values ----
  const secretsMap = mapAt(values, valuesPath, 'secrets');
  const setIfAbsent = (
    map: YAMLMap,
    key: string,
    value: unknown,
    l: Loaded,
  ) => {
    if (!map.has(key)) {
      map.set(key, l.doc.createNode(value));
      l.dirty = true;
    }
  };
  setIfAbsent(secretsMap, 'enabled', true, values);
  const warnings: string[] = [];
  if (secretsMap.get('enabled') === false) {
    warnings.push(
      `${valuesPath} sets secrets.enabled: false and is left so: the ExternalSecrets render nowhere until it is true`,
    );
  }
  setIfAbsent(secretsMap, 'refreshInterval', refreshInterval, values);
  setIfAbsent(secretsMap, 'store', store, values);
  const chartStore = secretsMap.get('store', true);
  const chartStoreJs = isMap(chartStore)
    ? (chartStore.toJSON() as Record<string, unknown>)
    : undefined;
  // a chart whose other ExternalSecrets use another store keeps it; the new
  // entries name their store themselves
  const ownStore =
    chartStoreJs &&
    (chartStoreJs.kind !== store.kind || chartStoreJs.name !== store.name)
      ? store
      : undefined;
  const chartRefresh = secretsMap.get('refreshInterval');

  const list = seqAt(values, valuesPath, 'externalSecrets');
  for (const s of raw.secrets) {
    const data = s.keys.map(k => ({
      secretKey: k.secretKey,
      remoteRef: { key: k.vaultKey, property: k.property ?? 'value' },
    }));
    const existing = list.items.find(
      it => isMap(it) && String(it.get('name')) === s.name,
    );
    if (existing === undefined) {
      list.items.push(
        values.doc.createNode({
          name: s.name,
          origin: originOf(s),
          ...(ownStore ? { store: ownStore } : {}),
          ...(raw.refreshInterval && chartRefresh !== raw.refreshInterval
            ? { refreshInterval: raw.refreshInterval }
            : {}),
          data,
        }),
      );
      values.dirty = true;
      continue;
    }
    if (!isMap(existing)) continue;
    // merge into our own existing entry: add missing keys, refuse a changed mapping
    const existingOrigin = existing.get('origin');
    if (
      existingOrigin !== undefined &&
      String(existingOrigin) !== originOf(s)
    ) {
      throw new ScaffoldError(
        `${valuesPath}: externalSecrets entry "${s.name}" has origin ${String(
          existingOrigin,
        )}, not ${originOf(s)}; change it by hand, nothing was written`,
      );
    }
    let existingData: unknown = existing.get('data', true);
    if (existingData === undefined) {
      existingData = new YAMLSeq();
      existing.set('data', existingData);
      values.dirty = true;
    }
    if (!isSeq(existingData)) {
      throw new ScaffoldError(
        `${valuesPath}: externalSecrets entry "${s.name}" has a "data" that is not a list; nothing was written`,
      );
    }
    for (const d of data) {
      const item = existingData.items.find(
        it => isMap(it) && String(it.get('secretKey')) === d.secretKey,
      );
      if (!item) {
        existingData.items.push(values.doc.createNode(d));
        values.dirty = true;
        continue;
      }
      const ref = (item as YAMLMap).toJSON().remoteRef;
      const key = typeof ref === 'string' ? ref : ref?.key;
      const prop = typeof ref === 'string' ? 'value' : ref?.property ?? 'value';
      if (key !== d.remoteRef.key || prop !== d.remoteRef.property) {
        throw new ScaffoldError(
          `${valuesPath}: externalSecrets entry "${s.name}" already maps ${d.secretKey} to ${key}#${prop}, not ${d.remoteRef.key}#${d.remoteRef.property}; change it by hand, nothing was written`,
        );
      }
    }
  }

  // writers: who fills the real value where the fixture map holds none
  const vaultAuthority = raw.secrets.filter(
    s => originOf(s) !== 'cluster-managed',
  );
  const writerOf = (s: ScaffoldSecret) =>
    s.writer ?? (originOf(s) === 'external' ? externalWriter : undefined);
  const declare = (
    l: Loaded,
    path: string,
    wanted: Array<{ key: string; writer: string }>,
  ) => {
    if (!wanted.length) return;
    const writers = seqAt(l, path, 'secretWriters');
    for (const w of wanted) {
      const has = writers.items.some(
        it => isMap(it) && String(it.get('key')) === w.key,
      );
      if (!has) {
        writers.items.push(l.doc.createNode({ key: w.key, writer: w.writer }));
        l.dirty = true;
      }
    }
  };
  const writersOf = (secrets: ScaffoldSecret[]) =>
    secrets
      .flatMap(s => s.keys.map(k => ({ key: k.vaultKey, writer: writerOf(s) })))
      .filter((w): w is { key: string; writer: string } => Boolean(w.writer));
  // a service-generated key is written by its job everywhere: the chart's values
  declare(
    values,
    valuesPath,
    writersOf(vaultAuthority.filter(s => originOf(s) === 'service-generated')),
  );
  // an external key is filled for real only where a production override is empty
  const external = prodDocs.length
    ? writersOf(vaultAuthority.filter(s => originOf(s) === 'external'))
    : [];
  if (prodValuesFiles.length) {
    // Helm replaces lists: a production list of writers must repeat the chart's
    const chartWriters = values.doc.get('secretWriters', true);
    const inherited = isSeq(chartWriters)
      ? chartWriters.items
          .map(it => (isMap(it) ? it.toJSON() : undefined))
          .filter((w): w is { key: string; writer: string } =>
            Boolean(w?.key && w?.writer),
          )
          .map(w => ({ key: String(w.key), writer: String(w.writer) }))
      : [];
    for (const f of prodValuesFiles) {
      const l = valuesDocOf(f)!;
      const own = l.doc.get('secretWriters', true);
      declare(l, f, [...(own === undefined ? inherited : []), ...external]);
    }
  } else {
    declare(values, valuesPath, external);
  }
  put(
    valuesPath,
    'values',
    render(values),
    blocks(values, ['secrets', 'externalSecrets', 'secretWriters']),
  );

  // ---- per-environment values ----
  for (const { path, l } of envDocs) {
    const m = mapAt(l, path, 'secrets');
    // an environment that disabled its ExternalSecrets keeps its choice; the engine reports the drift
    setIfAbsent(m, 'enabled', true, l);
    if (m.get('enabled') === false) {
      warnings.push(
        `${path} sets secrets.enabled: false and is left so: that environment drifts from the Vault-managed path`,
      );
    }
    put(path, 'env-values', render(l), blocks(l, ['secrets', 'secretWriters']));
  }
  for (const { path, l } of prodValuesDocs) {
    put(path, 'env-values', render(l), blocks(l, ['secretWriters']));
  }

  // ---- fixtures: Vault-authority keys only, never cluster-managed ----
  const fixtureKeysAdded: string[] = [];
  const refs = [
    ...new Map(
      vaultAuthority
        .flatMap(s =>
          s.keys.map(k => ({
            key: k.vaultKey,
            property: k.property ?? 'value',
          })),
        )
        .map(r => [`${r.key}#${r.property}`, r]),
    ).values(),
  ];
  const addEntries = (
    path: string,
    l: Loaded,
    valueFor: (key: string, property: string) => string,
  ) => {
    const map = mapAt(l, path, fixtureKey);
    const added: Record<string, unknown> = {};
    const keysAdded: string[] = [];
    for (const { key, property } of refs) {
      const current = map.get(key, true);
      const label = property === 'value' ? key : `${key}#${property}`;
      if (current === undefined) {
        const v = valueFor(key, property);
        const node = property === 'value' ? v : { [property]: v };
        map.set(key, l.doc.createNode(node));
        added[key] = node;
        keysAdded.push(label);
        l.dirty = true;
      } else if (isMap(current)) {
        if (!current.has(property)) {
          const v = valueFor(key, property);
          current.set(property, v);
          added[key] = { ...(added[key] as object), [property]: v };
          keysAdded.push(label);
          l.dirty = true;
        }
      } else if (property !== 'value') {
        // a string fixture only holds `value`; never overwritten, the engine reports the gap
        throw new ScaffoldError(
          `${path}: fixture "${key}" holds a single value, but property "${property}" is needed; turn it into a map by hand, nothing was written`,
        );
      }
    }
    const snippet = keysAdded.length
      ? new Document({ [fixtureKey]: added }).toString({
          indent: l.indent,
          indentSeq: l.indentSeq,
          lineWidth: 0,
        })
      : '';
    return { snippet, keysAdded };
  };
  for (const { path, l } of fixtureDocs) {
    const { snippet, keysAdded } = addEntries(path, l, placeholderFor);
    fixtureKeysAdded.push(...keysAdded);
    put(path, 'fixtures', render(l), snippet);
  }
  for (const { path, l } of prodDocs) {
    const { snippet } = addEntries(path, l, () => '');
    put(path, 'production-fixtures', render(l), snippet);
  }
  // one owner per Secret, checked by the engine on the result: another
  // chart's or a manifest's ExternalSecret, a raw Secret, a SealedSecret or
  // an operator declared under clusterManagedSecrets
  const after = new Map(tree);
  for (const f of files) after.set(f.path, f.content);
  const report = analyze(after, raw.analyzeOptions);
  const conflicts: string[] = [];
  for (const s of raw.secrets) {
    const owners = report.externalSecrets.filter(
      es =>
        es.kind !== 'PushSecret' &&
        es.targetSecret === s.name &&
        es.chart !== chartPath &&
        (!es.namespace || es.namespace === raw.namespace),
    );
    const described = [
      ...new Set(
        owners.map(o =>
          o.chart
            ? `chart ${o.chart} (release ${o.release}, ${o.sourceRef.file})`
            : `manifest ${o.sourceRef.file}`,
        ),
      ),
    ];
    if (described.length) {
      conflicts.push(
        `Secret "${s.name}" in namespace ${
          raw.namespace
        } is already owned by ${described.join(
          ' and ',
        )}; a Secret has one owner, reference it instead of creating a second ExternalSecret`,
      );
    }
  }
  if (conflicts.length) throw new ScaffoldError(conflicts.join('\n'));
  const ours = new Set(raw.secrets.map(s => s.name));
  const clashes = report.findings.filter(
    f =>
      (f.type === 'duplicate-owner' ||
        f.type === 'vault-drives-cluster-managed') &&
      ours.has(f.subject.name) &&
      (!f.subject.namespace || f.subject.namespace === raw.namespace),
  );
  if (clashes.length) {
    throw new ScaffoldError(
      [
        ...new Set(
          clashes.map(
            f =>
              `${f.message} Refusing to add a second owner; nothing was written`,
          ),
        ),
      ].join('\n'),
    );
  }
  return {
    files,
    fixtureKeysAdded: [...new Set(fixtureKeysAdded)],
    warnings,
  };
}
