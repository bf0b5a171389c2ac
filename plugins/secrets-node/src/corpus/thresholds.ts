/*
 * The corpus thresholds, read from corpus/thresholds.json: the one place
 * where the figures the suite enforces are written down.
 */
import { readFileSync } from 'node:fs';

/** Figures a repository (or the whole corpus) must reach. */
export interface Thresholds {
  /** What the team is aiming for; printed, not enforced. */
  goal: { minOverallRecall: number; maxFalseErrorsOnClean: number };
  /** Enforced: recall over every seeded problem of the corpus. */
  minOverallRecall: number;
  /** Enforced, per repository. A repository not listed must reach the goal. */
  repositories: Record<
    string,
    { minRecall: number; maxFalseErrorsOnClean: number }
  >;
}

const isNumber = (v: unknown): v is number =>
  typeof v === 'number' && v >= 0 && Number.isFinite(v);

export function readThresholds(file: string): Thresholds {
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  if (
    !raw?.goal ||
    !isNumber(raw.goal.minOverallRecall) ||
    !isNumber(raw.goal.maxFalseErrorsOnClean) ||
    !isNumber(raw.minOverallRecall) ||
    typeof raw.repositories !== 'object'
  )
    throw new Error(`${file}: not a thresholds file`);
  for (const [name, t] of Object.entries<any>(raw.repositories)) {
    if (!isNumber(t?.minRecall) || !isNumber(t?.maxFalseErrorsOnClean))
      throw new Error(
        `${file}: repositories.${name} needs minRecall and maxFalseErrorsOnClean`,
      );
  }
  return raw as Thresholds;
}

/** The enforced figures of one repository. */
export function repoThresholds(t: Thresholds, name: string) {
  return (
    t.repositories[name] ?? {
      minRecall: t.goal.minOverallRecall,
      maxFalseErrorsOnClean: t.goal.maxFalseErrorsOnClean,
    }
  );
}

/** Repositories whose figures are better than their enforced thresholds: the thresholds can be raised. */
export function raisable(
  t: Thresholds,
  scores: Array<{
    repository: string;
    recall: number;
    falseErrors: unknown[];
  }>,
): string[] {
  return scores.flatMap(s => {
    // a repository not listed is held to the goal already
    if (!t.repositories[s.repository]) return [];
    const r = repoThresholds(t, s.repository);
    const out: string[] = [];
    if (s.recall >= r.minRecall + 0.01)
      out.push(
        `${s.repository}: recall ${s.recall.toFixed(2)} > minRecall ${
          r.minRecall
        }`,
      );
    if (s.falseErrors.length < r.maxFalseErrorsOnClean)
      out.push(
        `${s.repository}: ${s.falseErrors.length} false errors < maxFalseErrorsOnClean ${r.maxFalseErrorsOnClean}`,
      );
    return out;
  });
}
