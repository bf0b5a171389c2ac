/*
 * What is never read as a Kubernetes manifest: tool and CI folders, task
 * runner files, Helm values files, templates of other tools, and files that
 * are not manifests at all. SOPS-encrypted files are recognised here too.
 */
import { globRegExp } from '../globs';
import { baseOf } from './util';

/**
 * Paths never read as manifests unless `defaultIgnores: false`. An entry
 * ending in `/` is a folder at any depth; an entry with `*` is a glob on the
 * file name; any other entry is a file name at any depth.
 */
export const DEFAULT_IGNORES: readonly string[] = [
  '.archive/',
  '.github/',
  '.gitlab/',
  '.gitea/',
  '.forgejo/',
  '.circleci/',
  '.woodpecker/',
  '.buildkite/',
  '.taskfiles/',
  '.devcontainer/',
  '.vscode/',
  '.gitlab-ci.yml',
  '.gitlab-ci.yaml',
  '.pre-commit-config.yaml',
  '.sops.yaml',
  '.yamllint.yaml',
  'Taskfile*.yaml',
  'Taskfile*.yml',
  'taskfile*.yaml',
  'values*.yaml',
  'values*.yml',
];

/** A glob on a path or file name: `*` never crosses a `/`. */
const globRe = (glob: string) => globRegExp(glob, '[^/]*');

/**
 * A matcher of ignored paths: the user's `ignorePaths` (folder prefixes from
 * the repository root, as before, or globs) and, unless disabled, the
 * default list.
 */
export function ignoreMatcher(
  ignorePaths: readonly string[],
  defaults: boolean,
): (path: string) => boolean {
  const prefixes: string[] = [];
  const folders: string[] = [];
  const names: string[] = [];
  const globs: RegExp[] = [];
  for (const p of ignorePaths) {
    if (p.includes('*')) globs.push(globRe(p));
    else prefixes.push(p);
  }
  for (const p of defaults ? DEFAULT_IGNORES : []) {
    if (p.endsWith('/')) folders.push(p.slice(0, -1));
    else if (p.includes('*')) globs.push(globRe(p));
    else names.push(p);
  }
  return (path: string) => {
    if (prefixes.some(p => path === p || path.startsWith(`${p}/`))) return true;
    const segs = path.split('/');
    if (folders.length && segs.slice(0, -1).some(s => folders.includes(s)))
      return true;
    const base = baseOf(path);
    if (names.includes(base)) return true;
    return globs.some(g => g.test(base) || g.test(path));
  };
}

/** A document encrypted by SOPS carries a top-level `sops:` block with its metadata. */
export const isSopsEncrypted = (doc: unknown): boolean =>
  typeof doc === 'object' &&
  doc !== null &&
  !Array.isArray(doc) &&
  typeof (doc as any).sops === 'object' &&
  (doc as any).sops !== null;

/** A non-YAML file (dotenv, JSON, INI) encrypted by SOPS. */
export const isSopsEncryptedText = (text: string): boolean =>
  /^sops_(version|mac|lastmodified)=/m.test(text) ||
  /"sops"\s*:\s*\{/.test(text) ||
  /^sops:\s*$/m.test(text);

/**
 * A template of another tool (Jinja, gomplate, cookiecutter, a task runner):
 * statement tags, or `{{ ... }}` expressions in a file that is not valid
 * YAML. Expressions inside valid YAML strings, as in ExternalSecret
 * templates and alert rules, do not count.
 */
export function foreignTemplate(text: string, invalidYaml: boolean): boolean {
  if (/\{%-?\s|\{#-?\s/.test(text)) return true;
  return invalidYaml && /\{\{/.test(text);
}
