/*
 * The declaration side of the live analysis: what depends on the engine
 * report and the options only, computed once per report and shared by the
 * per-cluster and per-Vault parts and their combination.
 */
import type {
  ExternalSecretDecl,
  SecretsReport,
  Severity,
} from '@ameideio/plugin-secrets-common';
import type { LiveContext, LiveIndexOptions } from '../context';
import { ANY_NAMESPACE } from '../detectors/unownedExternalSecret';
import { esKey, type LiveIndex } from '../state';

/** The report's declared ExternalSecrets, indexed for the live parts. @public */
export interface LiveDeclarations {
  /** The engine report, when there is one. */
  report: SecretsReport | undefined;
  /** The options of the analysis. */
  options: LiveIndexOptions;
  /** The declared ExternalSecrets (no PushSecret), in the report's order. */
  decls: ExternalSecretDecl[];
  /** `esKey` of every declaration (`*` as namespace for one without). */
  declared: Set<string>;
  /** Positions in `decls` by environment, ascending. */
  byEnvironment: Map<string, number[]>;
  /** Positions in `decls` by `esKey` (`*` as namespace for one without). */
  byKey: Map<string, number[]>;
  /** Positions in `decls` by `${environment}|${Vault key}`. */
  byVaultKey: Map<string, number[]>;
}

function push<K>(m: Map<K, number[]>, k: K, v: number) {
  const list = m.get(k);
  if (list) {
    if (list[list.length - 1] !== v) list.push(v);
  } else m.set(k, [v]);
}

/** The declaration side of {@link analyzeLive}, once per report. @public */
export function liveDeclarations(
  report: SecretsReport | undefined,
  options: LiveIndexOptions,
): LiveDeclarations {
  const decls = (report?.externalSecrets ?? []).filter(
    d => d.kind === 'ExternalSecret',
  );
  const out: LiveDeclarations = {
    report,
    options,
    decls,
    declared: new Set(),
    byEnvironment: new Map(),
    byKey: new Map(),
    byVaultKey: new Map(),
  };
  decls.forEach((d, i) => {
    // a declaration whose namespace the engine cannot tell (the release's
    // namespace is set outside the repository) owns its name in every namespace
    const key = esKey(d.environment, d.namespace ?? ANY_NAMESPACE, d.name);
    out.declared.add(key);
    push(out.byEnvironment, d.environment, i);
    push(out.byKey, key, i);
    for (const k of d.keys)
      push(out.byVaultKey, `${d.environment}|${k.key}`, i);
  });
  return out;
}

/** Positions of the declarations matching one statuses key (`env|namespace|name`). */
export function declsOfKey(
  declarations: LiveDeclarations,
  key: string,
): number[] {
  const [env, namespace] = key.split('|', 2);
  const name = key.slice(env.length + namespace.length + 2);
  const { byKey } = declarations;
  return [
    ...(byKey.get(key) ?? []),
    ...(byKey.get(esKey(env, ANY_NAMESPACE, name)) ?? []),
  ];
}

/** The detectors' context over some declarations and an index. */
export function partContext(
  declarations: LiveDeclarations,
  index: LiveIndex,
  rest: Partial<Pick<LiveContext, 'decls' | 'clusters' | 'unowned'>> = {},
): LiveContext {
  const { options } = declarations;
  return {
    report: declarations.report,
    clusters: [],
    decls: declarations.decls,
    declared: declarations.declared,
    index,
    unowned: [],
    options,
    severityFor: (env: string): Severity =>
      options.productionEnvironments.includes(env) ? 'error' : 'warning',
    ...rest,
  };
}

/** An index of nothing but the given maps. */
export function partIndex(over: Partial<LiveIndex>): LiveIndex {
  return {
    externalSecrets: new Map(),
    clusterEnvironments: new Set(),
    stores: new Map(),
    vault: new Map(),
    findings: [],
    unowned: [],
    ...over,
  };
}
