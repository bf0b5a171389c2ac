import {
  createPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Read the secret governance view of one catalog entity. A resource
 * permission on `catalog-entity`, so a policy can limit it to owners.
 * @public
 */
export const secretsEntityReadPermission: ResourcePermission<'catalog-entity'> =
  createPermission({
    name: 'secrets.entity.read',
    attributes: { action: 'read' },
    resourceType: 'catalog-entity',
  });

/** Read the platform-wide ownership review. @public */
export const secretsOverviewReadPermission = createPermission({
  name: 'secrets.overview.read',
  attributes: { action: 'read' },
});

/** Trigger a refresh of every source. @public */
export const secretsRefreshPermission = createPermission({
  name: 'secrets.refresh',
  attributes: { action: 'update' },
});

/** All permissions of the suite. @public */
export const secretsPermissions = [
  secretsEntityReadPermission,
  secretsOverviewReadPermission,
  secretsRefreshPermission,
];
