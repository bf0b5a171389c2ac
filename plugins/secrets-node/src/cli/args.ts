/* The command line of a CLI command: options with a value, one directory. */
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';

interface ArgsIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/**
 * Reads a command's arguments: each option of `options` takes the value
 * after it; the one other argument is the directory. `-h`/`--help` prints
 * the usage and ends with exit code 0; a mistake (a missing value, an
 * unknown option, a second directory, a value an option refuses) prints
 * the message and the usage and ends with exit code 2.
 */
export function parseArgs(
  args: string[],
  options: Record<string, (value: string, option: string) => void>,
  usage: string,
  io: ArgsIO,
): { dir?: string } | { exit: number } {
  let dir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    try {
      const take = Object.prototype.hasOwnProperty.call(options, a)
        ? options[a]
        : undefined;
      if (take) {
        const v = args[++i];
        if (v === undefined) throw new Error(`${a} needs a value`);
        take(v, a);
      } else if (a === '-h' || a === '--help') {
        io.stdout(usage);
        return { exit: 0 };
      } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
      else if (!dir) dir = a;
      else throw new Error(`unexpected argument ${a}`);
    } catch (e) {
      io.stderr(`${(e as Error).message}\n\n${usage}`);
      return { exit: 2 };
    }
  }
  return { dir };
}

/** The absolute path of the directory argument; undefined, with a message, when it is no readable directory. */
export async function directoryArg(
  dir: string,
  io: ArgsIO,
): Promise<string | undefined> {
  const root = resolve(dir);
  try {
    if (!(await fs.stat(root)).isDirectory())
      throw new Error('not a directory');
  } catch {
    io.stderr(`Cannot read directory ${dir}.`);
    return undefined;
  }
  return root;
}
