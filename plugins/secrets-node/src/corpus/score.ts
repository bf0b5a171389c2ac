/*
 * Scoring of the engine on the test corpus (plugins/secrets-node/corpus):
 * each corpus repository writes down its seeded problems and its healthy
 * ("clean") paths in expected.yaml; this module matches the engine's
 * findings against them and computes recall and false errors. Pure except
 * for `scoreCorpus`, the disk adapter used by the test and the script.
 */
import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type {
  Finding,
  FindingType,
  SecretsReport,
} from '@ameideio/plugin-secrets-common';
import { isFindingType } from '@ameideio/plugin-secrets-common';
import { parse as parseYamlText } from 'yaml';
import { analyze, validateAnalyzeOptions } from '../analyze';
import type { AnalyzeOptions } from '../analyze';
import { readFileTree } from '../tree';

/** One seeded problem of a corpus repository. */
export interface ExpectedFinding {
  /** Short slug, unique in the repository. */
  id: string;
  type: FindingType;
  subject: { kind?: string; name: string; property?: string };
  /** When given, only a finding in this environment matches. */
  environment?: string;
  /** Repo-relative file where the problem is (documentation, and checked to exist). */
  file: string;
  /** One line: what is wrong, by the semantics of the tools involved. */
  why: string;
}

/** The expected.yaml of a corpus repository. */
export interface ExpectedRepo {
  repository: string;
  description?: string;
  /**
   * The environments the repository really has. Empty or absent: one
   * implicit environment, whatever name the engine gives it.
   */
  environments: string[];
  findings: ExpectedFinding[];
  /** Healthy paths (folders end with `/`): no error-level finding may point into them. */
  clean: string[];
}

/** Files of a corpus repository that are not inputs of the engine. */
export const CORPUS_META_FILES = [
  'expected.yaml',
  'secrets-guardrails.json',
  'README.md',
];

const isMap = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads and checks an expected.yaml; throws naming the first problem. */
export function parseExpected(
  text: string,
  where = 'expected.yaml',
): ExpectedRepo {
  const raw = parseYamlText(text, { uniqueKeys: true }) as unknown;
  if (!isMap(raw)) throw new Error(`${where}: not a mapping`);
  if (typeof raw.repository !== 'string' || !raw.repository)
    throw new Error(`${where}: "repository" must be a non-empty string`);
  if (!Array.isArray(raw.findings))
    throw new Error(`${where}: "findings" must be a list`);
  if (!Array.isArray(raw.clean) || !raw.clean.every(c => typeof c === 'string'))
    throw new Error(`${where}: "clean" must be a list of paths`);
  if (
    raw.environments !== undefined &&
    !(
      Array.isArray(raw.environments) &&
      raw.environments.every((e: unknown) => typeof e === 'string' && e)
    )
  )
    throw new Error(`${where}: "environments" must be a list of names`);
  const ids = new Set<string>();
  const findings = raw.findings.map((f: unknown, i: number) => {
    const at = `${where}: findings[${i}]`;
    if (!isMap(f)) throw new Error(`${at}: not a mapping`);
    for (const k of Object.keys(f)) {
      if (!['id', 'type', 'subject', 'environment', 'file', 'why'].includes(k))
        throw new Error(`${at}: unknown field "${k}"`);
    }
    if (typeof f.id !== 'string' || !f.id)
      throw new Error(`${at}: "id" missing`);
    if (ids.has(f.id)) throw new Error(`${at}: duplicate id "${f.id}"`);
    ids.add(f.id);
    if (!isFindingType(f.type))
      throw new Error(`${at}: unknown finding type "${String(f.type)}"`);
    if (!isMap(f.subject) || typeof f.subject.name !== 'string')
      throw new Error(`${at}: "subject.name" missing`);
    if (typeof f.file !== 'string' || !f.file)
      throw new Error(`${at}: "file" missing`);
    if (typeof f.why !== 'string' || !f.why)
      throw new Error(`${at}: "why" missing`);
    if (f.environment !== undefined && typeof f.environment !== 'string')
      throw new Error(`${at}: "environment" must be a string`);
    return f as ExpectedFinding;
  });
  return {
    repository: raw.repository,
    ...(typeof raw.description === 'string'
      ? { description: raw.description }
      : {}),
    environments: raw.environments ?? [],
    findings,
    clean: raw.clean,
  };
}

/** Whether a finding is the seeded problem: same type and subject name (kind, property, environment when given). */
export function matches(f: Finding, e: ExpectedFinding): boolean {
  if (f.type !== e.type) return false;
  if (f.subject.name !== e.subject.name) return false;
  if (e.subject.kind && f.subject.kind !== e.subject.kind) return false;
  if (e.subject.property && f.subject.property !== e.subject.property)
    return false;
  if (e.environment && f.environment !== e.environment) return false;
  return true;
}

/** Whether a repo-relative file lies under one of the clean paths. */
export function inClean(file: string | undefined, clean: string[]): boolean {
  if (!file) return false;
  return clean.some(c =>
    c.endsWith('/')
      ? file.startsWith(c)
      : file === c || file.startsWith(`${c}/`),
  );
}

/** Figures of one corpus repository. */
export interface RepoScore {
  repository: string;
  seeded: number;
  found: number;
  /** found / seeded (1 when nothing is seeded). */
  recall: number;
  missed: ExpectedFinding[];
  /** Error-level findings pointing into a clean path that match no seeded problem. */
  falseErrors: Finding[];
  /** Error-level findings anywhere that match no seeded problem. */
  unexpectedErrors: Finding[];
  /** Warnings anywhere that match no seeded problem. */
  unexpectedWarnings: Finding[];
  /**
   * Environment names on findings the repository does not have: names
   * outside `environments`, or for a repository with one implicit
   * environment every distinct name beyond the first.
   */
  extraEnvironments: string[];
  totalFindings: number;
  errors: number;
  warnings: number;
  infos: number;
}

export function scoreRepo(
  report: SecretsReport,
  expected: ExpectedRepo,
): RepoScore {
  const seededOf = (f: Finding) => expected.findings.some(e => matches(f, e));
  const missed = expected.findings.filter(
    e => !report.findings.some(f => matches(f, e)),
  );
  const unexpected = report.findings.filter(f => !seededOf(f));
  const errors = unexpected.filter(f => f.severity === 'error');
  const seeded = expected.findings.length;
  const found = seeded - missed.length;
  const count = (s: string) =>
    report.findings.filter(f => f.severity === s).length;
  const named = [
    ...new Set(
      report.findings
        .map(f => f.environment)
        .filter((e): e is string => Boolean(e)),
    ),
  ].sort();
  const extraEnvironments = expected.environments.length
    ? named.filter(e => !expected.environments.includes(e))
    : named.slice(1);
  return {
    repository: expected.repository,
    seeded,
    found,
    recall: seeded ? found / seeded : 1,
    missed,
    falseErrors: errors.filter(f => inClean(f.sourceRef?.file, expected.clean)),
    unexpectedErrors: errors,
    unexpectedWarnings: unexpected.filter(f => f.severity === 'warning'),
    extraEnvironments,
    totalFindings: report.findings.length,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
  };
}

/** Recall over every seeded problem of the corpus. */
export function overallRecall(scores: RepoScore[]): number {
  const seeded = scores.reduce((n, s) => n + s.seeded, 0);
  const found = scores.reduce((n, s) => n + s.found, 0);
  return seeded ? found / seeded : 1;
}

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));
const lpad = (s: string, n: number) =>
  ' '.repeat(Math.max(0, n - s.length)) + s;

/** The table printed by the test and the script; with `detail`, the missed and false findings below it. */
export function formatScores(scores: RepoScore[], detail = false): string {
  const head = [
    'repository',
    'seeded',
    'found',
    'recall',
    'false err (clean)',
    'unexpected err',
    'unexpected warn',
    'extra envs',
    'findings (e/w/i)',
  ];
  const rows = scores.map(s => [
    s.repository,
    String(s.seeded),
    String(s.found),
    s.recall.toFixed(2),
    String(s.falseErrors.length),
    String(s.unexpectedErrors.length),
    String(s.unexpectedWarnings.length),
    String(s.extraEnvironments.length),
    `${s.totalFindings} (${s.errors}/${s.warnings}/${s.infos})`,
  ]);
  const seeded = scores.reduce((n, s) => n + s.seeded, 0);
  const sum = (f: (s: RepoScore) => number) =>
    String(scores.reduce((n, s) => n + f(s), 0));
  rows.push([
    'TOTAL',
    String(seeded),
    sum(s => s.found),
    overallRecall(scores).toFixed(2),
    sum(s => s.falseErrors.length),
    sum(s => s.unexpectedErrors.length),
    sum(s => s.unexpectedWarnings.length),
    sum(s => s.extraEnvironments.length),
    sum(s => s.totalFindings),
  ]);
  const widths = head.map((h, i) =>
    Math.max(h.length, ...rows.map(r => r[i].length)),
  );
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 0 ? pad(c, widths[i]) : lpad(c, widths[i])))
      .join('  ');
  const out = [line(head), widths.map(w => '-'.repeat(w)).join('  ')];
  rows.forEach((r, i) => {
    if (i === rows.length - 1)
      out.push(widths.map(w => '-'.repeat(w)).join('  '));
    out.push(line(r));
  });
  if (detail) {
    const where = (f: Finding) =>
      `${f.type} ${f.subject.name}${
        f.environment ? ` @${f.environment}` : ''
      }  ${f.sourceRef?.file ?? ''}${
        f.sourceRef?.line ? `:${f.sourceRef.line}` : ''
      }`;
    for (const s of scores) {
      if (
        !s.missed.length &&
        !s.unexpectedErrors.length &&
        !s.extraEnvironments.length
      )
        continue;
      out.push('', `${s.repository}:`);
      if (s.extraEnvironments.length)
        out.push(`  extra envs   ${s.extraEnvironments.join(', ')}`);
      for (const m of s.missed)
        out.push(
          `  missed       ${m.type} ${m.subject.name}${
            m.environment ? ` @${m.environment}` : ''
          }  (${m.id})`,
        );
      for (const f of s.falseErrors) out.push(`  false error  ${where(f)}`);
      for (const f of s.unexpectedErrors.filter(
        x => !s.falseErrors.includes(x),
      ))
        out.push(`  unexpected   ${where(f)}`);
    }
  }
  return out.join('\n');
}

/** A corpus repository loaded from disk. */
export interface CorpusRepo {
  name: string;
  dir: string;
  expected: ExpectedRepo;
  options: AnalyzeOptions;
}

/** The repositories of a corpus folder: every sub-folder with an expected.yaml, sorted by name. */
export async function loadCorpus(root: string): Promise<CorpusRepo[]> {
  const entries = await fs.readdir(root, { withFileTypes: true });
  const out: CorpusRepo[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!e.isDirectory()) continue;
    const dir = join(root, e.name);
    const expectedFile = join(dir, 'expected.yaml');
    if (!existsSync(expectedFile)) continue;
    const expected = parseExpected(
      await fs.readFile(expectedFile, 'utf8'),
      `${e.name}/expected.yaml`,
    );
    const optionsFile = join(dir, 'secrets-guardrails.json');
    const options = existsSync(optionsFile)
      ? validateAnalyzeOptions(
          JSON.parse(await fs.readFile(optionsFile, 'utf8')),
        )
      : {};
    out.push({ name: e.name, dir, expected, options });
  }
  return out;
}

/** Reads a corpus repository with the engine's disk reader, without its meta files. */
export async function readCorpusTree(repo: CorpusRepo) {
  const tree = await readFileTree(repo.dir);
  const files = tree as unknown as Map<string, string>;
  for (const f of CORPUS_META_FILES) files.delete(f);
  return tree;
}

/** Analyses and scores every repository of a corpus folder. */
export async function scoreCorpus(
  root: string,
): Promise<
  Array<{ repo: CorpusRepo; report: SecretsReport; score: RepoScore }>
> {
  const out = [];
  for (const repo of await loadCorpus(root)) {
    const report = analyze(await readCorpusTree(repo), repo.options);
    out.push({ repo, report, score: scoreRepo(report, repo.expected) });
  }
  return out;
}
