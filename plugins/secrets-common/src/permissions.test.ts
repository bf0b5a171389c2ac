import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  secretsEntityReadPermission,
  secretsOverviewReadPermission,
  secretsPermissions,
  secretsRefreshPermission,
} from './permissions';

describe('secrets permissions', () => {
  it('makes entity read a catalog-entity resource permission so policies can limit it to owners', () => {
    expect(
      isResourcePermission(secretsEntityReadPermission, 'catalog-entity'),
    ).toBe(true);
    expect(secretsEntityReadPermission).toStrictEqual({
      type: 'resource',
      name: 'secrets.entity.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
  });

  it('declares overview read and refresh as basic permissions', () => {
    expect(secretsOverviewReadPermission).toStrictEqual({
      type: 'basic',
      name: 'secrets.overview.read',
      attributes: { action: 'read' },
    });
    expect(secretsRefreshPermission.attributes).toStrictEqual({
      action: 'update',
    });
    expect(secretsPermissions.map(p => p.name)).toStrictEqual([
      'secrets.entity.read',
      'secrets.overview.read',
      'secrets.refresh',
    ]);
  });
});
