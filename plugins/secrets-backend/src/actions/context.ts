/*
 * What the actions share: the service, the permission check on the
 * caller's credentials, and the catalog read as the caller.
 */
import { secretsEntityReadPermission } from '@ameideio/plugin-secrets-common';
import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  type BasicPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { SecretsService } from '../service/SecretsService';
import { chartEntities as chartEntitiesOf } from '../service/chartEntities';

/** @public */
export interface SecretsActionsOptions {
  service: SecretsService;
  permissions: PermissionsService;
  catalog: CatalogService;
}

/** Throws NotAllowedError unless the caller is allowed the permission. */
export async function authorize(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: BasicPermission | ResourcePermission,
  resourceRef?: string,
): Promise<void> {
  const [decision] =
    permission.type === 'resource'
      ? await permissions.authorize(
          [{ permission, resourceRef: resourceRef! }],
          { credentials },
        )
      : await permissions.authorize([{ permission }], { credentials });
  if (decision.result !== AuthorizeResult.ALLOW)
    throw new NotAllowedError(`Not allowed: ${permission.name}`);
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
  await authorize(
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
