import { fileTree } from '../../__testUtils__/fileTree';
import { analyze } from '../analyze';
import { clusterExternalSecretReach, selectorMatches } from './namespaces';

describe('namespaces a ClusterExternalSecret reaches', () => {
  it('matches label selectors as Kubernetes does', () => {
    const labels = { team: 'shop', tier: 'web' };
    expect(selectorMatches({ matchLabels: { team: 'shop' } }, labels)).toBe(
      true,
    );
    expect(selectorMatches({ matchLabels: { team: 'data' } }, labels)).toBe(
      false,
    );
    expect(
      selectorMatches(
        {
          matchExpressions: [
            { key: 'tier', operator: 'In', values: ['web', 'api'] },
            { key: 'legacy', operator: 'DoesNotExist' },
          ],
        },
        labels,
      ),
    ).toBe(true);
    expect(
      selectorMatches(
        {
          matchExpressions: [
            { key: 'team', operator: 'NotIn', values: ['shop'] },
          ],
        },
        labels,
      ),
    ).toBe(false);
    expect(
      selectorMatches(
        { matchExpressions: [{ key: 'x', operator: 'Bogus' }] },
        labels,
      ),
    ).toBe(false);
  });

  it('lists the declared namespaces selected, and says when undeclared ones may be too', () => {
    const declared = new Map<string, Record<string, string>>([
      ['shop', { 'registry-access': 'true' }],
      ['analytics', {}],
    ]);
    expect(
      clusterExternalSecretReach(
        {
          namespaceSelectors: [{ matchLabels: { 'registry-access': 'true' } }],
        },
        declared,
      ),
    ).toStrictEqual({ namespaces: ['shop'], undeclared: true });
    expect(
      clusterExternalSecretReach(
        {
          namespaceSelector: {
            matchLabels: { 'kubernetes.io/metadata.name': 'analytics' },
          },
        },
        declared,
      ),
    ).toStrictEqual({ namespaces: ['analytics'], undeclared: true });
    expect(
      clusterExternalSecretReach({ namespaces: ['web'] }, declared),
    ).toStrictEqual({ namespaces: ['web'], undeclared: false });
  });

  it('a pod in a declared namespace the selector leaves out has no producer; one in an undeclared namespace may', () => {
    const ns = (name: string, labels = '') =>
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n${labels}`;
    const pod = (namespace: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: app, namespace: ${namespace} }
spec:
  template:
    spec:
      imagePullSecrets: [{ name: ghcr-pull }]
      containers: [{ name: app, image: app:1 }]
`;
    const r = analyze(
      fileTree({
        'platform/ns.yaml': `${ns(
          'shop',
          '  labels: { registry-access: "true" }\n',
        )}---\n${ns('analytics')}`,
        'platform/store.yaml':
          'apiVersion: external-secrets.io/v1\nkind: ClusterSecretStore\nmetadata: { name: vault }\nspec:\n  provider:\n    vault: { server: https://vault, path: kv, version: v2, auth: { tokenSecretRef: { name: t, key: t, namespace: eso } } }\n',
        'platform/ces.yaml': `
apiVersion: external-secrets.io/v1
kind: ClusterExternalSecret
metadata: { name: ghcr-pull }
spec:
  namespaceSelectors:
    - matchLabels: { registry-access: "true" }
  externalSecretSpec:
    secretStoreRef: { kind: ClusterSecretStore, name: vault }
    target: { name: ghcr-pull }
    dataFrom:
      - extract: { key: ci/ghcr }
`,
        'apps/shop/deploy.yaml': pod('shop'),
        'apps/analytics/deploy.yaml': pod('analytics'),
        'apps/other/deploy.yaml': pod('elsewhere'),
      }),
    );
    expect(
      r.findings
        .filter(
          f => f.type === 'missing-producer' && f.subject.name === 'ghcr-pull',
        )
        .map(f => f.subject.namespace),
    ).toStrictEqual(['analytics']);
  });
});
