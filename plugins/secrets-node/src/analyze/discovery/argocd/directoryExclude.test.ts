/* Applications in files a root Application's directory settings leave out are not applied. */
import { fileTree } from '../../../__testUtils__/fileTree';
import { analyze } from '../../analyze';

const app = (name: string, source: string) => `
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://git.example.com/infra.git
${source}
  destination: { server: https://kubernetes.default.svc, namespace: ${name} }
`;

const chart = (name: string) => ({
  [`charts/${name}/Chart.yaml`]: `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`,
  [`charts/${name}/templates/cm.yaml`]:
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n',
});

describe('Argo CD directory settings decide which Applications are applied', () => {
  it('exclude, and files below the folder without recurse, are not applied, with an info', () => {
    const r = analyze(
      fileTree({
        ...chart('web'),
        ...chart('minio'),
        ...chart('draft'),
        'argocd/root.yaml': app(
          'root',
          "    path: argocd/apps\n    directory:\n      exclude: '{minio.yaml}'",
        ),
        'argocd/apps/web.yaml': app('web', '    path: charts/web'),
        'argocd/apps/minio.yaml': app('minio', '    path: charts/minio'),
        'argocd/apps/drafts/draft.yaml': app('draft', '    path: charts/draft'),
      }),
    );
    expect(r.releases.map(x => x.name)).toStrictEqual(['web']);
    const notes = r.findings
      .filter(f => f.type === 'unevaluable-declaration')
      .map(f => f.sourceRef?.file);
    expect(notes).toEqual(
      expect.arrayContaining([
        'argocd/apps/minio.yaml',
        'argocd/apps/drafts/draft.yaml',
      ]),
    );
  });
});
