/*
 * One test per finding type (templates and YAML that cannot be read), each on the smallest repository that
 * produces it, asserting the whole finding.
 */
import { externalSecret } from '../__testUtils__/fileTree';
import { fixtureRelease, platformStore } from '../__testUtils__/repo';
import { FIXTURES, run, only, id, app } from './__testUtils__/findings';

describe('findings', () => {
  it('unevaluable-template: a template that cannot be evaluated is a finding with file:line; other templates still render', () => {
    const r = run(
      {
        ...fixtureRelease('k: x\n'),
        ...platformStore(),
        ...app(
          'c',
          externalSecret({
            name: 'c',
            data: [{ secretKey: 'a', key: 'k', property: 'value' }],
          }),
          {
            'deployment.yaml':
              'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: c\n  tag: {{ required "image.tag is required" .Values.image.tag }}\n',
          },
        ),
      },
      { environments: ['dev'] },
    );
    expect(r.findings).toStrictEqual([
      {
        id,
        type: 'unevaluable-template',
        severity: 'error',
        message:
          'Template could not be evaluated for dev: nil pointer evaluating interface {}.tag.',
        subject: {
          kind: 'File',
          name: 'sources/charts/apps/c/templates/deployment.yaml',
        },
        release: 'apps-c',
        chart: 'sources/charts/apps/c',
        environment: 'dev',
        sourceRef: {
          file: 'sources/charts/apps/c/templates/deployment.yaml',
          line: 5,
        },
        proposedFix: {
          title: 'Fix or simplify the template',
          actions: [
            'Open sources/charts/apps/c/templates/deployment.yaml:5; the rest of the repository was still analysed.',
          ],
        },
      },
    ]);
    expect(r.externalSecrets.map(e => e.name)).toStrictEqual(['c']);
  });

  it('unevaluable-template: lookup is reported as unknown at render (info)', () => {
    const r = run(
      {
        ...app('l', '', {
          'secret.yaml':
            'apiVersion: v1\nkind: Secret\nmetadata:\n  name: l\ndata:\n  token: {{ (lookup "v1" "Secret" "ameide" "l").data.token }}\n',
        }),
      },
      { environments: ['dev'] },
    );
    expect(r.findings).toStrictEqual([
      expect.objectContaining({
        type: 'unevaluable-template',
        severity: 'info',
        message:
          'Template uses a value only known at install time: `lookup` reads the live cluster and is unknown at render time.',
        sourceRef: {
          file: 'sources/charts/apps/l/templates/secret.yaml',
          line: 6,
        },
      }),
    ]);
  });

  it('invalid-yaml: a broken values file is a finding with file:line, and the rest is still analysed', () => {
    const r = run(
      {
        ...fixtureRelease('k: x\n'),
        ...platformStore(),
        ...app(
          's',
          externalSecret({
            name: 's',
            data: [{ secretKey: 'a', key: 'k', property: 'value' }],
          }),
        ),
        'sources/values/env/dev/apps/apps-s.yaml':
          'replicas: 2\nresources:\n  limits:\n cpu: 1\n   memory: 1Gi\n',
        'sources/manifests/broken/x.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n',
      },
      { environments: ['dev'] },
    );
    expect(
      r.findings.map(f => [f.type, f.sourceRef, f.environment]),
    ).toStrictEqual([
      [
        'invalid-yaml',
        { file: 'sources/manifests/broken/x.yaml', line: 3 },
        undefined,
      ],
      [
        'invalid-yaml',
        { file: 'sources/values/env/dev/apps/apps-s.yaml', line: 4 },
        'dev',
      ],
    ]);
    expect(only(r, 'invalid-yaml')[1]).toStrictEqual({
      id,
      type: 'invalid-yaml',
      severity: 'error',
      message: expect.stringMatching(
        /^YAML could not be evaluated for dev: invalid YAML: [a-z ]+\.$/,
      ),
      subject: {
        kind: 'File',
        name: 'sources/values/env/dev/apps/apps-s.yaml',
      },
      release: 'apps-s',
      chart: 'sources/charts/apps/s',
      environment: 'dev',
      sourceRef: { file: 'sources/values/env/dev/apps/apps-s.yaml', line: 4 },
      proposedFix: {
        title: 'Fix the YAML',
        actions: [
          'Open sources/values/env/dev/apps/apps-s.yaml:4; the rest of the repository was still analysed.',
        ],
      },
    });
    expect(r.externalSecrets.map(e => e.name)).toStrictEqual(['s']);
  });

  it('invalid-yaml: a template whose output is not YAML points at the template and the output line', () => {
    const r = run(
      {
        ...app(
          'o',
          'apiVersion: v1\nkind: ConfigMap\ndata: {{ .Values.broken }}\n',
          {},
          'broken: "[a"\n',
        ),
      },
      { environments: ['dev'] },
    );
    expect(r.findings).toStrictEqual([
      expect.objectContaining({
        type: 'invalid-yaml',
        message: expect.stringMatching(
          /^YAML could not be evaluated for dev: rendered output is not valid YAML at line 3 of the output \([a-z ]+\)\.$/,
        ),
        sourceRef: {
          file: 'sources/charts/apps/o/templates/externalsecret.yaml',
          line: 1,
        },
      }),
    ]);
  });

  it('invalid-yaml: a broken Chart.yaml is reported, and the chart is still rendered under its directory name', () => {
    const r = run(
      {
        ...app(
          'c',
          externalSecret({
            name: 'c',
            data: [{ secretKey: 'a', key: 'k', property: 'value' }],
          }),
        ),
        'sources/charts/apps/c/Chart.yaml': 'apiVersion: v2\nname: [c\n',
      },
      { environments: ['dev'] },
    );
    expect(only(r, 'invalid-yaml')).toStrictEqual([
      expect.objectContaining({
        chart: 'sources/charts/apps/c',
        sourceRef: { file: 'sources/charts/apps/c/Chart.yaml', line: 2 },
      }),
    ]);
    expect(r.externalSecrets.map(e => [e.name, e.release])).toStrictEqual([
      ['c', 'apps-c'],
    ]);
  });

  it('invalid-yaml: a values file that is not a map is reported, not silently ignored', () => {
    const r = run(
      {
        ...app('s', ''),
        'sources/values/_shared/apps/apps-s.yaml': '- a\n- b\n',
      },
      { environments: ['dev'] },
    );
    expect(r.findings).toStrictEqual([
      expect.objectContaining({
        type: 'invalid-yaml',
        message:
          'YAML could not be evaluated for dev: values file is not a map of values and was ignored.',
        sourceRef: { file: 'sources/values/_shared/apps/apps-s.yaml', line: 1 },
      }),
    ]);
  });

  it('invalid-yaml: duplicate keys in a values file and a manifest, one finding per repeated key with its line', () => {
    const r = run(
      {
        ...fixtureRelease('orders-db: local-dev\n'),
        ...platformStore(),
        ...app(
          'orders',
          externalSecret({
            name: 'orders',
            data: [{ secretKey: 'p', key: 'orders-db', property: 'value' }],
          }),
        ),
        'sources/values/_shared/apps/apps-orders.yaml':
          'replicas: 1\nnamespace: ameide\nreplicas: 2\nnamespace: other\n',
        'sources/manifests/apps/cm.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n',
      },
      { environments: ['dev'] },
    );
    expect(
      only(r, 'invalid-yaml').map(f => [f.message, f.environment, f.sourceRef]),
    ).toStrictEqual([
      [
        'YAML could not be evaluated: invalid YAML: duplicate mapping key (first at line 4); the later value silently replaces the earlier one.',
        undefined,
        { file: 'sources/manifests/apps/cm.yaml', line: 5 },
      ],
      [
        'YAML could not be evaluated for dev: invalid YAML: duplicate mapping key (first at line 1); the later value silently replaces the earlier one.',
        'dev',
        { file: 'sources/values/_shared/apps/apps-orders.yaml', line: 3 },
      ],
      [
        'YAML could not be evaluated for dev: invalid YAML: duplicate mapping key (first at line 2); the later value silently replaces the earlier one.',
        'dev',
        { file: 'sources/values/_shared/apps/apps-orders.yaml', line: 4 },
      ],
    ]);
    // the file is still read: the later namespace wins
    expect(r.externalSecrets.map(e => e.namespace)).toStrictEqual(['other']);
  });

  it('invalid-yaml: a duplicate key in the fixture map is reported; its later value is the one read', () => {
    const r = run(
      {
        ...fixtureRelease('orders-db: local-dev\norders-db: ""\n'),
        ...platformStore(),
        ...app(
          'orders',
          externalSecret({
            name: 'orders',
            data: [{ secretKey: 'p', key: 'orders-db', property: 'value' }],
          }),
        ),
      },
      { environments: ['dev'] },
    );
    expect(only(r, 'invalid-yaml').map(f => f.sourceRef)).toStrictEqual([
      { file: FIXTURES, line: 3 },
    ]);
    expect(r.coverage.map(c => [c.fixture, c.fixtureRef])).toStrictEqual([
      ['empty-override', { file: FIXTURES, line: 3 }],
    ]);
  });
});
