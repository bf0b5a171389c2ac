/*
 * In-memory fixture builder for engine tests: a FileTree from an object of
 * repo-relative path -> content. Content is dedented, so fixtures can be
 * written as indented template literals next to the assertions.
 */
import type { FileTree } from '../tree';

/** Removes the common leading indentation and the first empty line. */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n\s*$/, '\n')
    .split('\n');
  const indents = lines
    .filter(l => l.trim())
    .map(l => /^ */.exec(l)![0].length);
  const min = indents.length ? Math.min(...indents) : 0;
  return lines.map(l => l.slice(min)).join('\n');
}

/** Builds a FileTree; every value is dedented. */
export function fileTree(files: Record<string, string>): FileTree {
  return new Map(
    Object.entries(files).map(([path, text]) => [path, dedent(text)]),
  );
}

/** A minimal chart under the default layout: `sources/charts/<group>/<name>`. */
export function chart(
  group: string,
  name: string,
  templates: Record<string, string>,
  values = '',
): Record<string, string> {
  const dir = `sources/charts/${group}/${name}`;
  const out: Record<string, string> = {
    [`${dir}/Chart.yaml`]: `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`,
    [`${dir}/values.yaml`]: values,
  };
  for (const [file, text] of Object.entries(templates))
    out[`${dir}/templates/${file}`] = text;
  return out;
}

/** An ExternalSecret manifest (plain YAML, not templated). */
export function externalSecret(opts: {
  name: string;
  target?: string;
  namespace?: string;
  store?: { kind: string; name: string };
  data?: Array<{ secretKey: string; key: string; property?: string }>;
  origin?: string;
  apiVersion?: string;
}): string {
  const store = opts.store ?? { kind: 'ClusterSecretStore', name: 'vault' };
  const lines = [
    `apiVersion: ${opts.apiVersion ?? 'external-secrets.io/v1'}`,
    'kind: ExternalSecret',
    'metadata:',
    `  name: ${opts.name}`,
    ...(opts.namespace ? [`  namespace: ${opts.namespace}`] : []),
    ...(opts.origin
      ? ['  annotations:', `    secrets.ameide.io/origin: ${opts.origin}`]
      : []),
    'spec:',
    '  refreshInterval: 1h',
    '  secretStoreRef:',
    `    kind: ${store.kind}`,
    `    name: ${store.name}`,
    '  target:',
    `    name: ${opts.target ?? opts.name}`,
    '  data:',
    ...(opts.data ?? []).flatMap(d => [
      `    - secretKey: ${d.secretKey}`,
      '      remoteRef:',
      `        key: ${d.key}`,
      ...(d.property ? [`        property: ${d.property}`] : []),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

/** A ClusterSecretStore for Vault. */
export const clusterStore = (name = 'vault') =>
  `apiVersion: external-secrets.io/v1\nkind: ClusterSecretStore\nmetadata:\n  name: ${name}\nspec:\n  provider:\n    vault:\n      server: http://vault:8200\n`;
