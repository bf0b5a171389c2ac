import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Throws NotAllowedError unless the caller is allowed the permission; a
 * resource permission is decided on `resourceRef`.
 */
export async function requirePermission(
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
