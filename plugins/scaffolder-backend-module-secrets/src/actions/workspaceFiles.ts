/* Writing planned files into the workspace: checked first, staged, then moved in place. */
import { InputError } from '@backstage/errors';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';

const MAX_FILE = 5 * 1024 * 1024;

/**
 * Checks a planned path on disk before anything is written: no symbolic link
 * on the way (the engine's reader does not follow them, so a link could point
 * outside the workspace or hide the real content), directories are
 * directories, and an existing file holds exactly what the plan was made from.
 */
export async function checkOnDisk(
  root: string,
  rel: string,
  planned: string | undefined,
) {
  const segs = rel.split('/');
  let current = root;
  for (let i = 0; i < segs.length; i++) {
    current = join(current, segs[i]);
    const sofar = segs.slice(0, i + 1).join('/');
    let stat;
    try {
      stat = await fs.lstat(current);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        if (planned !== undefined) {
          throw new InputError(
            `${rel} disappeared while the action ran; nothing was written`,
          );
        }
        return;
      }
      throw e;
    }
    if (stat.isSymbolicLink()) {
      throw new InputError(
        `${sofar} is a symbolic link; the action only writes real files inside the workspace, nothing was written`,
      );
    }
    const last = i === segs.length - 1;
    if (!last && !stat.isDirectory()) {
      throw new InputError(`${sofar} is not a directory; nothing was written`);
    }
    if (last && !stat.isFile()) {
      throw new InputError(`${rel} is not a regular file; nothing was written`);
    }
    if (last && stat.size > MAX_FILE) {
      throw new InputError(
        `${rel} is larger than ${MAX_FILE} bytes and is not edited; nothing was written`,
      );
    }
  }
  const text = await fs.readFile(current, 'utf8');
  if (text !== planned) {
    throw new InputError(
      `${rel} changed while the action ran or could not be read completely; nothing was written`,
    );
  }
}

/**
 * Writes every file next to its target first, then moves them in place, so a
 * failing write leaves the workspace as it was.
 */
export async function writeStaged(
  root: string,
  files: ReadonlyArray<{ path: string; content: string }>,
) {
  const staged: Array<{ tmp: string; target: string }> = [];
  try {
    for (const f of files) {
      const target = join(root, f.path);
      await fs.mkdir(dirname(target), { recursive: true });
      const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      staged.push({ tmp, target });
      await fs.writeFile(tmp, f.content, { encoding: 'utf8', flag: 'wx' });
    }
  } catch (e) {
    await Promise.all(staged.map(s => fs.rm(s.tmp, { force: true })));
    throw e;
  }
  for (const s of staged) await fs.rename(s.tmp, s.target);
}

/** Checks that `rel` is a real directory inside `root`, with no symbolic link on the way. */
export async function checkDirectory(root: string, rel: string, field: string) {
  let current = root;
  for (const seg of rel.split('/')) {
    current = join(current, seg);
    let stat;
    try {
      stat = await fs.lstat(current);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        throw new InputError(`${field} ${rel} does not exist in the workspace`);
      throw e;
    }
    if (stat.isSymbolicLink() || !stat.isDirectory())
      throw new InputError(
        `${field} ${rel} must be a directory inside the workspace, not a symbolic link or a file`,
      );
  }
}
