/*
 * Pure planning of the edit that fixes one finding of the engine. The finding
 * must be one the engine reports on the repository as it is (so a request
 * cannot edit anything the engine did not point at); the edit goes through
 * the same comment-preserving YAML loader and writer as the chart scaffolder,
 * and the engine runs again on the edited tree to say whether it is fixed.
 * Nothing here touches the disk.
 */
import type { Finding, FindingType } from '@ameideio/plugin-secrets-common';
import { Document, isMap, isScalar, visit, type YAMLMap } from 'yaml';
import { analyze, type AnalyzeOptions } from '../../analyze';
import type { FileTree } from '../../tree';
import { placeholderFor } from '../plan/fixtures';
import { ScaffoldError } from '../plan/types';
import { safeRelativePath } from '../plan/validate';
import { type Loaded, load, mapAt, render, seqAt } from '../plan/yamlFile';

/** Finding types {@link planFindingFix} can fix. @public */
export const FIXABLE_FINDING_TYPES = [
  'missing-fixture',
  'orphan-fixture',
  'remote-ref-convention',
  'empty-production-override',
] as const;

/** A finding type {@link planFindingFix} can fix. @public */
export type FixableFindingType = (typeof FIXABLE_FINDING_TYPES)[number];

/** Whether {@link planFindingFix} can fix findings of this type. @public */
export function isFixableFindingType(type: string): type is FixableFindingType {
  return (FIXABLE_FINDING_TYPES as readonly string[]).includes(type);
}

/** Input of {@link planFindingFix}: the finding as the engine reports it. @public */
export interface FindingFixInput {
  type: FindingType | string;
  /**
   * The finding's subject name: the Vault key (missing-fixture,
   * empty-production-override), the fixture key (orphan-fixture) or the
   * ExternalSecret (remote-ref-convention).
   */
  subject: string;
  /** Vault key property (missing-fixture); default `value`. */
  property?: string;
  /** The finding's environment; default any environment it is reported in. */
  environment?: string;
  /**
   * The Vault key of the remoteRef (remote-ref-convention), as in the
   * finding's proposed fix.
   */
  vaultKey?: string;
  /**
   * The file to edit, relative to the repository. Default: the file the
   * engine's proposed fix names (missing-fixture), the fixture entry's file
   * (orphan-fixture), the values or manifests holding the remoteRef
   * (remote-ref-convention). Required for empty-production-override: the
   * values of the release that writes the key.
   */
  file?: string;
  /** Fixture-map file used when neither the input nor the finding names one. */
  fixtureFiles?: string[];
  /** Writer declared for an empty production override. Default `external-key-vault-sync`. */
  externalWriter?: string;
  /** Key of the fixture map. Default `fixtures`. */
  fixtureKey?: string;
  /** The engine's options, as the backend runs it. */
  analyzeOptions?: AnalyzeOptions;
}

/** One file the fix edits. @public */
export interface FindingFixFile {
  path: string;
  content: string;
  change: 'create' | 'update';
  /** What may be shown of the edit: never an existing value. */
  preview: string;
}

/** Result of {@link planFindingFix}. @public */
export interface FindingFixPlan {
  /** The finding that was fixed, as the engine reported it. */
  finding: Finding;
  files: FindingFixFile[];
  /** Whether the engine no longer reports the finding on the edited tree. */
  resolved: boolean;
  /** One line saying what the fix does. */
  summary: string;
  warnings: string[];
}

const KEY = /^(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

const sameFinding =
  (input: FindingFixInput, property: string) => (f: Finding) =>
    f.type === input.type &&
    f.subject.name === input.subject &&
    (input.environment === undefined || f.environment === input.environment) &&
    (f.type !== 'missing-fixture' ||
      (f.subject.property ?? 'value') === property ||
      f.subject.property === '*');

/** The file the engine's proposed fix names (`... in <file>.`). */
function fileOfFix(f: Finding): string | undefined {
  for (const a of f.proposedFix.actions) {
    const m = / in ([^\s`"]+\.ya?ml)[.,]/.exec(a);
    if (m) return m[1];
  }
  return undefined;
}

function edited(path: string, l: Loaded, preview: string): FindingFixFile {
  return {
    path,
    content: render(l),
    change: l.original === undefined ? 'create' : 'update',
    preview,
  };
}

function addFixture(
  tree: FileTree,
  path: string,
  fixtureKey: string,
  key: string,
  property: string,
  wholeKey: boolean,
): FindingFixFile {
  const l = load(tree, path);
  const map = mapAt(l, path, fixtureKey);
  const value = placeholderFor(key, property);
  const current = map.get(key, true);
  let node: unknown;
  if (current === undefined || (isScalar(current) && current.value === null)) {
    node = property === 'value' || wholeKey ? value : { [property]: value };
    map.set(key, l.doc.createNode(node));
  } else if (isMap(current) && !current.has(property)) {
    current.set(property, value);
    node = { [property]: value };
  } else {
    throw new ScaffoldError(
      `${path}: fixture "${key}" already exists${
        isMap(current) ? '' : ' as a single value'
      }; the finding is not fixed by adding an entry, nothing was written`,
    );
  }
  l.dirty = true;
  return edited(
    path,
    l,
    new Document({ [fixtureKey]: { [key]: node } }).toString({
      indent: l.indent,
      lineWidth: 0,
    }),
  );
}

function removeFixture(
  tree: FileTree,
  path: string,
  fixtureKey: string,
  key: string,
): FindingFixFile {
  if (tree.get(path) === undefined)
    throw new ScaffoldError(`${path} does not exist; nothing was written`);
  const l = load(tree, path);
  const map = l.doc.get(fixtureKey, true);
  if (!isMap(map) || !map.has(key))
    throw new ScaffoldError(
      `${path} has no fixture "${key}" under ${fixtureKey}:; nothing was written`,
    );
  map.delete(key);
  l.dirty = true;
  return edited(path, l, `removed ${fixtureKey}.${key} (value not shown)\n`);
}

/** Sets `property: value` and drops the `secret/data/` prefix of the remoteRefs of `key` under ExternalSecret `es`. */
function fixRemoteRefs(l: Loaded, es: string, key: string): number {
  let count = 0;
  const named = (m: unknown) => {
    if (!isMap(m)) return false;
    const meta = m.get('metadata', true);
    return (
      String(m.get('name')) === es ||
      (isMap(meta) && String(meta.get('name')) === es)
    );
  };
  const matches = (k: unknown) =>
    typeof k === 'string' && (k === key || k === `secret/data/${key}`);
  visit(l.doc, {
    Pair(_, pair, path_) {
      if (!isScalar(pair.key) || pair.key.value !== 'remoteRef') return;
      if (!path_.some(named)) return;
      const v = pair.value;
      if (isScalar(v) && matches(v.value)) {
        // a bare string reads the whole Vault secret as JSON
        pair.value = l.doc.createNode({ key, property: 'value' });
        count++;
      } else if (isMap(v) && matches(v.get('key'))) {
        const ref = v as YAMLMap;
        if (String(ref.get('key')) !== key) ref.set('key', key);
        if (!ref.has('property')) ref.set('property', 'value');
        count++;
      }
    },
  });
  if (count) l.dirty = true;
  return count;
}

function declareWriter(
  tree: FileTree,
  path: string,
  key: string,
  writer: string,
): FindingFixFile {
  const l = load(tree, path);
  const writers = seqAt(l, path, 'secretWriters');
  const has = writers.items.some(
    it => isMap(it) && String(it.get('key')) === key,
  );
  if (has)
    throw new ScaffoldError(
      `${path} already declares a writer of "${key}"; nothing was written`,
    );
  writers.items.push(l.doc.createNode({ key, writer }));
  l.dirty = true;
  return edited(
    path,
    l,
    `secretWriters:\n  - key: ${key}\n    writer: ${writer}\n`,
  );
}

/**
 * Plans the edit that fixes one finding the engine reports on `tree`.
 * Throws {@link ScaffoldError} for an unsupported type, a finding the engine
 * does not report, or a file it cannot edit; never partially applies.
 * @public
 */
export function planFindingFix(
  tree: FileTree,
  input: FindingFixInput,
): FindingFixPlan {
  if (!isFixableFindingType(input.type))
    throw new ScaffoldError(
      `Finding type "${
        input.type
      }" cannot be fixed automatically; supported: ${FIXABLE_FINDING_TYPES.join(
        ', ',
      )}`,
    );
  if (!KEY.test(input.subject ?? ''))
    throw new ScaffoldError(
      `subject "${input.subject}" is not a Vault key, fixture key or ExternalSecret name`,
    );
  const property = input.property ?? 'value';
  if (!/^[A-Za-z0-9_.*-]+$/.test(property))
    throw new ScaffoldError(`property "${property}" is not a Vault property`);
  const file =
    input.file === undefined || input.file === ''
      ? undefined
      : safeRelativePath(input.file, 'file');
  const fixtureKey = input.fixtureKey ?? 'fixtures';
  const before = analyze(tree, input.analyzeOptions);
  const matching = before.findings.filter(sameFinding(input, property));
  const finding = matching[0];
  if (!finding)
    throw new ScaffoldError(
      `The engine reports no ${input.type} finding for "${input.subject}"${
        input.environment ? ` in ${input.environment}` : ''
      } in this repository (already fixed?); nothing was written`,
    );
  const warnings: string[] = [];
  const files: FindingFixFile[] = [];
  let summary: string;
  switch (input.type) {
    case 'missing-fixture': {
      const target =
        file ??
        fileOfFix(finding) ??
        (input.fixtureFiles?.[0] &&
          safeRelativePath(input.fixtureFiles[0], 'fixtureFiles'));
      if (!target)
        throw new ScaffoldError(
          'The finding names no fixture file; set file; nothing was written',
        );
      const wholeKey = finding.subject.property === '*';
      files.push(
        addFixture(tree, target, fixtureKey, input.subject, property, wholeKey),
      );
      summary = `Add a placeholder fixture for "${input.subject}"${
        property === 'value' || wholeKey ? '' : ` (property ${property})`
      } in ${target}.`;
      break;
    }
    case 'orphan-fixture': {
      const targets = file
        ? [file]
        : [
            ...new Set(
              matching
                .map(f => f.sourceRef?.file)
                .filter((f): f is string => Boolean(f)),
            ),
          ];
      if (!targets.length)
        throw new ScaffoldError(
          'The finding names no fixture file; set file; nothing was written',
        );
      for (const t of targets)
        files.push(removeFixture(tree, t, fixtureKey, input.subject));
      summary = `Remove the unused fixture "${
        input.subject
      }" from ${targets.join(', ')}.`;
      break;
    }
    case 'remote-ref-convention': {
      const vaultKey = input.vaultKey?.replace(/^secret\/data\//, '');
      if (!vaultKey || !KEY.test(vaultKey))
        throw new ScaffoldError(
          'vaultKey (the remoteRef key of the finding) is required for remote-ref-convention',
        );
      const candidates = file
        ? [file]
        : [...tree.keys()].filter(
            p =>
              /\.ya?ml$/.test(p) &&
              !/(^|\/)templates\//.test(p) &&
              tree.get(p)!.includes(vaultKey),
          );
      for (const p of candidates) {
        if (tree.get(p) === undefined)
          throw new ScaffoldError(`${p} does not exist; nothing was written`);
        let l: Loaded;
        try {
          l = load(tree, p);
        } catch (e) {
          if (file) throw e;
          continue; // not a single-document YAML file: not ours to edit
        }
        const n = fixRemoteRefs(l, input.subject, vaultKey);
        if (n)
          files.push(
            edited(p, l, `remoteRef:\n  key: ${vaultKey}\n  property: value\n`),
          );
      }
      if (!files.length)
        throw new ScaffoldError(
          `No values or manifest file${
            file ? ` (${file})` : ''
          } holds the remoteRef "${vaultKey}" of ExternalSecret ${
            input.subject
          } outside a Helm template; edit it by hand, nothing was written`,
        );
      summary = `Reference "${vaultKey}" with property: value in ExternalSecret ${
        input.subject
      } (${files.map(f => f.path).join(', ')}).`;
      break;
    }
    default: {
      // empty-production-override: declare the external sync as the real writer
      if (!file)
        throw new ScaffoldError(
          'file (the values of the release that writes the key) is required for empty-production-override; nothing was written',
        );
      const writer = input.externalWriter ?? 'external-key-vault-sync';
      files.push(declareWriter(tree, file, input.subject, writer));
      summary = `Declare ${writer} as the writer of "${input.subject}" in ${file}.`;
    }
  }
  const after = new Map(tree);
  for (const f of files) after.set(f.path, f.content);
  const still = analyze(after, input.analyzeOptions).findings.filter(
    sameFinding(input, property),
  );
  const resolved = still.length === 0;
  if (!resolved)
    warnings.push(
      `The engine still reports ${input.type} for "${
        input.subject
      }" after the edit${
        still[0]?.environment ? ` (in ${still[0].environment})` : ''
      }; review the change before merging`,
    );
  return { finding, files, resolved, summary, warnings };
}
