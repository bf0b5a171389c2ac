/*
 * Prints the engine's score on the test corpus (not a test).
 * Usage: yarn corpus [--detail] [--json]
 */
import { resolve } from 'node:path';
import { formatScores, overallRecall, scoreCorpus } from '../src/corpus/score';
import { raisable, readThresholds } from '../src/corpus/thresholds';

const CORPUS = resolve(__dirname, '../corpus');

async function main() {
  const results = await scoreCorpus(CORPUS);
  const scores = results.map(r => r.score);
  const thresholds = readThresholds(resolve(CORPUS, 'thresholds.json'));
  const goal = thresholds.goal;
  if (process.argv.includes('--json')) {
    const brief = scores.map(s => ({
      repository: s.repository,
      seeded: s.seeded,
      found: s.found,
      recall: Number(s.recall.toFixed(4)),
      falseErrorsOnClean: s.falseErrors.length,
      unexpectedErrors: s.unexpectedErrors.length,
      unexpectedWarnings: s.unexpectedWarnings.length,
      findings: s.totalFindings,
      missed: s.missed.map(m => m.id),
    }));
    process.stdout.write(
      `${JSON.stringify(
        { overallRecall: overallRecall(scores), goal, repositories: brief },
        null,
        2,
      )}\n`,
    );
    return;
  }
  process.stdout.write(
    `${formatScores(scores, process.argv.includes('--detail'))}\n\n` +
      `overall recall ${overallRecall(scores).toFixed(2)} (goal ${
        goal.minOverallRecall
      }), ` +
      `false errors on clean paths ${scores.reduce(
        (n, s) => n + s.falseErrors.length,
        0,
      )} (goal ${goal.maxFalseErrorsOnClean})\n`,
  );
  const raise = raisable(thresholds, scores);
  if (raise.length)
    process.stdout.write(
      `\nthresholds.json can be raised:\n  ${raise.join('\n  ')}\n`,
    );
}

main().catch(e => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});
