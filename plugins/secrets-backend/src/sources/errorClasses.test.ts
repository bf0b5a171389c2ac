import { SOURCE_ERROR_CLASSES } from '@ameideio/plugin-secrets-common';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { classifyNetworkError, classifyStatus } from './types';

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== '__fixtures__') out.push(...(await sourceFiles(p)));
    } else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) {
      out.push(p);
    }
  }
  return out;
}

/** The lower-case string literals in the first argument of every `new SourceError(...)`. */
function literalClasses(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/new SourceError\(/g)) {
    let depth = 0;
    let end = m.index! + m[0].length;
    for (; end < text.length; end++) {
      const c = text[end];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) break;
    }
    const arg = text.slice(m.index! + m[0].length, end);
    for (const s of arg.matchAll(/'([a-z]+(?:-[a-z]+)*)'/g)) out.push(s[1]);
  }
  return out;
}

describe('SourceErrorClass', () => {
  it('names exactly the classes the backend throws', async () => {
    const thrown = new Set<string>();
    for (let code = 400; code < 600; code++) thrown.add(classifyStatus(code));
    for (const e of [
      { code: 'ETIMEDOUT' },
      { code: 'ABORT_ERR' },
      { code: 'CERT_HAS_EXPIRED' },
      { code: 'ECONNREFUSED' },
    ])
      thrown.add(classifyNetworkError(e));
    for (const file of await sourceFiles(join(__dirname, '..'))) {
      for (const c of literalClasses(await fs.readFile(file, 'utf8')))
        thrown.add(c);
    }
    expect([...thrown].sort()).toEqual([...SOURCE_ERROR_CLASSES].sort());
  });
});
