import { contextOf } from '../../../__testUtils__/argoContext';
import { generatorParams } from './generators';
import { canonicalRepoURL } from './repoURL';
import { parse } from 'yaml';
import type { ArgoContext, Params } from './types';

const go = { goTemplate: true, options: [] as string[] };
const fast = { goTemplate: false, options: [] as string[] };
const origin = { file: 'appset.yaml', line: 1, what: 'ApplicationSet/x' };
const gen = (ctx: ArgoContext, yaml: string, mode = go) =>
  generatorParams(parse(yaml), ctx, mode, origin);
const pick = (list: Params[], ...keys: string[]) =>
  list.map(p => keys.map(k => p[k]));

describe('list generator', () => {
  it('yields elements and elementsYaml; fasttemplate mode flattens values and needs strings', () => {
    const ctx = contextOf({});
    expect(
      gen(
        ctx,
        'list:\n  elements: [{env: dev, n: 1}]\n  elementsYaml: "- env: production\\n"',
      ),
    ).toStrictEqual([{ env: 'dev', n: 1 }, { env: 'production' }]);
    expect(
      gen(ctx, 'list:\n  elements: [{env: dev, values: {tier: web}}]', fast),
    ).toStrictEqual([{ env: 'dev', 'values.tier': 'web' }]);
    expect(
      gen(ctx, 'list:\n  elements: [{env: dev, n: 1}]', fast),
    ).toStrictEqual([]);
    expect(ctx.notes[0].message).toMatch(/"n" is not a string/);
  });
});

describe('clusters generator', () => {
  const secret = (name: string, env: string, encoded = false) => `
    apiVersion: v1
    kind: Secret
    metadata:
      name: ${name}
      labels:
        argocd.argoproj.io/secret-type: cluster
        env: ${env}
    ${
      encoded
        ? `data:\n      name: ${Buffer.from(name).toString(
            'base64',
          )}\n      server: ${Buffer.from(`https://${name}`).toString(
            'base64',
          )}`
        : `stringData:\n      name: ${name}\n      server: https://${name}\n      config: '{"bearerToken": "not-read"}'`
    }
  `;

  it('defaults to the in-cluster cluster when none is declared', () => {
    expect(gen(contextOf({}), 'clusters: {}')).toStrictEqual([
      {
        name: 'in-cluster',
        nameNormalized: 'in-cluster',
        server: 'https://kubernetes.default.svc',
        project: '',
      },
    ]);
  });

  it('reads cluster Secrets and option clusters, filters by selector, adds values', () => {
    const ctx = contextOf(
      {
        'clusters/a.yaml': secret('Prod-A', 'production'),
        'clusters/b.yaml': secret('dev-b', 'dev', true),
      },
      {
        clusters: [
          {
            name: 'stage',
            server: 'https://stage',
            labels: { env: 'staging' },
            annotations: {},
          },
        ],
      },
    );
    const all = gen(ctx, 'clusters: {}');
    expect(pick(all, 'name', 'nameNormalized', 'server')).toStrictEqual([
      ['Prod-A', 'prod-a', 'https://Prod-A'],
      ['dev-b', 'dev-b', 'https://dev-b'],
      ['stage', 'stage', 'https://stage'],
      ['in-cluster', 'in-cluster', 'https://kubernetes.default.svc'],
    ]);
    expect(JSON.stringify(all)).not.toContain('not-read');
    const selected = gen(
      ctx,
      'clusters:\n  selector:\n    matchExpressions: [{key: env, operator: In, values: [dev, staging]}]\n  values:\n    ns: "apps-{{ .name }}"',
    );
    expect(pick(selected, 'name', 'values')).toStrictEqual([
      ['dev-b', { ns: 'apps-dev-b' }],
      ['stage', { ns: 'apps-stage' }],
    ]);
    expect(
      pick(
        gen(
          ctx,
          'clusters:\n  selector: {matchLabels: {env: production}}',
          fast,
        ),
        'name',
        'metadata.labels.env',
      ),
    ).toStrictEqual([['Prod-A', 'production']]);
  });
});

describe('git generator', () => {
  const files = {
    'apps/orders/config.yaml': 'name: orders\nchart: {path: charts/orders}\n',
    'apps/billing/config.yaml': '- name: billing-a\n- name: billing-b\n',
    'apps/legacy/config.yaml': 'name: legacy\n',
    'apps/deep/nested/config.yaml': 'name: deep\n',
    'apps/.hidden/x.yaml': 'a: 1\n',
    'apps/orders/Chart.yaml': 'name: orders\n',
  };

  it('files: one object or a list of objects, exclude, and the path parameters in Go mode', () => {
    const ctx = contextOf(files);
    const out = gen(
      ctx,
      'git:\n  repoURL: https://x/repo.git\n  files:\n    - path: apps/*/config.yaml\n    - path: apps/legacy/*\n      exclude: true',
    );
    expect(out.map(p => p.name)).toStrictEqual([
      'billing-a',
      'billing-b',
      'deep',
      'orders',
    ]);
    expect(out[3]).toStrictEqual({
      name: 'orders',
      chart: { path: 'charts/orders' },
      path: {
        path: 'apps/orders',
        basename: 'orders',
        filename: 'config.yaml',
        basenameNormalized: 'orders',
        filenameNormalized: 'config.yaml',
        segments: ['apps', 'orders'],
      },
    });
  });

  it('files: flat parameters in fasttemplate mode, strict globbing keeps `*` in a segment', () => {
    const out = gen(
      contextOf(files),
      'git:\n  files: [{path: "apps/orders/*.yaml"}]',
      fast,
    );
    expect(out.map(p => p['path.filename'])).toStrictEqual([
      'Chart.yaml',
      'config.yaml',
    ]);
    expect(out[1]).toStrictEqual({
      name: 'orders',
      'chart.path': 'charts/orders',
      path: 'apps/orders',
      'path.basename': 'orders',
      'path.basenameNormalized': 'orders',
      'path.filename': 'config.yaml',
      'path.filenameNormalized': 'config.yaml',
      'path[0]': 'apps',
      'path[1]': 'orders',
    });
    const strict = contextOf(files, { gitFileGlobbing: 'strict' });
    expect(
      gen(strict, 'git:\n  files: [{path: "apps/*/config.yaml"}]').map(
        p => p.name,
      ),
    ).toStrictEqual(['billing-a', 'billing-b', 'orders', 'legacy'].sort());
    expect(
      gen(strict, 'git:\n  files: [{path: "apps/**/config.yaml"}]').length,
    ).toBe(5);
  });

  it('directories: path.Match per segment, exclude entries, hidden directories skipped', () => {
    const out = gen(
      contextOf(files),
      'git:\n  directories:\n    - path: apps/*\n    - path: apps/legacy\n      exclude: true',
      fast,
    );
    expect(pick(out, 'path', 'path.basename', 'path[1]')).toStrictEqual([
      ['apps/billing', 'billing', 'billing'],
      ['apps/deep', 'deep', 'deep'],
      ['apps/orders', 'orders', 'orders'],
    ]);
  });

  it('another repository: nothing, and a note', () => {
    const ctx = contextOf(files, {
      repoURLs: ['git@github.com:org/platform.git'],
    });
    expect(
      gen(
        ctx,
        'git:\n  repoURL: https://github.com/org/platform\n  directories: [{path: "apps/*"}]',
      ),
    ).toHaveLength(4);
    expect(
      gen(
        ctx,
        'git:\n  repoURL: https://github.com/org/other.git\n  directories: [{path: "apps/*"}]',
      ),
    ).toStrictEqual([]);
    expect(ctx.notes.map(n => n.message)).toStrictEqual([
      'ApplicationSet/x: git generator reads another repository (https://github.com/org/other.git), which the engine cannot read',
    ]);
    expect(canonicalRepoURL('git@github.com:Org/Platform.git')).toBe(
      'github.com/org/platform',
    );
  });
});

describe('matrix and merge generators', () => {
  it('matrix: the second generator reads the parameters of the first', () => {
    const ctx = contextOf({
      'envs/dev/env.yaml': 'env: dev\n',
      'envs/production/env.yaml': 'env: production\n',
      'envs/dev/apps/orders.yaml': 'app: orders\n',
      'envs/production/apps/orders.yaml': 'app: orders\n',
      'envs/production/apps/billing.yaml': 'app: billing\n',
    });
    const out = gen(
      ctx,
      'matrix:\n  generators:\n    - git: {files: [{path: "envs/*/env.yaml"}]}\n    - git: {files: [{path: "envs/{{ .env }}/apps/*.yaml"}]}',
    );
    expect(out.map(p => [p.env, p.app, (p.path as any).path])).toStrictEqual([
      ['dev', 'orders', 'envs/dev'],
      ['production', 'billing', 'envs/production'],
      ['production', 'orders', 'envs/production'],
    ]);
  });

  it('matrix nested in matrix, and the depth limit', () => {
    const ctx = contextOf({});
    const list = (k: string, ...v: string[]) =>
      `{list: {elements: [${v.map(x => `{${k}: ${x}}`).join(',')}]}}`;
    const out = gen(
      ctx,
      `matrix:\n  generators:\n    - ${list(
        'a',
        '1',
        '2',
      )}\n    - matrix:\n        generators: [${list('b', 'x')}, ${list(
        'c',
        'y',
        'z',
      )}]`,
    );
    expect(out).toStrictEqual([
      { a: 1, b: 'x', c: 'y' },
      { a: 1, b: 'x', c: 'z' },
      { a: 2, b: 'x', c: 'y' },
      { a: 2, b: 'x', c: 'z' },
    ]);
    gen(
      ctx,
      `matrix:\n  generators:\n    - ${list(
        'a',
        '1',
      )}\n    - matrix:\n        generators:\n          - ${list(
        'b',
        '1',
      )}\n          - matrix: {generators: [${list('c', '1')}, ${list(
        'd',
        '1',
      )}]}`,
    );
    expect(ctx.notes.map(n => n.message)).toStrictEqual([
      'ApplicationSet/x: matrix generators nest deeper than Argo CD allows',
    ]);
  });

  it('merge: later generators override by merge key', () => {
    const out = gen(
      contextOf({}),
      'merge:\n  mergeKeys: [name]\n  generators:\n    - list: {elements: [{name: a, env: dev}, {name: b, env: dev}]}\n    - list: {elements: [{name: b, env: production}, {name: c, env: staging}]}',
    );
    expect(out).toStrictEqual([
      { name: 'a', env: 'dev' },
      { name: 'b', env: 'production' },
    ]);
  });

  it('generators that need a live service yield a note; post-selectors filter', () => {
    const ctx = contextOf({});
    expect(
      gen(ctx, 'pullRequest: {github: {owner: o, repo: r}}'),
    ).toStrictEqual([]);
    expect(gen(ctx, 'scmProvider: {github: {organization: o}}')).toStrictEqual(
      [],
    );
    expect(ctx.notes.map(n => n.message)).toStrictEqual([
      'ApplicationSet/x: the pullRequest generator needs a live service and cannot be evaluated offline; its Applications are not analysed',
      'ApplicationSet/x: the scmProvider generator needs a live service and cannot be evaluated offline; its Applications are not analysed',
    ]);
    expect(
      gen(
        ctx,
        'list: {elements: [{env: dev}, {env: production}]}\nselector: {matchLabels: {env: dev}}',
      ),
    ).toStrictEqual([{ env: 'dev' }]);
  });
});

describe('generator options', () => {
  it('clusters flatList gives one parameter set holding every cluster', () => {
    const out = gen(
      contextOf(
        {},
        {
          clusters: [
            { name: 'a', server: 'https://a', labels: {}, annotations: {} },
          ],
        },
      ),
      'clusters: {flatList: true}',
    );
    expect(out.map(p => (p.clusters as any[]).map(c => c.name))).toStrictEqual([
      ['a', 'in-cluster'],
    ]);
  });

  it('git values and pathParamPrefix in fasttemplate mode', () => {
    const out = gen(
      contextOf({ 'apps/orders/config.yaml': 'team: shop\n' }),
      'git:\n  pathParamPrefix: app\n  files: [{path: apps/*/config.yaml}]\n  values:\n    release: "{{app.path.basename}}-{{team}}"',
      fast,
    );
    expect(out[0]).toMatchObject({
      team: 'shop',
      'app.path': 'apps/orders',
      'app.path.basename': 'orders',
      'app.path[1]': 'orders',
      'values.release': 'orders-shop',
    });
  });
});
