/* .Files: the chart's non-template files, with Get, Glob, Lines, AsConfig and AsSecrets. */

import { GoObject, type GoMap } from '../goValues';
import { toYaml } from '../helmFuncs';

/* ---------- .Files ---------- */
function globToRegExp(glob: string): RegExp {
  let re = '^';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += `(?:${glob
          .slice(i + 1, end)
          .split(',')
          .map(x =>
            x.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'),
          )
          .join('|')})`;
        i = end;
      }
    } else if (c === '[') {
      const end = glob.indexOf(']', i);
      if (end < 0) re += '\\[';
      else {
        re += `[${glob
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`${re}$`);
}

export const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** Helm's `.Files`: Get, GetBytes, Glob, Lines, AsConfig, AsSecrets; ranges as path → bytes. */
export function filesObject(files: ReadonlyMap<string, string>): GoObject {
  const obj = new GoObject(
    'engine.files',
    {},
    {
      Get: (name: unknown) => files.get(String(name)) ?? '',
      GetBytes: (name: unknown) =>
        Buffer.from(files.get(String(name)) ?? '', 'utf8'),
      Glob: (pattern: unknown) => {
        const re = globToRegExp(String(pattern));
        const m = new Map<string, string>();
        for (const [k, v] of files) if (re.test(k)) m.set(k, v);
        return filesObject(m);
      },
      Lines: (name: unknown) => {
        const s = files.get(String(name));
        if (s === undefined) return [];
        return (s.endsWith('\n') ? s.slice(0, -1) : s).split('\n');
      },
      AsConfig: () => {
        if (!files.size) return '';
        const m: GoMap = {};
        for (const [k, v] of files) m[base(k)] = v;
        return toYaml(m);
      },
      AsSecrets: () => {
        if (!files.size) return '';
        const m: GoMap = {};
        for (const [k, v] of files)
          m[base(k)] = Buffer.from(v, 'utf8').toString('base64');
        return toYaml(m);
      },
    },
  );
  obj.entries = () => {
    const entries: GoMap = {};
    for (const [k, v] of files) entries[k] = Buffer.from(v, 'utf8');
    return entries;
  };
  return obj;
}
