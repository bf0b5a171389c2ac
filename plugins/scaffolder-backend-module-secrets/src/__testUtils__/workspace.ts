/*
 * Test helpers: workspaces on disk, a digest of a whole workspace, the demo
 * GitOps repository and the template's chart skeleton.
 */
import { createHash } from 'node:crypto';
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import { billingS3Keys } from '../actions/createSecretsChartExternalSecretsAction.examples';

export const repoRoot = resolve(__dirname, '../../../..');
export const templateDir = join(
  repoRoot,
  'examples/templates/new-service-secrets',
);
/** The "New service" template, next to the demo GitOps repository it fetches. */
export const templateFile = join(
  repoRoot,
  'examples/new-service.template.yaml',
);

export type Files = Record<string, string>;

/** Reads a directory into a path -> text map (posix paths). */
export function readDir(dir: string): Files {
  const out: Files = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile())
        out[relative(dir, full).split('\\').join('/')] = readFileSync(
          full,
          'utf8',
        );
    }
  };
  walk(dir);
  return out;
}

/** The demo GitOps repository (examples/gitops), as a workspace starts from it. */
export function demoGitops(): Files {
  return readDir(join(repoRoot, 'examples/gitops'));
}

/**
 * The template's chart skeleton with its few template expressions filled in
 * (the integration test runs the real fetch:template).
 */
export function skeletonChart(
  name: string,
  namespace: string,
  secrets: string[],
): Files {
  const out: Files = {};
  for (const [path, text] of Object.entries(
    readDir(join(templateDir, 'skeleton')),
  )) {
    out[`sources/charts/apps/${name}/${path}`] = text
      .replace(
        /\n\{%- for s in values\.secrets %\}\n {2}- \$\{\{ s\.name \}\}\n\{%- else %\} \[\]\n\{%- endfor %\}/,
        secrets.map(x => `\n  - ${x}`).join('') || ' []',
      )
      .replace(/\$\{\{ values\.name \}\}/g, name)
      .replace(/\$\{\{ values\.namespace \}\}/g, namespace)
      .replace(/\$\{\{ values\.description \}\}/g, `${name} service`);
  }
  return out;
}

let counter = 0;

/** Writes files into a fresh directory and returns its path. */
export async function makeWorkspace(files: Files): Promise<string> {
  const dir = await fs.mkdtemp(
    join(tmpdir(), `secrets-scaffold-${process.pid}-${counter++}-`),
  );
  await writeFiles(dir, files);
  return dir;
}

export async function writeFiles(dir: string, files: Files) {
  for (const [path, text] of Object.entries(files)) {
    await fs.mkdir(dirname(join(dir, path)), { recursive: true });
    await fs.writeFile(join(dir, path), text, 'utf8');
  }
}

export async function removeDir(dir: string) {
  await fs.rm(dir, { recursive: true, force: true });
}

/** Digest of every entry of a directory: paths, file bytes, link targets, kinds. */
export async function digest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (d: string) => {
    const entries = (await fs.readdir(d, { withFileTypes: true })).sort(
      (a, b) => a.name.localeCompare(b.name),
    );
    for (const e of entries) {
      const full = join(d, e.name);
      const rel = relative(dir, full);
      if (e.isSymbolicLink())
        hash.update(`L ${rel} -> ${await fs.readlink(full)}\n`);
      else if (e.isDirectory()) {
        hash.update(`D ${rel}\n`);
        await walk(full);
      } else
        hash
          .update(`F ${rel}\n`)
          .update(await fs.readFile(full))
          .update('\n');
    }
  };
  await walk(dir);
  return hash.digest('hex');
}

/** A mock action context with the workspace, the input and (optionally) dry-run. */
export function contextFor<I extends Record<string, any>>(
  workspacePath: string,
  input: I,
  opts: { dryRun?: boolean } = {},
) {
  const ctx = createMockActionContext({ workspacePath, input: input as any });
  const outputs: Record<string, any> = {};
  const logs: string[] = [];
  const context = {
    ...ctx,
    isDryRun: opts.dryRun ?? false,
    output: jest.fn((name: string, value: unknown) => {
      outputs[name] = value;
    }),
    logger: {
      ...ctx.logger,
      info: (m: string) => logs.push(m),
      warn: (m: string) => logs.push(m),
      error: (m: string) => logs.push(m),
      debug: () => {},
      child: () => ctx.logger,
    },
    checkpoint: jest.fn(async (o: { fn: () => Promise<unknown> }) => o.fn()),
  } as unknown as ActionContext<any, any>;
  return { ctx: context, outputs, logs };
}

/** A small GitOps workspace: one service chart, the fixture release and the store. */
export function smallWorkspace(): Files {
  return {
    'sources/charts/apps/billing/Chart.yaml':
      'apiVersion: v2\nname: billing\nversion: 0.1.0\n',
    'sources/charts/apps/billing/values.yaml': [
      '# Billing values: configuration only',
      'namespace: ameide',
      '',
      'image:',
      '  repository: ghcr.io/ameide/billing # pinned by CI',
      '  tag: "1.2.3"',
      'envFromSecrets:',
      '- billing-db',
      '',
    ].join('\n'),
    'sources/charts/apps/billing/templates/_helpers.tpl': [
      '{{- define "billing.name" -}}',
      '{{- .Chart.Name -}}',
      '{{- end }}',
      '',
    ].join('\n'),
    'sources/charts/foundation/vault-bootstrap/Chart.yaml':
      'apiVersion: v2\nname: vault-bootstrap\nversion: 0.1.0\n',
    'sources/charts/foundation/vault-bootstrap/values.yaml':
      'namespace: vault\n',
    'sources/charts/foundation/vault-secret-store/Chart.yaml':
      'apiVersion: v2\nname: vault-secret-store\nversion: 0.1.0\n',
    'sources/charts/foundation/vault-secret-store/templates/store.yaml': [
      'apiVersion: external-secrets.io/v1',
      'kind: ClusterSecretStore',
      'metadata:',
      '  name: ameide-vault',
      'spec:',
      '  provider:',
      '    vault:',
      '      server: http://vault:8200',
      '',
    ].join('\n'),
    'sources/charts/apps/orders/Chart.yaml':
      'apiVersion: v2\nname: orders\nversion: 0.1.0\n',
    'sources/charts/apps/orders/values.yaml': [
      'namespace: ameide',
      'secrets:',
      '  enabled: true',
      'externalSecrets:',
      '  - name: shared-smtp',
      '    data:',
      '      - secretKey: password',
      '        remoteRef: smtp-password',
      '',
    ].join('\n'),
    'sources/charts/apps/orders/templates/externalsecret.yaml': [
      '{{- range .Values.externalSecrets }}',
      '---',
      'apiVersion: external-secrets.io/v1',
      'kind: ExternalSecret',
      'metadata:',
      '  name: {{ .name }}',
      'spec:',
      '  secretStoreRef:',
      '    kind: ClusterSecretStore',
      '    name: ameide-vault',
      '  target:',
      '    name: {{ .name }}',
      '  data:',
      '  {{- range .data }}',
      '    - secretKey: {{ .secretKey }}',
      '      remoteRef:',
      '        key: {{ .remoteRef }}',
      '        property: value',
      '  {{- end }}',
      '{{- end }}',
      '',
    ].join('\n'),
    'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml': [
      '# Dev and CI Vault is seeded from this map.',
      'fixtures:',
      '  smtp-password: local-dev-smtp # shared relay',
      '  billing-db-password: already-set-by-hand',
      '',
    ].join('\n'),
    'sources/values/env/production/foundation/foundation-vault-bootstrap.yaml':
      [
        '# Production Vault is seeded by the external key vault sync.',
        'fixtures:',
        '  smtp-password: ""',
        '',
      ].join('\n'),
  };
}

export interface TestInput {
  [key: string]: any;
  secrets: Array<{
    name: string;
    origin?: string;
    writer?: string;
    keys: Array<{ secretKey: string; vaultKey: string; property?: string }>;
  }>;
}

/** The usual input for the small workspace. */
export function billingInput(extra: Record<string, unknown> = {}): TestInput {
  return {
    chartPath: 'sources/charts/apps/billing',
    serviceName: 'billing',
    namespace: 'ameide',
    secrets: [
      {
        name: 'billing-db',
        keys: [{ secretKey: 'password', vaultKey: 'billing-db-password' }],
      },
      {
        name: 'billing-s3',
        origin: 'external',
        keys: billingS3Keys,
      },
    ],
    fixtureFiles: [
      'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml',
    ],
    ...extra,
  };
}
