/*
 * An Argo CD Application's kustomize settings are set on the root
 * kustomization before the build (`kustomize edit set`): namePrefix,
 * nameSuffix and namespace replace the kustomization's own; patches and
 * components are noted as not evaluated.
 */
import { fileTree } from '../../../__testUtils__/fileTree';
import { analyze } from '../../analyze';

const app = (kustomize: string) => `
  apiVersion: argoproj.io/v1alpha1
  kind: Application
  metadata: { name: notifier, namespace: argocd }
  spec:
    project: default
    source:
      repoURL: https://git.example.test/team/deploy.git
      path: apps/notifier
      kustomize:
        ${kustomize}
    destination: { server: https://kubernetes.default.svc, namespace: notify }
`;

const files = (kustomize: string) => ({
  'argocd/notifier.yaml': app(kustomize),
  'apps/notifier/kustomization.yaml': `
    namePrefix: team-
    resources: [es.yaml, deploy.yaml]
  `,
  'apps/notifier/es.yaml': `
    apiVersion: external-secrets.io/v1
    kind: ExternalSecret
    metadata: { name: notifier-smtp }
    spec:
      secretStoreRef: { kind: ClusterSecretStore, name: vault }
      data:
        - secretKey: PASSWORD
          remoteRef: { key: notify/smtp, property: password }
  `,
  'apps/notifier/deploy.yaml': `
    apiVersion: apps/v1
    kind: Deployment
    metadata: { name: notifier }
    spec:
      template:
        spec:
          containers:
            - name: notifier
              image: notifier
              envFrom:
                - secretRef: { name: eu-notifier-smtp }
  `,
});

describe('Argo CD kustomize settings', () => {
  it("namePrefix replaces the kustomization's: the ExternalSecret and the Secret it names are renamed", () => {
    const r = analyze(fileTree(files('namePrefix: eu-')), {});
    expect(r.externalSecrets.map(e => e.name)).toStrictEqual([
      'eu-notifier-smtp',
    ]);
    expect(r.findings.filter(f => f.type === 'missing-producer')).toStrictEqual(
      [],
    );
  });

  it('namespace and nameSuffix apply too', () => {
    const r = analyze(
      fileTree(files('{ nameSuffix: -v2, namespace: notify-eu }')),
    );
    expect(r.externalSecrets.map(e => [e.name, e.namespace])).toStrictEqual([
      ['team-notifier-smtp-v2', 'notify-eu'],
    ]);
  });

  it('patches and components are said not to be evaluated', () => {
    const r = analyze(
      fileTree(
        files('{ patches: [{ patch: "[]", target: { kind: Deployment } }] }'),
      ),
      {},
    );
    expect(
      r.findings
        .filter(f => f.severity === 'info')
        .map(f => f.message)
        .join('\n'),
    ).toContain(
      'kustomize.patches of the Application are not evaluated; what they change or add is not analysed',
    );
  });

  it('a reader the prefix leaves behind is told the renamed Secret', () => {
    const t = files('namePrefix: eu-');
    t['apps/notifier/deploy.yaml'] = t['apps/notifier/deploy.yaml'].replace(
      'eu-notifier-smtp',
      'notifier-smtp',
    );
    const found = analyze(fileTree(t), {}).findings.filter(
      f => f.type === 'missing-producer',
    );
    expect(found.map(f => [f.severity, f.subject.name])).toStrictEqual([
      ['warning', 'notifier-smtp'],
    ]);
    expect(found[0].message).toContain(
      'eu-notifier-smtp is produced there, the same name with a prefix or suffix (renamed where the reader was not?)',
    );
  });
});
