/*
 * The stores an ExternalSecret names through its items' `sourceRef.storeRef`
 * and the stores of a PushSecret are checked like its `secretStoreRef`.
 */
import type { SecretsReport } from '@ameideio/plugin-secrets-common';
import { fileTree } from '../../__testUtils__/fileTree';
import { analyze } from '../analyze';

const store = (name: string, namespace: string) => `---
apiVersion: external-secrets.io/v1
kind: SecretStore
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  provider:
    vault:
      server: https://vault.example.test
      path: ${namespace}
      version: v2
`;
const repo = `apiVersion: v1
kind: Namespace
metadata:
  name: apps
${store('vault', 'apps')}${store('team-store', 'team')}---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: mixed
  namespace: apps
spec:
  secretStoreRef:
    kind: SecretStore
    name: vault
  target:
    name: mixed
  data:
    - secretKey: a
      remoteRef:
        key: apps/a
        property: a
    - secretKey: b
      remoteRef:
        key: apps/b
        property: b
      sourceRef:
        storeRef:
          kind: ClusterSecretStore
          name: nowhere
---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: items-only
  namespace: apps
spec:
  target:
    name: items-only
  dataFrom:
    - extract:
        key: apps/all
      sourceRef:
        storeRef:
          kind: SecretStore
          name: vault
---
apiVersion: external-secrets.io/v1alpha1
kind: PushSecret
metadata:
  name: publish
  namespace: apps
spec:
  secretStoreRefs:
    - kind: SecretStore
      name: vault
    - kind: SecretStore
      name: team-store
    - labelSelector:
        matchLabels:
          push: "true"
  selector:
    secret:
      name: mixed
  data:
    - match:
        secretKey: a
        remoteRef:
          remoteKey: apps/published
          property: a
`;
const unserved = (r: SecretsReport) =>
  r.findings
    .filter(f => f.type === 'unserved-store')
    .map(f => [f.severity, f.message])
    .sort((a, b) => a[1].localeCompare(b[1]));

describe('stores named beside secretStoreRef', () => {
  const r = analyze(fileTree({ 'manifests/all.yaml': repo }));

  it("checks an item's sourceRef.storeRef and every store of a PushSecret", () => {
    expect(unserved(r)).toStrictEqual([
      [
        'error',
        'ExternalSecret mixed uses ClusterSecretStore/nowhere, but no ClusterSecretStore "nowhere" is declared.',
      ],
      [
        'error',
        'PushSecret publish uses SecretStore/team-store, but a SecretStore only serves its own namespace (team), not apps.',
      ],
    ]);
  });
});
