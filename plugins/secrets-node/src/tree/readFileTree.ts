import { promises as fs } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Repo-relative posix path to file text. @public */
export type FileTree = ReadonlyMap<string, string>;

/** Options of {@link readFileTree}. @public */
export interface ReadFileTreeOptions {
  /** File name suffixes to read. Default: YAML, Helm helpers and templates. */
  extensions?: string[];
  /** Directory names skipped everywhere. */
  ignoreDirs?: string[];
  /** Largest file read, in bytes; larger files are recorded as empty. Default 5 MB. */
  maxFileSize?: number;
  /** Most files read. Default 50,000. */
  maxFiles?: number;
}

const defaults = {
  extensions: ['.yaml', '.yml', '.tpl', '.txt'],
  ignoreDirs: ['.git', 'node_modules', '.terraform'],
  maxFileSize: 5 * 1024 * 1024,
  maxFiles: 50_000,
};

/**
 * The disk adapter of the engine: reads the files the engine understands
 * into a {@link FileTree}. Symbolic links are not followed, so a repository
 * cannot make the reader leave its root.
 * @public
 */
export async function readFileTree(
  dir: string,
  options: ReadFileTreeOptions = {},
): Promise<FileTree> {
  const o = { ...defaults, ...options };
  const tree = new Map<string, string>();
  const walk = async (current: string): Promise<void> => {
    const entries = await fs.readdir(current, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (tree.size >= o.maxFiles) return;
      const full = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!o.ignoreDirs.includes(entry.name)) await walk(full);
      } else if (entry.isFile() && o.extensions.some(ext => entry.name.endsWith(ext))) {
        const stat = await fs.stat(full);
        const rel = relative(dir, full).split(sep).join('/');
        tree.set(rel, stat.size > o.maxFileSize ? '' : await fs.readFile(full, 'utf8'));
      }
    }
  };
  await walk(dir);
  return tree;
}
