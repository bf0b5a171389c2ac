import { planChartExternalSecrets } from './plan';
import { placeholderFor } from './plan/fixtures';
import { safeRelativePath } from './plan/validate';
import { ScaffoldError } from './plan/types';

const chart = (extra: Record<string, string> = {}) =>
  new Map<string, string>([
    ['charts/svc/Chart.yaml', 'apiVersion: v2\nname: svc\nversion: 0.1.0\n'],
    ['charts/svc/values.yaml', 'a: 1\n'],
    ...Object.entries(extra),
  ]);
const input = {
  chartPath: 'charts/svc',
  serviceName: 'svc',
  namespace: 'apps',
  secrets: [
    {
      name: 'svc-db',
      keys: [{ secretKey: 'password', vaultKey: 'svc-db-password' }],
    },
  ],
};
const file = (
  plan: ReturnType<typeof planChartExternalSecrets>,
  path: string,
) => plan.files.find(f => f.path === path)!;

describe('safeRelativePath', () => {
  it('normalises harmless segments', () => {
    expect(safeRelativePath('./a//b/./c.yaml', 'f')).toBe('a/b/c.yaml');
    expect(safeRelativePath('a\\b', 'f')).toBe('a/b');
  });
  it.each([
    '../a',
    'a/../../b',
    '/etc/passwd',
    'C:/x',
    '\\\\server\\x',
    '~/x',
    '',
    '.',
    'a\0b',
  ])('refuses %j', p => {
    expect(() => safeRelativePath(p, 'f')).toThrow(ScaffoldError);
  });
});

describe('placeholderFor', () => {
  it('is deterministic and says it is a placeholder', () => {
    expect(placeholderFor('svc/db', 'value')).toBe(
      'placeholder-svc-db-not-a-real-secret',
    );
    expect(placeholderFor('svc-s3', 'secret-key')).toBe(
      'placeholder-svc-s3-secret-key-not-a-real-secret',
    );
  });
});

describe('planChartExternalSecrets', () => {
  it('creates the values block with the default store', () => {
    const plan = planChartExternalSecrets(chart(), input);
    const values = file(plan, 'charts/svc/values.yaml');
    // the preview leaves out what the file held before
    expect(values.preview).toBe(values.content.replace(/^a: 1\n/, ''));
    expect(values).toStrictEqual({
      path: 'charts/svc/values.yaml',
      role: 'values',
      change: 'update',
      preview: values.preview,
      content: [
        'a: 1',
        'secrets:',
        '  enabled: true',
        '  refreshInterval: 1h',
        '  store:',
        '    kind: ClusterSecretStore',
        '    name: ameide-vault',
        'externalSecrets:',
        '  - name: svc-db',
        '    origin: external',
        '    data:',
        '      - secretKey: password',
        '        remoteRef:',
        '          key: svc-db-password',
        '          property: value',
        '',
      ].join('\n'),
    });
    expect(plan.fixtureKeysAdded).toStrictEqual([]);
  });

  it('follows the indentation of the file it edits', () => {
    const four = planChartExternalSecrets(
      chart({
        'charts/svc/values.yaml': 'image:\n    tag: "1"\nlist:\n    - a\n',
      }),
      input,
    );
    const text = file(four, 'charts/svc/values.yaml').content;
    expect(text.startsWith('image:\n    tag: "1"\nlist:\n    - a\n')).toBe(
      true,
    );
    expect(text).toContain(
      'externalSecrets:\n    - name: svc-db\n      origin: external\n',
    );

    const compact = planChartExternalSecrets(
      chart({ 'charts/svc/values.yaml': 'list:\n- a\n' }),
      input,
    );
    expect(file(compact, 'charts/svc/values.yaml').content).toContain(
      'externalSecrets:\n- name: svc-db\n  origin: external\n  data:\n  - secretKey: password\n',
    );
  });

  it('returns an untouched file byte for byte', () => {
    const fixtures =
      'fixtures:   # odd spacing kept\n  svc-db-password:    "set"\n';
    const plan = planChartExternalSecrets(chart({ 'f.yaml': fixtures }), {
      ...input,
      fixtureFiles: ['f.yaml'],
    });
    expect(file(plan, 'f.yaml')).toMatchObject({
      change: 'unchanged',
      content: fixtures,
      preview: '',
    });
  });

  it('fills a null block instead of failing on it', () => {
    const plan = planChartExternalSecrets(
      chart({ 'charts/svc/values.yaml': 'secrets:\nexternalSecrets:\n' }),
      input,
    );
    expect(file(plan, 'charts/svc/values.yaml').content).toMatch(
      /^secrets:\n {2}enabled: true\n/,
    );
  });

  it('refuses a string fixture where a property is needed, without overwriting it', () => {
    expect(() =>
      planChartExternalSecrets(
        chart({ 'f.yaml': 'fixtures:\n  svc-s3: one-value\n' }),
        {
          ...input,
          secrets: [
            {
              name: 'svc-s3',
              keys: [
                { secretKey: 'k', vaultKey: 'svc-s3', property: 'access-key' },
              ],
            },
          ],
          fixtureFiles: ['f.yaml'],
        },
      ),
    ).toThrow(
      'f.yaml: fixture "svc-s3" holds a single value, but property "access-key" is needed',
    );
  });

  it('refuses a missing chart', () => {
    expect(() => planChartExternalSecrets(new Map(), input)).toThrow(
      'No chart at charts/svc: charts/svc/Chart.yaml does not exist',
    );
  });

  it('refuses a changed origin of its own entry', () => {
    const values =
      'externalSecrets:\n  - name: svc-db\n    origin: cluster-managed\n';
    expect(() =>
      planChartExternalSecrets(
        chart({ 'charts/svc/values.yaml': values }),
        input,
      ),
    ).toThrow(
      'externalSecrets entry "svc-db" has origin cluster-managed, not external',
    );
  });

  it('adds string-form references it finds to the merge check', () => {
    const values =
      'externalSecrets:\n  - name: svc-db\n    data:\n      - secretKey: password\n        remoteRef: svc-db-password\n';
    const plan = planChartExternalSecrets(
      chart({ 'charts/svc/values.yaml': values }),
      input,
    );
    expect(file(plan, 'charts/svc/values.yaml').content).toContain(
      'remoteRef: svc-db-password\n',
    );
  });
});
