import { chart, externalSecret, fileTree } from '../__testUtils__/fileTree';
import { analyze } from './analyze';
import {
  entityFor,
  entityLinkOf,
  normalizeEntityRef,
  releasesOwnedBy,
} from './entities';

describe('normalizeEntityRef', () => {
  it.each([
    ['Component:Default/Payments-API', 'component:default/payments-api'],
    ['component:payments', 'component:default/payments'],
    ['Payments', 'component:default/payments'],
    ['api:Team-A/Orders', 'api:team-a/orders'],
  ])('%s -> %s', (ref, expected) => {
    expect(normalizeEntityRef(ref)).toBe(expected);
  });
});

describe('the release-to-entity join', () => {
  const shop = entityLinkOf({
    kind: 'Component',
    metadata: {
      name: 'Shop',
      annotations: { 'ameide.io/chart': ' ./charts/shop/ ' },
    },
  })!;
  const admin = entityLinkOf({
    kind: 'Component',
    metadata: {
      name: 'shop-admin',
      namespace: 'Team-A',
      annotations: {
        'ameide.io/chart': 'charts/shop',
        'ameide.io/helm-release': 'shop-admin, ',
      },
    },
  })!;

  it('links a catalog entity with one normalisation of ref and chart', () => {
    expect(shop).toEqual({
      entityRef: 'component:default/shop',
      chart: 'charts/shop',
    });
    expect(admin).toEqual({
      entityRef: 'component:team-a/shop-admin',
      chart: 'charts/shop',
      releases: ['shop-admin'],
    });
    expect(
      entityLinkOf({ kind: 'Component', metadata: { name: 'x' } }),
    ).toBeUndefined();
  });

  it('gives a release named by one entity to it, not to the chart owner', () => {
    const releases = [
      { name: 'shop', chart: 'charts/shop' },
      { name: 'shop-admin', chart: 'charts/shop' },
    ];
    const all = [shop, admin];
    expect(entityFor(all, 'shop-admin', 'charts/shop')).toBe(
      'component:team-a/shop-admin',
    );
    expect(releasesOwnedBy(shop, releases, all)).toEqual(['shop']);
    expect(releasesOwnedBy(admin, releases, all)).toEqual(['shop-admin']);
    // alone, the chart owner has every release of its chart
    expect(releasesOwnedBy(shop, releases)).toEqual(['shop', 'shop-admin']);
  });

  it('emits lower-case refs for mixed-case entities from files and options', () => {
    const tree = fileTree({
      ...chart(
        'apps',
        'orders',
        {
          'es.yaml': externalSecret({
            name: 'orders',
            data: [{ secretKey: 'k', key: 'orders-key', property: 'value' }],
          }),
        },
        '',
      ),
      'catalog/orders.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: Orders-API\n  namespace: Shop\n  annotations:\n    ameide.io/chart: sources/charts/apps/orders\nspec:\n  type: service\n',
    });
    const fromFile = analyze(tree, { environments: ['dev'] });
    expect(fromFile.releases.map(r => r.entityRef)).toEqual([
      'component:shop/orders-api',
    ]);
    expect(fromFile.findings.length).toBeGreaterThan(0);
    expect(new Set(fromFile.findings.map(f => f.entityRef ?? 'none'))).toEqual(
      new Set(['component:shop/orders-api']),
    );

    const fromOptions = analyze(
      fileTree(
        Object.fromEntries(
          [...tree].filter(([p]) => !p.startsWith('catalog/')),
        ),
      ),
      {
        environments: ['dev'],
        entities: [
          {
            entityRef: 'Component:Shop/Orders-API',
            chart: 'sources/charts/apps/orders',
          },
        ],
      },
    );
    expect(fromOptions.releases.map(r => r.entityRef)).toEqual([
      'component:shop/orders-api',
    ]);
  });
});
