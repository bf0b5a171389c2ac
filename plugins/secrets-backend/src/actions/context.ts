/*
 * What the actions share: the service, the permission check on the
 * caller's credentials, and the catalog read as the caller.
 */
import { secretsEntityReadPermission } from '@ameideio/plugin-secrets-common';
import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryActionOptions } from '@backstage/backend-plugin-api/alpha';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { SecretsService } from '../service/SecretsService';
import { chartEntities as chartEntitiesOf } from '../service/chartEntities';
import { requirePermission } from '../service/requirePermission';

/** The zod the actions registry hands to an action's schema builders. */
type Zod = Parameters<
  ActionsRegistryActionOptions<any, any>['schema']['input']
>[0];
type ZodString = ReturnType<Zod['string']>;
type ZodOptionalString = ReturnType<ZodString['optional']>;

/** Zod string fields named `R`, and optional ones named `O`. */
type StringFields<R extends string, O extends string> = Record<R, ZodString> &
  Record<O, ZodOptionalString>;

function stringFields<R extends string, O extends string>(
  z: Zod,
  required: readonly R[],
  optional: readonly O[],
): StringFields<R, O> {
  return Object.fromEntries([
    ...required.map(k => [k, z.string()]),
    ...optional.map(k => [k, z.string().optional()]),
  ]) as StringFields<R, O>;
}

/** The fields of one cluster's report of an ExternalSecret in the actions' answers. */
export const clusterStatusShape = (
  z: Zod,
): StringFields<'cluster' | 'ready', 'reason'> =>
  stringFields(z, ['cluster', 'ready'], ['reason']);

/** The fields naming a Kubernetes-like object (a finding's subject, a graph node) in the actions' answers. */
export const objectNameShape = (
  z: Zod,
): StringFields<'kind' | 'name', 'namespace'> =>
  stringFields(z, ['kind', 'name'], ['namespace']);

/** @public */
export interface SecretsActionsOptions {
  service: SecretsService;
  permissions: PermissionsService;
  catalog: CatalogService;
}

/** `payments`, `component:payments` or `component:default/payments`, normalised. */
export function entityRefOf(input: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(input.trim(), {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError(`Invalid entity reference "${input.slice(0, 64)}"`);
  }
}

/** The entity, read as the caller, after `secrets.entity.read` on it. */
export async function readEntity(
  options: SecretsActionsOptions,
  credentials: BackstageCredentials,
  entityRef: string,
): Promise<Entity> {
  await requirePermission(
    options.permissions,
    credentials,
    secretsEntityReadPermission,
    entityRef,
  );
  const entity = await options.catalog.getEntityByRef(entityRef, {
    credentials,
  });
  if (!entity) throw new NotFoundError(`Entity ${entityRef} not found`);
  return entity;
}

/** The entities with the chart annotation the caller may read in the catalog. */
export async function chartEntities(
  options: SecretsActionsOptions,
  credentials: BackstageCredentials,
): Promise<Entity[]> {
  return chartEntitiesOf(options.catalog, credentials);
}
