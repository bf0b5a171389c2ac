import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { entityRefOf, readEntity, type SecretsActionsOptions } from './context';

/** The action's name; its id is `secrets:get-entity-secrets-status`. @public */
export const GET_ENTITY_SECRETS_STATUS_ACTION = 'get-entity-secrets-status';

/**
 * Registers `get-entity-secrets-status`: the Secrets tab of one entity as
 * data (summary, ExternalSecrets per environment, findings, source health),
 * under `secrets.entity.read` on that entity for the calling user.
 * @public
 */
export function createGetEntitySecretsStatusAction(
  registry: ActionsRegistryService,
  options: SecretsActionsOptions,
) {
  registry.register({
    name: GET_ENTITY_SECRETS_STATUS_ACTION,
    title: 'Get the secrets status of an entity',
    description:
      'Returns the secret governance status of one catalog entity (a service owning a Helm chart): its ExternalSecrets with their state per environment (ready, error, missing-in-cluster, ...), fixture coverage, sync errors, the guardrail findings with their ids (pass one to explain-finding), and the health of the Vault and cluster sources. Names and states only, never a secret value.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .max(256)
            .describe(
              'The entity, e.g. "component:default/payments" or just "payments"',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          chart: z.string().optional(),
          releases: z.array(z.string()),
          environments: z.array(z.string()),
          summary: z.object({
            externalSecrets: z.number(),
            fixtureCoverage: z
              .number()
              .nullable()
              .describe(
                'Percent of keys with a dev fixture; null when not applicable',
              ),
            syncErrors: z.number(),
            findings: z.object({
              error: z.number(),
              warning: z.number(),
              info: z.number(),
            }),
            refreshedAt: z.string().optional(),
          }),
          externalSecrets: z.array(
            z.object({
              name: z.string(),
              namespace: z.string().optional(),
              targetSecret: z.string(),
              store: z.string(),
              keys: z.array(z.string()),
              states: z.record(z.string()).describe('State per environment'),
            }),
          ),
          findings: z.array(
            z.object({
              id: z.string(),
              type: z.string(),
              severity: z.enum(['error', 'warning', 'info']),
              message: z.string(),
              environment: z.string().optional(),
            }),
          ),
          sources: z.array(
            z.object({
              id: z.string(),
              kind: z.string(),
              status: z.string(),
              environment: z.string().optional(),
            }),
          ),
        }),
    },
    examples: [
      {
        title: 'The demo payments service',
        input: { entityRef: 'component:default/payments' },
      },
    ],
    action: async ({ input, credentials }) => {
      const ref = entityRefOf(input.entityRef);
      const entity = await readEntity(options, credentials, ref);
      const r = options.service.entity(entity);
      return {
        output: {
          entityRef: r.entityRef,
          ...(r.chart ? { chart: r.chart } : {}),
          releases: r.releases,
          environments: r.environments,
          summary: {
            externalSecrets: r.summary.externalSecrets,
            fixtureCoverage: r.summary.fixtureCoverage,
            syncErrors: r.summary.syncErrors,
            findings: r.summary.findingsBySeverity,
            ...(r.summary.refreshedAt
              ? { refreshedAt: r.summary.refreshedAt }
              : {}),
          },
          externalSecrets: r.externalSecrets.map(es => ({
            name: es.name,
            ...(es.namespace ? { namespace: es.namespace } : {}),
            targetSecret: es.targetSecret,
            store: `${es.storeRef.kind}/${es.storeRef.name}`,
            keys: [...new Set(es.keys.map(k => k.key))],
            states: Object.fromEntries(
              Object.entries(es.cells).map(([env, c]) => [env, c.state]),
            ),
          })),
          findings: r.findings.map(f => ({
            id: f.id,
            type: f.type,
            severity: f.severity,
            message: f.message,
            ...(f.environment ? { environment: f.environment } : {}),
          })),
          sources: r.sources.map(s => ({
            id: s.id,
            kind: s.kind,
            status: s.status,
            ...(s.environment ? { environment: s.environment } : {}),
          })),
        },
      };
    },
  });
}
