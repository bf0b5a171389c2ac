/*
 * Pure generation of chart-owned ExternalSecrets: the Helm template, the
 * values block and the fixture entries. Computes every edit first and
 * returns them; the caller writes them (or not, on a dry run). Existing YAML
 * is edited through the Document API so comments, key order and formatting
 * survive, and an existing fixture value is never overwritten.
 */
import { isMap, isScalar, type Document, YAMLMap } from 'yaml';
import type { OriginClass } from '@ameideio/plugin-secrets-common';
import type { FileTree } from '../tree';
import { parseYaml } from '../yaml';
import { analyze } from '../analyze';

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
  /** Vault key (under the KV mount). */
  vaultKey: string;
  /** Vault property; default `value`. */
  property?: string;
}

/** One target Secret and its keys. @public */
export interface ScaffoldSecret {
  /** Target Secret name (also the ExternalSecret name). */
  name: string;
  origin?: OriginClass;
  keys: ScaffoldKey[];
}

/** Input of {@link planChartExternalSecrets}. @public */
export interface ScaffoldInput {
  /** Chart directory, relative to the workspace. */
  chartPath: string;
  serviceName: string;
  namespace: string;
  store?: { kind: 'SecretStore' | 'ClusterSecretStore'; name: string };
  refreshInterval?: string;
  secrets: ScaffoldSecret[];
  environments?: string[];
  /** Fixture-map values files to add entries to (workspace-relative). */
  fixtureFiles?: string[];
  /** Values files of real environments that get an empty override ("provide it for real"). */
  productionFixtureFiles?: string[];
  /** Per-environment values files that get `secrets.enabled: true` (optional). */
  envValuesFiles?: string[];
  /** Key of the fixture map. Default `fixtures`. */
  fixtureKey?: string;
}

/** A file the plan writes. @public */
export interface PlannedFile {
  path: string;
  content: string;
  change: 'create' | 'update' | 'unchanged';
}

/** Result of {@link planChartExternalSecrets}. @public */
export interface ScaffoldPlan {
  files: PlannedFile[];
  fixtureKeysAdded: string[];
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const VAULT_KEY = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
const DURATION = /^(0|([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$/;

/** Normalises a workspace-relative path and refuses anything that leaves the workspace. @public */
export function safeRelativePath(p: string, field: string): string {
  if (typeof p !== 'string' || !p.trim()) throw new ScaffoldError(`${field} must be a non-empty path`);
  if (p.includes('\0')) throw new ScaffoldError(`${field} contains a NUL character`);
  if (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\')) {
    throw new ScaffoldError(`${field} must be relative to the workspace, got an absolute path`);
  }
  const out: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') throw new ScaffoldError(`${field} must stay inside the workspace ("..")`);
    out.push(seg);
  }
  if (!out.length) throw new ScaffoldError(`${field} must name a path inside the workspace`);
  return out.join('/');
}

function validate(input: ScaffoldInput) {
  const problems: string[] = [];
  const check = (ok: boolean, msg: string) => {
    if (!ok) problems.push(msg);
  };
  check(DNS1123_LABEL.test(input.serviceName) && input.serviceName.length <= 63, `serviceName "${input.serviceName}" is not a DNS-1123 label (lower-case letters, digits, "-", at most 63)`);
  check(DNS1123_LABEL.test(input.namespace) && input.namespace.length <= 63, `namespace "${input.namespace}" is not a DNS-1123 label`);
  if (input.store) {
    check(['SecretStore', 'ClusterSecretStore'].includes(input.store.kind), `store kind must be SecretStore or ClusterSecretStore`);
    check(DNS1123_SUBDOMAIN.test(input.store.name), `store name "${input.store.name}" is not a DNS-1123 subdomain`);
  }
  if (input.refreshInterval !== undefined) {
    check(DURATION.test(input.refreshInterval), `refreshInterval "${input.refreshInterval}" is not a duration like 1h or 15m`);
  }
  check(input.secrets.length > 0, 'at least one target Secret is required');
  const names = new Set<string>();
  const vaultRefs = new Map<string, string>();
  for (const s of input.secrets) {
    check(DNS1123_SUBDOMAIN.test(s.name) && s.name.length <= 253, `secret name "${s.name}" is not a DNS-1123 subdomain`);
    check(!names.has(s.name), `secret "${s.name}" is listed twice`);
    names.add(s.name);
    check(s.keys.length > 0, `secret "${s.name}" has no keys`);
    const secretKeys = new Set<string>();
    for (const k of s.keys) {
      check(SECRET_KEY.test(k.secretKey), `secretKey "${k.secretKey}" of ${s.name} may only contain letters, digits, "-", "_" and "."`);
      check(!secretKeys.has(k.secretKey), `secretKey "${k.secretKey}" appears twice in ${s.name}`);
      secretKeys.add(k.secretKey);
      check(VAULT_KEY.test(k.vaultKey) && !k.vaultKey.split('/').includes('..'), `Vault key "${k.vaultKey}" of ${s.name} is not a valid key path`);
      check(!k.vaultKey.startsWith('secret/data/'), `Vault key "${k.vaultKey}" must not include the KV mount ("secret/data/")`);
      const prop = k.property ?? 'value';
      check(/^[A-Za-z0-9_.-]+$/.test(prop), `property "${prop}" of ${k.vaultKey} is invalid`);
      const ref = `${k.vaultKey}#${prop}`;
      const prev = vaultRefs.get(ref);
      check(!prev || prev === `${s.name}/${k.secretKey}` , `Vault key "${k.vaultKey}" property "${prop}" is used twice (${prev} and ${s.name}/${k.secretKey})`);
      vaultRefs.set(ref, `${s.name}/${k.secretKey}`);
    }
  }
  if (problems.length) throw new ScaffoldError(`Invalid input:\n- ${problems.join('\n- ')}`);
}

/** Deterministic placeholder that says it is one; never a real credential. @public */
export function placeholderFor(vaultKey: string, property: string): string {
  const slug = `${vaultKey}${property === 'value' ? '' : `-${property}`}`.replace(/[^A-Za-z0-9]+/g, '-');
  return `placeholder-${slug}-not-a-real-secret`;
}

function parseDoc(tree: FileTree, path: string): Document {
  const text = tree.get(path) ?? '';
  const parsed = parseYaml(text, path);
  if (parsed.errors.length) {
    const e = parsed.errors[0];
    throw new ScaffoldError(`${path}${e.line ? `:${e.line}` : ''} is not valid YAML (${e.message}); nothing was written`);
  }
  if (parsed.documents.length > 1) {
    throw new ScaffoldError(`${path} holds several YAML documents; a values file must hold one`);
  }
  const doc = parsed.documents[0] ?? parseYaml('{}\n', path).documents[0];
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new ScaffoldError(`${path} must be a YAML map at the top level`);
  }
  if (doc.contents === null) doc.contents = new YAMLMap() as any;
  return doc;
}

function templateFor(chartName: string, helper: string | undefined): string {
  const nameLabel = helper ? `{{ include "${helper}" $ }}` : '{{ $.Chart.Name }}';
  return `{{- /*
  Chart-owned ExternalSecrets, generated for ${chartName}: one ExternalSecret
  per entry in .Values.externalSecrets, guarded by .Values.secrets.enabled.
  remoteRef may be a map (key, property) or a string (the Vault key, property
  "value"). Every Vault key needs an entry in the fixture map.
*/ -}}
{{- if .Values.secrets.enabled }}
{{- range .Values.externalSecrets }}
---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: {{ .name }}
  labels:
    app.kubernetes.io/name: ${nameLabel}
    app.kubernetes.io/instance: {{ $.Release.Name }}
  annotations:
    secrets.ameide.io/origin: {{ .origin | default "external" | quote }}
spec:
  refreshInterval: {{ .refreshInterval | default $.Values.secrets.refreshInterval | default "1h" }}
  secretStoreRef:
    kind: {{ $.Values.secrets.store.kind }}
    name: {{ $.Values.secrets.store.name }}
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
 * {@link ScaffoldError} with every problem; never partially applies.
 * @public
 */
export function planChartExternalSecrets(tree: FileTree, raw: ScaffoldInput): ScaffoldPlan {
  validate(raw);
  const chartPath = safeRelativePath(raw.chartPath, 'chartPath');
  const fixtureFiles = (raw.fixtureFiles ?? []).map((f, i) => safeRelativePath(f, `fixtureFiles[${i}]`));
  const prodFiles = (raw.productionFixtureFiles ?? []).map((f, i) => safeRelativePath(f, `productionFixtureFiles[${i}]`));
  const envFiles = (raw.envValuesFiles ?? []).map((f, i) => safeRelativePath(f, `envValuesFiles[${i}]`));
  const fixtureKey = raw.fixtureKey ?? 'fixtures';
  const store = raw.store ?? { kind: 'ClusterSecretStore', name: 'ameide-vault' };

  const chartYaml = `${chartPath}/Chart.yaml`;
  if (!tree.has(chartYaml)) throw new ScaffoldError(`No chart at ${chartPath}: ${chartYaml} does not exist`);
  const chartDoc = parseDoc(tree, chartYaml);
  const chartName = String(chartDoc.get('name') ?? raw.serviceName);

  // refuse a target Secret another chart already owns
  const report = analyze(tree);
  for (const s of raw.secrets) {
    const owner = report.externalSecrets.find(
      es => es.targetSecret === s.name && es.chart && es.chart !== chartPath && (!es.namespace || es.namespace === raw.namespace),
    );
    if (owner) {
      throw new ScaffoldError(`Secret "${s.name}" is already owned by chart ${owner.chart} (release ${owner.release}, ${owner.sourceRef.file}); refusing to create a second owner`);
    }
  }

  const files: PlannedFile[] = [];
  const put = (path: string, content: string) => {
    const before = tree.get(path);
    let change: 'create' | 'unchanged' | 'update' = 'update';
    if (before === undefined) change = 'create';
    else if (before === content) change = 'unchanged';
    files.push({ path, content, change });
  };

  // template, using the chart's name helper when it has one
  const helpers = [...tree.keys()].filter(p => p.startsWith(`${chartPath}/templates/`) && p.endsWith('.tpl')).map(p => tree.get(p) ?? '').join('\n');
  const helper = [`${chartName}.name`, `${chartName}.fullname`].find(h => helpers.includes(`define "${h}"`));
  put(`${chartPath}/templates/externalsecret.yaml`, templateFor(chartName, helper));

  // values
  const valuesPath = `${chartPath}/values.yaml`;
  const values = parseDoc(tree, valuesPath);
  if (!values.has('secrets')) {
    values.set('secrets', values.createNode({ enabled: true, refreshInterval: raw.refreshInterval ?? '1h', store }));
  } else {
    values.setIn(['secrets', 'enabled'], values.getIn(['secrets', 'enabled']) ?? true);
    values.setIn(['secrets', 'store'], values.createNode(store));
    if (raw.refreshInterval) values.setIn(['secrets', 'refreshInterval'], raw.refreshInterval);
  }
  const existing = values.get('externalSecrets', true);
  const list = existing && (existing as any).items ? (existing as any) : values.createNode([]);
  for (const s of raw.secrets) {
    const entry = {
      name: s.name,
      origin: s.origin ?? 'external',
      data: s.keys.map(k => ({ secretKey: k.secretKey, remoteRef: { key: k.vaultKey, property: k.property ?? 'value' } })),
    };
    const idx = list.items.findIndex((it: any) => isMap(it) && String(it.get('name')) === s.name);
    const node = values.createNode(entry);
    if (idx >= 0) {
      if (JSON.stringify(list.items[idx].toJSON()) !== JSON.stringify(entry)) list.items[idx] = node;
    } else {
      list.items.push(node);
    }
  }
  values.set('externalSecrets', list);
  // real environments get their external values from the external key vault
  // sync: declare it as the writer, so an empty production override is known
  // to be filled for real
  if ((raw.productionFixtureFiles ?? []).length) {
    const writersNode = values.get('secretWriters', true);
    const writers = writersNode && (writersNode as any).items ? (writersNode as any) : values.createNode([]);
    for (const s of raw.secrets.filter(x => (x.origin ?? 'external') === 'external')) {
      for (const k of s.keys) {
        if (!writers.items.some((it: any) => isMap(it) && String(it.get('key')) === k.vaultKey)) {
          writers.items.push(values.createNode({ key: k.vaultKey, writer: 'external-key-vault-sync' }));
        }
      }
    }
    values.set('secretWriters', writers);
  }
  put(valuesPath, values.toString({ lineWidth: 0 }));

  for (const f of envFiles) {
    const doc = tree.has(f) ? parseDoc(tree, f) : parseYaml('{}\n', f).documents[0];
    if (doc.getIn(['secrets', 'enabled']) === undefined) doc.setIn(['secrets', 'enabled'], true);
    put(f, doc.toString({ lineWidth: 0 }));
  }

  // fixtures: only Vault-authority keys (not cluster-managed)
  const fixtureKeysAdded: string[] = [];
  const vaultKeys = raw.secrets
    .filter(s => (s.origin ?? 'external') !== 'cluster-managed')
    .flatMap(s => s.keys.map(k => ({ key: k.vaultKey, property: k.property ?? 'value' })));
  for (const f of fixtureFiles) {
    const doc = tree.has(f) ? parseDoc(tree, f) : parseYaml('{}\n', f).documents[0];
    if (!doc.has(fixtureKey)) doc.set(fixtureKey, doc.createNode({}));
    const map = doc.get(fixtureKey, true);
    if (!isMap(map)) throw new ScaffoldError(`${f}: "${fixtureKey}" must be a map`);
    for (const { key, property } of vaultKeys) {
      const current = map.get(key, true);
      if (property === 'value') {
        if (current === undefined) {
          map.set(key, placeholderFor(key, property));
          fixtureKeysAdded.push(key);
        }
        continue;
      }
      if (current === undefined) {
        map.set(key, doc.createNode({ [property]: placeholderFor(key, property) }));
        fixtureKeysAdded.push(`${key}#${property}`);
      } else if (isMap(current) && !current.has(property)) {
        current.set(property, placeholderFor(key, property));
        fixtureKeysAdded.push(`${key}#${property}`);
      } else if (isScalar(current)) {
        // a string fixture only holds `value`; leave it, the engine reports the gap
      }
    }
    put(f, doc.toString({ lineWidth: 0 }));
  }
  for (const f of prodFiles) {
    const doc = tree.has(f) ? parseDoc(tree, f) : parseYaml('{}\n', f).documents[0];
    if (!doc.has(fixtureKey)) doc.set(fixtureKey, doc.createNode({}));
    const map = doc.get(fixtureKey, true);
    if (!isMap(map)) throw new ScaffoldError(`${f}: "${fixtureKey}" must be a map`);
    for (const { key, property } of vaultKeys) {
      if (property === 'value' && !map.has(key)) map.set(key, '');
    }
    put(f, doc.toString({ lineWidth: 0 }));
  }
  return { files, fixtureKeysAdded: [...new Set(fixtureKeysAdded)] };
}
