/* The CLI's `--config` file: the keys of the backend's `secrets.engine`, with the same check. */
import { promises as fs } from 'node:fs';
import {
  type AnalyzeOptions,
  type ParsedEngineOptions,
  parseEngineOptions,
} from '../analyze';

export interface CliConfig {
  options: AnalyzeOptions;
  tree: ParsedEngineOptions['tree'];
}

/** Reads and checks a `--config` file; undefined (after saying why on stderr) when it is not usable. */
export async function readCliConfig(
  file: string | undefined,
  stderr: (s: string) => void,
): Promise<CliConfig | undefined> {
  if (!file) return { options: {}, tree: {} };
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    stderr(`Cannot read --config ${file}.`);
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse messages may quote the file; only say where it failed
    stderr(`Invalid --config ${file}: not valid JSON.`);
    return undefined;
  }
  // the same check as the backend's secrets.engine: every problem, by key
  const parsed = parseEngineOptions(json);
  if (parsed.errors.length) {
    stderr(
      parsed.errors
        .map(e => `Invalid --config ${file}: ${e.message}.`)
        .join('\n'),
    );
    return undefined;
  }
  return { options: parsed.options, tree: parsed.tree };
}
