import {
  foreignTemplate,
  ignoreMatcher,
  isSopsEncrypted,
  isSopsEncryptedText,
} from './ignores';

describe('ignores', () => {
  const defaults = ignoreMatcher([], true);

  it('skips tool and CI folders at any depth, task-runner and values files', () => {
    for (const p of [
      '.github/workflows/ci.yaml',
      'kubernetes/.archive/old/es.yaml',
      '.taskfiles/k8s/Taskfile.yaml',
      'Taskfile.yaml',
      '.gitlab-ci.yml',
      '.devcontainer/ci/devcontainer.yaml',
      'apps/web/values.yaml',
      'apps/web/values-prod.yaml',
    ])
      expect([p, defaults(p)]).toEqual([p, true]);
    for (const p of [
      'kubernetes/apps/web/app/externalsecret.yaml',
      'docs/example.yaml',
      'apps/web/myvalues.yaml',
    ])
      expect([p, defaults(p)]).toEqual([p, false]);
  });

  it('user paths are prefixes or globs; the default list can be turned off', () => {
    const m = ignoreMatcher(['legacy', '*.example.yaml'], false);
    expect(m('legacy/es.yaml')).toBe(true);
    expect(m('legacyish/es.yaml')).toBe(false);
    expect(m('apps/es.example.yaml')).toBe(true);
    expect(m('.github/workflows/ci.yaml')).toBe(false);
    expect(m('apps/values.yaml')).toBe(false);
  });

  it('recognises SOPS-encrypted documents and files', () => {
    expect(isSopsEncrypted({ kind: 'Secret', sops: { mac: 'x' } })).toBe(true);
    expect(isSopsEncrypted({ kind: 'Secret', data: {} })).toBe(false);
    expect(isSopsEncryptedText('A=ENC[x]\nsops_version=3.8.1\n')).toBe(true);
    expect(isSopsEncryptedText('{"a": "ENC[x]", "sops": {"mac": "x"}}')).toBe(
      true,
    );
    expect(isSopsEncryptedText('A=plain\n')).toBe(false);
  });

  it('templates of other tools, but not ExternalSecret templates in valid YAML', () => {
    expect(
      foreignTemplate('{% if x %}\nkind: Secret\n{% endif %}\n', false),
    ).toBe(true);
    expect(foreignTemplate('name: {{ cluster.name }}\n', true)).toBe(true);
    expect(
      foreignTemplate(
        'spec:\n  template:\n    data:\n      url: "{{ .url }}"\n',
        false,
      ),
    ).toBe(false);
  });
});
