import {
  FINDING_TYPE_CAUSES,
  FINDING_TYPE_LABELS,
  type EntitySecretsResponse,
  secretsEntityReadPermission,
} from '@ameideio/plugin-secrets-common';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  chartEntities,
  clusterStatusShape,
  objectNameShape,
  entityRefOf,
  readEntity,
  type SecretsActionsOptions,
} from './context';

/** The action's name; its id is `secrets:explain-finding`. @public */
export const EXPLAIN_FINDING_ACTION = 'explain-finding';

const FINDING_ID = /^[A-Za-z0-9][-A-Za-z0-9_.:/@#|]{0,511}$/;

/**
 * The entity answer holding the finding, among the entities the caller may
 * read (in the catalog and with `secrets.entity.read`).
 */
async function findOwner(
  options: SecretsActionsOptions,
  credentials: BackstageCredentials,
  findingId: string,
  entityRef?: string,
): Promise<EntitySecretsResponse | undefined> {
  if (entityRef) {
    const entity = await readEntity(
      options,
      credentials,
      entityRefOf(entityRef),
    );
    return options.service.entity(entity);
  }
  const entities = await chartEntities(options, credentials);
  if (!entities.length) return undefined;
  const decisions = await options.permissions.authorize(
    entities.map(e => ({
      permission: secretsEntityReadPermission,
      resourceRef: stringifyEntityRef(e),
    })),
    { credentials },
  );
  for (let i = 0; i < entities.length; i++) {
    if (decisions[i].result !== AuthorizeResult.ALLOW) continue;
    const r = options.service.entity(entities[i]);
    if (r.findings.some(f => f.id === findingId)) return r;
  }
  return undefined;
}

/**
 * Registers `explain-finding`: the cause, the evidence (object, file and
 * line, live status per cluster) and the fix of one finding, found among
 * the entities the caller may read.
 * @public
 */
export function createExplainFindingAction(
  registry: ActionsRegistryService,
  options: SecretsActionsOptions,
) {
  registry.register({
    name: EXPLAIN_FINDING_ACTION,
    title: 'Explain a secrets finding',
    description:
      'Explains one guardrail finding by its id (from get-entity-secrets-status): why it is raised, the evidence (the object, the Git file and line, the live status of the ExternalSecret per cluster with the provider error) and the proposed fix with its steps and command. Only findings of entities the caller may read are found; values are never part of it.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          findingId: z.string().min(1).max(512).describe('The finding id'),
          entityRef: z
            .string()
            .max(256)
            .optional()
            .describe(
              'The entity the finding belongs to, when known; faster, else every readable entity is searched',
            ),
        }),
      output: z =>
        z.object({
          id: z.string(),
          type: z.string(),
          label: z.string(),
          severity: z.enum(['error', 'warning', 'info']),
          entityRef: z.string(),
          message: z.string(),
          cause: z.string(),
          evidence: z.object({
            subject: z.object({
              ...objectNameShape(z),
              property: z.string().optional(),
            }),
            release: z.string().optional(),
            chart: z.string().optional(),
            environment: z.string().optional(),
            file: z.string().optional(),
            line: z.number().optional(),
            url: z.string().optional(),
            live: z
              .array(
                z.object({
                  ...clusterStatusShape(z),
                  message: z.string().optional(),
                }),
              )
              .describe(
                'The ExternalSecret as each cluster of the environment reports it',
              ),
          }),
          fix: z.object({
            title: z.string(),
            actions: z.array(z.string()),
            command: z.string().optional(),
            docsLink: z.string().optional(),
          }),
        }),
    },
    examples: [
      {
        title: 'Explain the sync error of the demo payments service',
        input: {
          findingId: 'live:sync-error:prod-eu:ameide:payments-stripe',
          entityRef: 'component:default/payments',
        },
      },
    ],
    action: async ({ input, credentials }) => {
      if (!FINDING_ID.test(input.findingId))
        throw new InputError('Invalid findingId');
      const owner = await findOwner(
        options,
        credentials,
        input.findingId,
        input.entityRef,
      );
      const f = owner?.findings.find(x => x.id === input.findingId);
      if (!owner || !f)
        throw new NotFoundError(`No finding ${input.findingId} you may read`);
      const es =
        f.subject.kind === 'ExternalSecret' && f.environment
          ? owner.externalSecrets.find(
              e =>
                e.name === f.subject.name &&
                (!f.subject.namespace || e.namespace === f.subject.namespace),
            )
          : undefined;
      const live = (
        es && f.environment ? es.cells[f.environment]?.clusters : []
      )?.map(c => ({
        cluster: c.cluster,
        ready: c.ready,
        ...(c.reason ? { reason: c.reason } : {}),
        ...(c.lastWarning?.message ?? c.message
          ? { message: c.lastWarning?.message ?? c.message }
          : {}),
      }));
      return {
        output: {
          id: f.id,
          type: f.type,
          label: FINDING_TYPE_LABELS[f.type] ?? f.type,
          severity: f.severity,
          entityRef: owner.entityRef,
          message: f.message,
          cause: FINDING_TYPE_CAUSES[f.type] ?? f.message,
          evidence: {
            subject: {
              kind: f.subject.kind,
              name: f.subject.name,
              ...(f.subject.namespace
                ? { namespace: f.subject.namespace }
                : {}),
              ...(f.subject.property ? { property: f.subject.property } : {}),
            },
            ...(f.release ? { release: f.release } : {}),
            ...(f.chart ? { chart: f.chart } : {}),
            ...(f.environment ? { environment: f.environment } : {}),
            ...(f.sourceRef?.file ? { file: f.sourceRef.file } : {}),
            ...(f.sourceRef?.line ? { line: f.sourceRef.line } : {}),
            ...(f.sourceUrl ? { url: f.sourceUrl } : {}),
            live: live ?? [],
          },
          fix: {
            title: f.proposedFix.title,
            actions: f.proposedFix.actions,
            ...(f.proposedFix.command
              ? { command: f.proposedFix.command }
              : {}),
            ...(f.proposedFix.docsLink
              ? { docsLink: f.proposedFix.docsLink }
              : {}),
          },
        },
      };
    },
  });
}
