/*
 * Writers of Vault keys declared in a team's own values layout: a selector
 * names the releases (glob), a path over their values that reaches Vault
 * keys (`azureKeyVault.secrets[].vaultKey`), and the writer. The team keeps
 * its values; the engine reads them where they are.
 */
import { globRegExp } from './globs';
import { listOptionProblems, type OptionProblem } from './optionProblems';
import { parsePath, selectPath } from './paths';

/** One writer selector (option `writerSelectors`). @public */
export interface WriterSelector {
  /** Release name glob (`*` any run of characters). Default: every release. */
  release?: string;
  /** Path over the release's values reaching Vault key names: dotted keys, `[]` each element, `*` each map value. */
  path: string;
  /** Writer name shown in coverage rows, e.g. `azure-keyvault-sync`. */
  writer: string;
  /** `external-sync`: fills the real environments only (see the writer rules). */
  kind?: string;
  /** Properties written. Default: every property. */
  properties?: string[];
  /** Environments it writes in. Default: where the release is installed (see the writer rules). */
  environments?: string[];
}

/** The writer declarations (in the `secretWriters` entry form) a release's values yield. */
export function selectWriters(
  release: string,
  values: unknown,
  selectors: WriterSelector[],
): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const s of selectors) {
    if (s.release && !globRegExp(s.release).test(release)) continue;
    for (const m of selectPath(values, s.path)) {
      if (typeof m.value !== 'string' || !m.value) continue;
      out.push({
        key: m.value,
        writer: s.writer,
        ...(s.kind ? { kind: s.kind } : {}),
        ...(s.properties ? { properties: s.properties } : {}),
        ...(s.environments ? { environments: s.environments } : {}),
      });
    }
  }
  return out;
}

const isStringList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every(x => typeof x === 'string' && x.length > 0);

const SELECTOR_FIELDS = [
  'release',
  'path',
  'writer',
  'kind',
  'properties',
  'environments',
];

/** Every problem of the `writerSelectors` option, each naming the entry and field. */
export function writerSelectorProblems(raw: unknown): OptionProblem[] {
  return listOptionProblems(
    raw,
    'writerSelectors',
    SELECTOR_FIELDS,
    '{ release?, path, writer, kind?, properties?, environments? }',
    (s, at, add) => {
      for (const k of ['path', 'writer'] as const)
        if (typeof s[k] !== 'string' || !s[k])
          add(`${at}.${k}`, 'must be a non-empty string');
      for (const k of ['release', 'kind'] as const)
        if (s[k] !== undefined && (typeof s[k] !== 'string' || !s[k]))
          add(`${at}.${k}`, 'must be a non-empty string');
      for (const k of ['properties', 'environments'] as const)
        if (s[k] !== undefined && !isStringList(s[k]))
          add(`${at}.${k}`, 'must be a list of non-empty strings');
      if (typeof s.path === 'string' && s.path) {
        try {
          parsePath(s.path);
        } catch (e) {
          add(`${at}.path`, `: ${(e as Error).message}`);
        }
      }
    },
  );
}

/** Checks the `writerSelectors` option; throws the first problem, naming the entry and field. */
export function validateWriterSelectors(raw: unknown): WriterSelector[] {
  const [first] = writerSelectorProblems(raw);
  if (first) throw new Error(first.message);
  return raw as WriterSelector[];
}
