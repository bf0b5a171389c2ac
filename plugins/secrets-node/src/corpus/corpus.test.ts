/*
 * The engine measured on the test corpus (corpus/<name>/): repositories
 * written from public documentation, each with its seeded problems and
 * healthy paths in expected.yaml. Prints the score table; enforces the
 * figures of corpus/thresholds.json.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  formatScores,
  loadCorpus,
  overallRecall,
  type RepoScore,
  scoreCorpus,
} from './score';
import { raisable, readThresholds, repoThresholds } from './thresholds';

const CORPUS = resolve(__dirname, '../../corpus');
const thresholds = readThresholds(join(CORPUS, 'thresholds.json'));

describe('corpus', () => {
  let scores: RepoScore[] = [];

  beforeAll(async () => {
    scores = (await scoreCorpus(CORPUS)).map(r => r.score);
    const raise = raisable(thresholds, scores);
    // eslint-disable-next-line no-console
    console.log(
      `corpus score\n${formatScores(scores, true)}${
        raise.length
          ? `\n\nthresholds.json can be raised:\n  ${raise.join('\n  ')}`
          : ''
      }`,
    );
  }, 60_000); // analyses the whole corpus

  it('has at least six repositories, each with at least eight seeded problems', async () => {
    const repos = await loadCorpus(CORPUS);
    expect(repos.length).toBeGreaterThanOrEqual(6);
    expect(
      repos.filter(r => r.expected.findings.length < 8).map(r => r.name),
    ).toStrictEqual([]);
    expect(
      repos.filter(r => r.expected.repository !== r.name).map(r => r.name),
    ).toStrictEqual([]);
  });

  it('names only files and clean paths that exist', async () => {
    const missing: string[] = [];
    for (const repo of await loadCorpus(CORPUS)) {
      for (const f of repo.expected.findings)
        if (!existsSync(join(repo.dir, f.file)))
          missing.push(`${repo.name}: ${f.id} ${f.file}`);
      for (const c of repo.expected.clean)
        if (!existsSync(join(repo.dir, c)))
          missing.push(`${repo.name}: clean ${c}`);
      for (const f of repo.expected.findings)
        if (repo.expected.clean.some(c => f.file.startsWith(c)))
          missing.push(`${repo.name}: ${f.id} is seeded inside a clean path`);
    }
    expect(missing).toStrictEqual([]);
  });

  it('reaches the thresholds of each repository', () => {
    const below = scores.flatMap(s => {
      const t = repoThresholds(thresholds, s.repository);
      return [
        ...(s.recall + 1e-9 < t.minRecall
          ? [`${s.repository}: recall ${s.recall.toFixed(2)} < ${t.minRecall}`]
          : []),
        ...(s.falseErrors.length > t.maxFalseErrorsOnClean
          ? [
              `${s.repository}: ${s.falseErrors.length} false errors on clean paths > ${t.maxFalseErrorsOnClean}`,
            ]
          : []),
      ];
    });
    expect(below).toStrictEqual([]);
  });

  it('reaches the overall recall threshold', () => {
    expect(overallRecall(scores) + 1e-9).toBeGreaterThanOrEqual(
      thresholds.minOverallRecall,
    );
  });
});
