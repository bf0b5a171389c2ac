/*
 * Pure: engine report + live snapshots -> an index the HTTP layer answers
 * from, and the findings that need live data. No I/O here.
 */
import type {
  ExternalSecretDecl,
  Finding,
  LiveExternalSecretStatus,
  LiveStoreStatus,
  SecretsReport,
  Severity,
  VaultKeyState,
} from '@ameideio/plugin-secrets-common';
import type { ClusterSnapshot, VaultSnapshot } from '../sources/types';

export interface LiveIndex {
  /** `${env}|${namespace}|${name}` -> statuses (one per cluster of that env). */
  externalSecrets: Map<string, LiveExternalSecretStatus[]>;
  /** Environments with at least one cluster whose data is available. */
  clusterEnvironments: Set<string>;
  stores: Map<string, LiveStoreStatus>;
  vault: Map<string, VaultSnapshot>;
  findings: Finding[];
  unowned: LiveExternalSecretStatus[];
}

export interface LiveIndexOptions {
  fixtureEnvironments: string[];
  productionEnvironments: string[];
}

const OK_REASONS = new Set(['SecretSynced', 'ResourceSynced']);

export const esKey = (
  env: string,
  namespace: string | undefined,
  name: string,
) => `${env}|${namespace ?? ''}|${name}`;
export const storeKey = (
  cluster: string,
  kind: string,
  namespace: string | undefined,
  name: string,
) =>
  `${cluster}|${kind}|${
    kind === 'ClusterSecretStore' ? '' : namespace ?? ''
  }|${name}`;

/** Synced means Ready=True *and* reason SecretSynced: Ready=True also occurs for SecretDeleted/SecretMissing. */
export function isSynced(es: LiveExternalSecretStatus): boolean {
  return (
    es.ready === 'True' &&
    (es.reason === undefined || OK_REASONS.has(es.reason))
  );
}

/** Live statuses of a declared ExternalSecret in one environment. */
export function liveStatusesOf(
  index: LiveIndex,
  env: string,
  decl: Pick<ExternalSecretDecl, 'namespace' | 'name'>,
) {
  if (decl.namespace !== undefined)
    return (
      index.externalSecrets.get(esKey(env, decl.namespace, decl.name)) ?? []
    );
  const out: LiveExternalSecretStatus[] = [];
  for (const [k, v] of index.externalSecrets) {
    if (k.startsWith(`${env}|`) && k.endsWith(`|${decl.name}`)) out.push(...v);
  }
  return out;
}

/** Vault presence and placeholder state of one key property in one environment. */
export function vaultStateOf(
  index: LiveIndex,
  env: string,
  key: string,
  property: string | undefined,
): VaultKeyState {
  const snap = index.vault.get(env);
  if (!snap) return { present: null, placeholder: null };
  const meta = snap.keys[key];
  if (!meta || meta.deleted) {
    return { present: snap.truncated ? null : false, placeholder: null };
  }
  const present =
    property && meta.properties ? meta.properties.includes(property) : true;
  const placeholder =
    property && meta.placeholder && property in meta.placeholder
      ? meta.placeholder[property]
      : null;
  return {
    present,
    placeholder,
    ...(meta.currentVersion !== undefined
      ? { version: meta.currentVersion }
      : {}),
    ...(meta.updatedTime ? { updatedTime: meta.updatedTime } : {}),
  };
}

function providerHint(message: string): string[] {
  if (/sealed/i.test(message))
    return [
      'Vault is sealed: unseal it (or wait for auto-unseal); ESO retries on its own.',
    ];
  if (/permission denied|403/i.test(message)) {
    return [
      "The store's Vault role cannot read this path: check the policy attached to the Kubernetes auth role (read on secret/data/<key>).",
    ];
  }
  if (/not found|does not exist|404|cannot find/i.test(message)) {
    return [
      'The key or property is missing in Vault: write it (or add the fixture for dev).',
    ];
  }
  return [
    'Read the UpdateFailed event of the ExternalSecret for the provider error.',
  ];
}

function finding(f: Omit<Finding, 'id'> & { idParts: string[] }): Finding {
  const { idParts, ...rest } = f;
  return { id: `live:${f.type}:${idParts.join(':')}`, ...rest };
}

export function buildLiveIndex(
  report: SecretsReport | undefined,
  clusters: ClusterSnapshot[],
  vaults: VaultSnapshot[],
  options: LiveIndexOptions,
): LiveIndex {
  const index: LiveIndex = {
    externalSecrets: new Map(),
    clusterEnvironments: new Set(),
    stores: new Map(),
    vault: new Map(vaults.map(v => [v.environment, v])),
    findings: [],
    unowned: [],
  };
  for (const c of clusters) {
    if (c.environment) index.clusterEnvironments.add(c.environment);
    for (const es of c.externalSecrets) {
      const k = esKey(c.environment ?? '*', es.namespace, es.name);
      const list = index.externalSecrets.get(k) ?? [];
      list.push(es);
      index.externalSecrets.set(k, list);
    }
    for (const s of c.stores)
      index.stores.set(storeKey(c.cluster, s.kind, s.namespace, s.name), s);
  }
  const decls = (report?.externalSecrets ?? []).filter(
    d => d.kind === 'ExternalSecret',
  );
  const declared = new Set<string>();
  for (const d of decls) {
    declared.add(esKey(d.environment, d.namespace, d.name));
    declared.add(esKey(d.environment, '', d.name));
  }
  const add = (f: Finding) => index.findings.push(f);
  const severityFor = (env: string): Severity =>
    options.productionEnvironments.includes(env) ? 'error' : 'warning';

  // ---- declared ExternalSecrets vs clusters ----
  const storeFindings = new Set<string>();
  for (const d of decls) {
    const env = d.environment;
    const subject = {
      kind: 'ExternalSecret' as const,
      name: d.name,
      ...(d.namespace ? { namespace: d.namespace } : {}),
    };
    const base = {
      release: d.release,
      ...(d.chart ? { chart: d.chart } : {}),
      environment: env,
      sourceRef: d.sourceRef,
    };
    if (index.clusterEnvironments.has(env)) {
      const live = liveStatusesOf(index, env, d);
      if (!live.length) {
        add(
          finding({
            type: 'missing-in-cluster',
            severity: 'warning',
            idParts: [env, d.namespace ?? '', d.name],
            message: `ExternalSecret ${d.namespace ? `${d.namespace}/` : ''}${
              d.name
            } is declared by ${
              d.release
            } for ${env} but is not in the ${env} cluster (Argo CD/Flux not synced, or the release is not deployed).`,
            subject,
            ...base,
            proposedFix: {
              title: 'Sync the release',
              actions: [
                `Check the ${d.release} application in Argo CD/Flux for ${env} and sync it.`,
              ],
            },
          }),
        );
      }
      for (const es of live) {
        if (!isSynced(es)) {
          const provider = es.lastWarning?.message;
          const why = provider ?? es.message;
          const detail = why ? `: ${why}` : '';
          const actions = providerHint(`${provider ?? ''} ${es.message ?? ''}`);
          if (es.forceSyncCommand)
            actions.push(
              'After fixing the cause, force a sync with the command below.',
            );
          else if (es.refreshable === false)
            actions.push(
              'A force-sync annotation is ignored here (refreshPolicy CreatedOnce or refreshInterval 0s): recreate the ExternalSecret after fixing the cause.',
            );
          add(
            finding({
              type: 'sync-error',
              severity: 'error',
              idParts: [es.cluster, es.namespace, es.name],
              message: `ExternalSecret ${es.namespace}/${es.name} in cluster ${
                es.cluster
              } is not synced (Ready=${es.ready}, ${
                es.reason ?? 'no reason'
              })${detail}`,
              subject: { ...subject, namespace: es.namespace },
              ...base,
              proposedFix: {
                title: 'Fix the provider error, then resync',
                actions,
                ...(es.forceSyncCommand
                  ? { command: es.forceSyncCommand }
                  : {}),
                docsLink:
                  'https://external-secrets.io/latest/introduction/faq/',
              },
            }),
          );
        }
        const store = es.storeRef ?? d.storeRef;
        const s = index.stores.get(
          storeKey(es.cluster, store.kind, es.namespace, store.name),
        );
        const sk = storeKey(es.cluster, store.kind, es.namespace, store.name);
        if (s && s.ready !== 'True' && !storeFindings.has(sk)) {
          storeFindings.add(sk);
          add(
            finding({
              type: 'sync-error',
              severity: 'error',
              idParts: ['store', es.cluster, s.kind, s.namespace ?? '', s.name],
              message: `${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${
                s.name
              } in cluster ${es.cluster} is not valid (${
                s.reason ?? 'no reason'
              }${
                s.message ? `: ${s.message}` : ''
              }): every ExternalSecret using it fails.`,
              subject: {
                kind: 'SecretStore',
                name: s.name,
                ...(s.namespace ? { namespace: s.namespace } : {}),
              },
              environment: env,
              proposedFix: {
                title: 'Repair the store',
                actions: [
                  'Check that Vault is unsealed and reachable from the cluster.',
                  'Check the Kubernetes auth role and its service account (a 403 at login means the role does not bind it).',
                ],
              },
            }),
          );
        }
        // a Vault change ESO will never pick up
        if (es.refreshable === false && es.refreshTime) {
          for (const k of d.keys) {
            const meta = index.vault.get(env)?.keys[k.key];
            if (meta?.updatedTime && meta.updatedTime > es.refreshTime) {
              add(
                finding({
                  type: 'refresh-ignored',
                  severity: 'warning',
                  idParts: [es.cluster, es.namespace, es.name, k.key],
                  message: `Vault key "${k.key}" changed at ${
                    meta.updatedTime
                  }, after ExternalSecret ${es.namespace}/${
                    es.name
                  } last synced (${es.refreshTime}); with ${
                    es.refreshPolicy === 'CreatedOnce'
                      ? 'refreshPolicy CreatedOnce'
                      : `refreshInterval ${es.refreshInterval}`
                  } ESO will not re-read it, and a force-sync annotation is ignored.`,
                  subject: { ...subject, namespace: es.namespace },
                  ...base,
                  proposedFix: {
                    title: 'Let ESO refresh',
                    actions: [
                      'Set refreshPolicy: Periodic with a non-zero refreshInterval (or OnChange and change the spec) in the chart, or recreate the ExternalSecret.',
                    ],
                  },
                }),
              );
              break;
            }
          }
        }
      }
    }
    // ---- declared keys vs Vault ----
    const snap = index.vault.get(env);
    if (snap) {
      for (const k of d.keys) {
        if (k.via === 'dataFrom.find' || k.origin === 'cluster-managed')
          continue;
        const property = k.via === 'data' ? k.property ?? 'value' : undefined;
        const st = vaultStateOf(index, env, k.key, property);
        const keySubject = {
          kind: 'VaultKey' as const,
          name: k.key,
          ...(property ? { property } : {}),
        };
        if (st.present === false) {
          const meta = snap.keys[k.key];
          add(
            finding({
              type: 'missing-in-vault',
              severity: 'error',
              idParts: [env, d.release, k.key, property ?? ''],
              message:
                meta && !meta.deleted
                  ? `Vault key "${k.key}" in ${env} has no property "${property}", which ExternalSecret ${d.name} reads.`
                  : `Vault key "${k.key}" referenced by ExternalSecret ${
                      d.name
                    } does not exist in the ${env} Vault${
                      meta?.deleted ? ' (its current version is deleted)' : ''
                    }.`,
              subject: keySubject,
              ...base,
              proposedFix: {
                title: options.fixtureEnvironments.includes(env)
                  ? 'Add the fixture and rerun the bootstrap'
                  : 'Write the key to Vault',
                actions: options.fixtureEnvironments.includes(env)
                  ? [
                      `Add "${k.key}" to the fixture map and rerun the vault-bootstrap job.`,
                    ]
                  : [
                      `Have the key's writer (external key vault sync, job) write ${
                        snap.mount
                      }/data/${k.key}${
                        property ? ` with property "${property}"` : ''
                      }.`,
                    ],
              },
            }),
          );
        } else if (
          st.placeholder === true &&
          !options.fixtureEnvironments.includes(env)
        ) {
          add(
            finding({
              type: 'placeholder-in-vault',
              severity: severityFor(env),
              idParts: [env, k.key, property ?? ''],
              message: `Vault key "${k.key}"${
                property ? ` (property "${property}")` : ''
              } in ${env} still holds a dev fixture value.`,
              subject: keySubject,
              ...base,
              proposedFix: {
                title: 'Provide the real value',
                actions: [
                  `Write the real value of "${k.key}" to the ${env} Vault (external key vault sync), then resync the ExternalSecret.`,
                ],
              },
            }),
          );
        }
      }
    }
  }
  // deduplicate placeholder findings shared by several ExternalSecrets
  const seen = new Set<string>();
  index.findings = index.findings.filter(f =>
    seen.has(f.id) ? false : (seen.add(f.id), true),
  );

  // ---- ExternalSecrets no chart declares (only knowable with a GitOps report) ----
  for (const c of report ? clusters : []) {
    for (const es of c.externalSecrets) {
      const env = c.environment;
      const isDeclared = env
        ? declared.has(esKey(env, es.namespace, es.name))
        : decls.some(
            d =>
              d.name === es.name &&
              (d.namespace ?? es.namespace) === es.namespace,
          );
      if (isDeclared) continue;
      index.unowned.push(es);
      index.findings.push(
        finding({
          type: 'unowned-externalsecret',
          severity: 'warning',
          idParts: [c.cluster, es.namespace, es.name],
          message: `ExternalSecret ${es.namespace}/${es.name} in cluster ${c.cluster} is not declared by any chart in the GitOps repository (drift).`,
          subject: {
            kind: 'ExternalSecret',
            name: es.name,
            namespace: es.namespace,
          },
          ...(env ? { environment: env } : {}),
          proposedFix: {
            title: 'Adopt or remove it',
            actions: [
              'Move it into the owning service chart (workloads own their ExternalSecrets), or delete it from the cluster if nothing mounts its Secret.',
            ],
          },
        }),
      );
    }
  }
  return index;
}
