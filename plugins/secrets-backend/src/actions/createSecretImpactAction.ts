import {
  type ImpactQuery,
  type InventoryItem,
  secretsOverviewReadPermission,
} from '@ameideio/plugin-secrets-common';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseImpactQuery } from '../service/impact';
import { visibleRefs } from '../service/chartEntities';
import { requirePermission } from '../service/requirePermission';
import {
  chartEntities,
  clusterStatusShape,
  objectNameShape,
  type SecretsActionsOptions,
} from './context';

/**
 * The owning entities of the inventory items a query reaches: the key, the
 * Secret or the store's ExternalSecrets.
 */
function ownersOf(items: InventoryItem[], query: ImpactQuery) {
  const hits = items.filter(i => {
    if (!i.entityRef) return false;
    if (query.environment && !i.environments.includes(query.environment))
      return false;
    if (query.vaultKey)
      return (
        (i.kind === 'VaultKey' || i.kind === 'RemoteKey') &&
        i.name === query.vaultKey
      );
    if (query.secret)
      return (
        i.kind === 'Secret' &&
        i.name === query.secret &&
        (!query.namespace || i.namespace === query.namespace)
      );
    return (
      i.kind !== 'Secret' &&
      !i.kind.endsWith('Key') &&
      i.stores.some(s => s.endsWith(`/${query.store}`)) &&
      (!query.namespace || i.namespace === query.namespace)
    );
  });
  const byRef = new Map<
    string,
    { entityRef: string; owner?: string; via: Set<string> }
  >();
  for (const i of hits) {
    const o = byRef.get(i.entityRef!) ?? {
      entityRef: i.entityRef!,
      ...(i.owner ? { owner: i.owner } : {}),
      via: new Set<string>(),
    };
    o.via.add(`${i.kind}/${i.name}`);
    byRef.set(i.entityRef!, o);
  }
  return [...byRef.values()]
    .sort((a, b) => a.entityRef.localeCompare(b.entityRef))
    .map(o => ({ ...o, via: [...o.via].sort() }));
}

/** The action's name; its id is `secrets:secret-impact`. @public */
export const SECRET_IMPACT_ACTION = 'secret-impact';

/**
 * Registers `secret-impact`: the blast radius of rotating or deleting a
 * Vault key, a target Secret or a store, as `GET /api/secrets/impact`
 * answers it (`secrets.overview.read`; entities the caller cannot read are
 * counted, not named).
 * @public
 */
export function createSecretImpactAction(
  registry: ActionsRegistryService,
  options: SecretsActionsOptions,
) {
  registry.register({
    name: SECRET_IMPACT_ACTION,
    title: 'Blast radius of a secret',
    description:
      'What breaks if a Vault key, a target Secret or a secret store is rotated or deleted: the writers, the ExternalSecrets per environment with their live status, the Secrets, the workloads that read them and their owning entities. Give exactly one of vaultKey, secret or store. Entities the caller may not read are counted in hidden, not named.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          vaultKey: z
            .string()
            .optional()
            .describe('A Vault key path, e.g. "payments-stripe-api-key"'),
          secret: z.string().optional().describe('A target Secret name'),
          store: z
            .string()
            .optional()
            .describe('A SecretStore or ClusterSecretStore name'),
          namespace: z
            .string()
            .optional()
            .describe('Narrows a Secret or store to one namespace'),
          environment: z.string().optional().describe('Only this environment'),
        }),
      output: z =>
        z.object({
          summary: z.object({
            environments: z.array(z.string()),
            externalSecrets: z.number(),
            secrets: z.number(),
            readers: z.number(),
            entities: z
              .array(z.string())
              .describe('Owning entities the caller may read'),
          }),
          nodes: z.array(
            z.object({
              id: z.string(),
              ...objectNameShape(z),
              environment: z.string().optional(),
              detail: z.string().optional(),
              entityRef: z.string().optional(),
              live: z.array(z.object(clusterStatusShape(z))).optional(),
            }),
          ),
          edges: z.array(
            z.object({ from: z.string(), to: z.string(), label: z.string() }),
          ),
          hidden: z.object({ entities: z.number(), nodes: z.number() }),
          owners: z
            .array(
              z.object({
                entityRef: z.string(),
                owner: z.string().optional(),
                via: z.array(z.string()),
              }),
            )
            .describe(
              'Catalog entities owning what is affected (from the catalog join of the inventory), with their teams: who to tell before a rotation',
            ),
        }),
    },
    examples: [
      {
        title: 'Rotating the demo Stripe key',
        input: { vaultKey: 'payments-stripe-api-key' },
      },
    ],
    action: async ({ input, credentials }) => {
      const query = parseImpactQuery(input);
      await requirePermission(
        options.permissions,
        credentials,
        secretsOverviewReadPermission,
      );
      const entities = await chartEntities(options, credentials);
      const visible = visibleRefs(entities);
      const imp = options.service.impact(query, visible);
      const owners = ownersOf(
        options.service.inventory(entities, visible).items,
        query,
      );
      return {
        output: {
          summary: {
            environments: imp.summary.environments,
            externalSecrets: imp.summary.externalSecrets,
            secrets: imp.summary.secrets,
            readers: imp.summary.readers,
            entities: imp.summary.entities,
          },
          nodes: imp.nodes.map(n => ({
            id: n.id,
            kind: n.kind,
            name: n.name,
            ...(n.environment ? { environment: n.environment } : {}),
            ...(n.namespace ? { namespace: n.namespace } : {}),
            ...(n.detail ? { detail: n.detail } : {}),
            ...(n.entityRef ? { entityRef: n.entityRef } : {}),
            ...(imp.live[n.id]
              ? {
                  live: imp.live[n.id].map(s => ({
                    cluster: s.cluster,
                    ready: s.ready,
                    ...(s.reason ? { reason: s.reason } : {}),
                  })),
                }
              : {}),
          })),
          edges: imp.edges,
          hidden: imp.hidden,
          owners,
        },
      };
    },
  });
}
