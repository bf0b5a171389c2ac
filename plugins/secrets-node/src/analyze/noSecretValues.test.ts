/*
 * No secret value in the report: fixture values, inline credential values and
 * credential-like values from the input never appear in the JSON report or
 * in any CLI output format.
 */
import fc from 'fast-check';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chart, externalSecret, fileTree } from '../__testUtils__/fileTree';
import { fixtureRelease, platformStore } from '../__testUtils__/repo';
import { runCli } from '../cli/main';
import { readFileTree } from '../tree';
import { analyze } from './analyze';

const SECRETS = [
  'FxtValue-orders-7Qp2',
  'FxtValue-s3-access-9Lm4',
  'FxtValue-s3-secret-3Kd8',
  'FxtValue-placeholder-kc-1',
  'FxtValue-prod-override-5Zz',
  'InlinePass-smtp-4Rt6',
  'InlineToken-data-8Hh1',
  'ValuesPass-pg-2Nn5',
  'SealedBlob-AgBy3i4OJSWK',
  'TemplateLiteral-6Vv0',
  'BrokenYamlPass-1Qq9',
];
const b64 = (s: string) => Buffer.from(s).toString('base64');

const files = {
  ...fixtureRelease(
    `orders-db: ${SECRETS[0]}\ns3:\n  access-key: ${SECRETS[1]}\n  secret-key: ${SECRETS[2]}\nkc-client: placeholder-${SECRETS[3]}\nunused: ${SECRETS[0]}\n`,
    `orders-db: ${SECRETS[4]}\ns3: ""\n`,
  ),
  ...platformStore(),
  ...chart(
    'apps',
    'orders',
    {
      'es.yaml': externalSecret({
        name: 'orders',
        data: [
          { secretKey: 'pw', key: 'orders-db', property: 'value' },
          { secretKey: 'ak', key: 's3', property: 'access-key' },
          { secretKey: 'region', key: 's3', property: 'region' },
          { secretKey: 'nokey', key: 'missing-key' },
        ],
      }),
      'kc.yaml': externalSecret({
        name: 'kc',
        origin: 'service-generated',
        data: [{ secretKey: 'c', key: 'kc-client', property: 'value' }],
      }),
      'secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders-inline\ndata:\n  token: ${b64(
        SECRETS[6],
      )}\nstringData:\n  password: {{ .Values.postgresql.auth.password }}\n`,
      'deploy.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n        - name: c\n          env:\n            - name: X\n              value: {{ required (printf "no %s" .Values.postgresql.auth.password) .Values.nothing }}\n`,
      'template.yaml': `apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: t\nspec:\n  secretStoreRef: {kind: ClusterSecretStore, name: vault}\n  target:\n    name: t\n    template:\n      data:\n        dsn: "user:${SECRETS[9]}@{{ .host }}"\n  data: []\n`,
    },
    `namespace: ameide\npostgresql:\n  auth:\n    password: ${SECRETS[7]}\n`,
  ),
  'sources/manifests/legacy/smtp.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: smtp\nstringData:\n  password: ${SECRETS[5]}\n`,
  'sources/manifests/legacy/sealed.yaml': `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: s\nspec:\n  encryptedData:\n    password: ${SECRETS[8]}\n`,
  'sources/values/env/dev/apps/apps-orders.yaml': `postgresql:\n  auth:\n    password: "${SECRETS[10]}\n`,
};

function assertNoSecret(text: string) {
  for (const s of SECRETS) {
    expect(text).not.toContain(s);
    expect(text).not.toContain(b64(s));
  }
}

describe('no secret value in the report', () => {
  it('the report carries findings about the secrets but none of their values', () => {
    const report = analyze(fileTree(files));
    // the fixture is meaningful: it produces findings of many kinds
    expect(
      new Set(report.findings.map(f => f.type)).size,
    ).toBeGreaterThanOrEqual(7);
    assertNoSecret(JSON.stringify(report));
  });

  it('no CLI output format prints a value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-leak-'));
    try {
      for (const [path, text] of fileTree(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      for (const format of ['text', 'json', 'sarif']) {
        const out: string[] = [];
        const code = await runCli(['check', dir, '--format', format], {
          stdout: s => out.push(s),
          stderr: s => out.push(s),
        });
        expect(code).toBe(1);
        assertNoSecret(out.join('\n'));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the demo repository report holds none of its fixture or inline values', async () => {
    const tree = await readFileTree(
      resolve(__dirname, '../../../../examples/gitops'),
    );
    const values: string[] = [];
    for (const [path, text] of tree) {
      if (!/vault-bootstrap\.yaml$|manifests\/legacy\//.test(path)) continue;
      for (const m of text.matchAll(
        /^\s+[\w.-]+:\s+"?([^"\s#][^"#\n]*?)"?\s*$/gm,
      )) {
        if (m[1].length >= 8 && /\d|-/.test(m[1])) values.push(m[1]);
      }
    }
    expect(values.length).toBeGreaterThan(10);
    const json = JSON.stringify(analyze(tree));
    const leaked = values.filter(v => json.includes(v) && !isName(v, json));
    expect(leaked).toStrictEqual([]);
  });
});

describe('no secret value in the report (property)', () => {
  const secret = fc
    .stringMatching(/^[A-Za-z0-9+/=_.:@-]{12,40}$/)
    .map(v => `Zq${v}`);

  it('random fixture, override, inline and values secrets never reach the report', () => {
    fc.assert(
      fc.property(fc.array(secret, { minLength: 6, maxLength: 6 }), values => {
        const [f1, f2, prod, inline, dataValue, chartValue] = values;
        const report = analyze(
          fileTree({
            ...fixtureRelease(
              `a: "${f1}"\nb:\n  p: "${f2}"\nunused: "${f1}"\n`,
              `a: "${prod}"\nb: ""\n`,
            ),
            ...platformStore(),
            ...chart(
              'apps',
              'x',
              {
                'es.yaml': externalSecret({
                  name: 'x',
                  data: [
                    { secretKey: 'a', key: 'a', property: 'value' },
                    { secretKey: 'b', key: 'b', property: 'p' },
                    { secretKey: 'c', key: 'missing' },
                  ],
                }),
                'secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: "${b64(
                  dataValue,
                )}"\nstringData:\n  token: "${inline}"\n  apiKey: {{ .Values.apiKey | quote }}\n`,
              },
              `namespace: ameide\napiKey: "${chartValue}"\n`,
            ),
          }),
        );
        expect(report.findings.length).toBeGreaterThan(3);
        const json = JSON.stringify(report);
        for (const v of values) {
          expect(json).not.toContain(v);
          expect(json).not.toContain(b64(v));
        }
      }),
      { numRuns: 40 },
    );
  });
});

/** A value that is also a legitimate name in the report (a Secret or namespace name), e.g. `smtp.example.com:587` is not. */
function isName(v: string, json: string): boolean {
  return (
    json.includes(`"name":"${v}"`) ||
    json.includes(`"namespace":"${v}"`) ||
    json.includes(`"key":"${v}"`)
  );
}
