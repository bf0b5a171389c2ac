/* The chart's values (the secrets block and the externalSecrets list) and the environments' values. */
import { isMap, isSeq, YAMLMap, YAMLSeq } from 'yaml';
import { blocks, put, type PlanContext } from './context';
import { originOf, ScaffoldError, type ScaffoldSecret } from './types';
import { type Loaded, mapAt, render, seqAt, setIfAbsent } from './yamlFile';

/** Adds the secrets block and one externalSecrets entry per secret to the chart's values. */
export function planChartValues(ctx: PlanContext) {
  const { raw, values, valuesPath, warnings } = ctx;
  const store = raw.store ?? {
    kind: 'ClusterSecretStore' as const,
    name: 'ameide-vault',
  };
  const refreshInterval = raw.refreshInterval ?? '1h';
  const secretsMap = mapAt(values, valuesPath, 'secrets');
  setIfAbsent(secretsMap, 'enabled', true, values);
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
    mergeEntry(values, valuesPath, existing, s, data);
  }
}

/** Merges into our own existing entry: adds missing keys, refuses a changed mapping. */
function mergeEntry(
  values: Loaded,
  valuesPath: string,
  existing: YAMLMap,
  s: ScaffoldSecret,
  data: Array<{
    secretKey: string;
    remoteRef: { key: string; property: string };
  }>,
) {
  const existingOrigin = existing.get('origin');
  if (existingOrigin !== undefined && String(existingOrigin) !== originOf(s)) {
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

/** Turns ExternalSecrets on in each environment's values (an environment that disabled them keeps its choice). */
export function planEnvValues(ctx: PlanContext) {
  for (const { path, l } of ctx.envDocs) {
    const m = mapAt(l, path, 'secrets');
    // an environment that disabled its ExternalSecrets keeps its choice; the engine reports the drift
    setIfAbsent(m, 'enabled', true, l);
    if (m.get('enabled') === false) {
      ctx.warnings.push(
        `${path} sets secrets.enabled: false and is left so: that environment drifts from the Vault-managed path`,
      );
    }
    put(
      ctx,
      path,
      'env-values',
      render(l),
      blocks(l, ['secrets', 'secretWriters']),
    );
  }
  for (const { path, l } of ctx.prodValuesDocs) {
    put(ctx, path, 'env-values', render(l), blocks(l, ['secretWriters']));
  }
}
