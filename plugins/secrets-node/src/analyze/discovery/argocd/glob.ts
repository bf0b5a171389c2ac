/*
 * Path patterns of the git generators. The directories generator matches
 * with Go's `path.Match` (`*` stays within a segment). The files generator
 * matches greedily by default (`*` also crosses `/`, Argo CD's historic
 * behaviour) or, with the controller's new globbing enabled, like
 * doublestar (`*` within a segment, `**` across segments).
 */

const escape = (c: string) => c.replace(/[.+^${}()|\\]/g, '\\$&');

function classAt(glob: string, i: number): [string, number] | undefined {
  const close = glob.indexOf(']', i + 2);
  if (close < 0) return undefined;
  let body = glob.slice(i + 1, close);
  if (body.startsWith('!') || body.startsWith('^')) body = `^${body.slice(1)}`;
  return [`[${body.replace(/\\/g, '\\\\')}]`, close];
}

export function globToRegExp(
  glob: string,
  style: 'match' | 'greedy' | 'strict',
): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (style === 'greedy') {
        re += '.*';
        while (glob[i + 1] === '*') i++;
      } else if (style === 'strict' && glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += style === 'greedy' ? '.' : '[^/]';
    else if (c === '[') {
      const cls = classAt(glob, i);
      if (cls) {
        re += cls[0];
        i = cls[1];
      } else re += '\\[';
    } else if (c === '\\' && i + 1 < glob.length) {
      re += escape(glob[++i]);
    } else re += escape(c);
  }
  return new RegExp(`^${re}$`);
}

export const isGlob = (p: string) => /[*?[]/.test(p);
