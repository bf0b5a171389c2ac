/* The problems of an option value, each naming the key that is wrong. */

/** One problem of an option value: the key (`producers[0].kind`) and what is wrong. */
export interface OptionProblem {
  key: string;
  message: string;
}

/** Records a problem of `key`; a text starting with `:` follows the quoted key directly. */
export type AddProblem = (key: string, text: string) => void;

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reports each field of `entry` that is not one of `fields`. */
export function unknownFieldProblems(
  entry: Record<string, unknown>,
  fields: readonly string[],
  at: string,
  add: AddProblem,
) {
  for (const k of Object.keys(entry))
    if (!fields.includes(k)) add(at, `has unknown field "${k}"`);
}

/**
 * Every problem of a list option (`producers`, `writerSelectors`): not a
 * list, an entry that is not an object or has a field not in `fields`, and
 * what `checkEntry` finds in an entry (named `option[i]`).
 */
export function listOptionProblems(
  raw: unknown,
  option: string,
  fields: readonly string[],
  shape: string,
  checkEntry: (
    entry: Record<string, unknown>,
    at: string,
    add: AddProblem,
  ) => void,
): OptionProblem[] {
  const problems: OptionProblem[] = [];
  const add: AddProblem = (key, text) =>
    problems.push({
      key,
      message: `"${key}"${text.startsWith(':') ? '' : ' '}${text}`,
    });
  if (!Array.isArray(raw)) {
    add(option, `must be a list of ${shape}`);
    return problems;
  }
  raw.forEach((entry, i) => {
    const at = `${option}[${i}]`;
    if (!isMap(entry)) {
      add(at, 'must be an object');
      return;
    }
    unknownFieldProblems(entry, fields, at, add);
    checkEntry(entry, at, add);
  });
  return problems;
}
