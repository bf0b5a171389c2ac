/* Go's `path` package on slash-separated paths, as Sprig's path functions and Argo CD's templates call it. */
/** Go's `path.Base`. */
export function goBase(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Go's `path.Clean`. */
export function goClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(seg);
  }
  const s = (rooted ? '/' : '') + out.join('/');
  return s || (rooted ? '/' : '.');
}

/** Go's `path.Dir`. */
export function goDir(p: string): string {
  const i = p.lastIndexOf('/');
  return goClean(i >= 0 ? p.slice(0, i + 1) : '');
}

/** Go's `path.Ext`. */
export function goExt(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--)
    if (p[i] === '.') return p.slice(i);
  return '';
}
