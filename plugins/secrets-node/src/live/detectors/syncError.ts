/*
 * sync-error: a declared ExternalSecret is in its cluster but not synced
 * (the provider's error from its newest UpdateFailed event), or the store
 * it uses is not valid (once per store).
 */
import type {
  ExternalSecretDecl,
  Finding,
} from '@ameideio/plugin-secrets-common';
import type { LiveContext, LiveDetector } from '../context';
import { declSubject, declWhere, liveFinding } from '../context';
import { isSynced, liveStatusesOf, storeKey } from '../state';

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

/**
 * The findings of one declaration; a store is said once per `storeFindings`
 * (a run over one declaration, alone, says each of its stores).
 */
export function syncErrorOf(
  ctx: LiveContext,
  d: ExternalSecretDecl,
  storeFindings = new Set<string>(),
): Finding[] {
  const out: Finding[] = [];
  const env = d.environment;
  if (!ctx.index.clusterEnvironments.has(env)) return out;
  for (const es of liveStatusesOf(ctx.index, env, d)) {
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
      out.push(
        liveFinding({
          type: 'sync-error',
          severity: 'error',
          idParts: [es.cluster, es.namespace, es.name],
          message: `ExternalSecret ${es.namespace}/${es.name} in cluster ${
            es.cluster
          } is not synced (Ready=${es.ready}, ${
            es.reason ?? 'no reason'
          })${detail}`,
          subject: { ...declSubject(d), namespace: es.namespace },
          ...declWhere(d),
          proposedFix: {
            title: 'Fix the provider error, then resync',
            actions,
            ...(es.forceSyncCommand ? { command: es.forceSyncCommand } : {}),
            docsLink: 'https://external-secrets.io/latest/introduction/faq/',
          },
        }),
      );
    }
    const store = es.storeRef ?? d.storeRef;
    const sk = storeKey(es.cluster, store.kind, es.namespace, store.name);
    const s = ctx.index.stores.get(sk);
    if (s && s.ready !== 'True' && !storeFindings.has(sk)) {
      storeFindings.add(sk);
      out.push(
        liveFinding({
          type: 'sync-error',
          severity: 'error',
          idParts: ['store', es.cluster, s.kind, s.namespace ?? '', s.name],
          message: `${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${
            s.name
          } in cluster ${es.cluster} is not valid (${s.reason ?? 'no reason'}${
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
  }
  return out;
}

export const syncError: LiveDetector = ctx => {
  const storeFindings = new Set<string>();
  return ctx.decls.flatMap(d => syncErrorOf(ctx, d, storeFindings));
};
