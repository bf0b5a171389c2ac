/* Repository URLs compared in Argo CD's canonical form. */

import type { ArgoSettings } from './types';

/** A repository URL in a comparable form: no scheme, user, `.git` or trailing slash. */
export function canonicalRepoURL(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^[a-z+]+:\/\//, '')
    .replace(/^[^@/]+@/, '')
    .replace(/^([^/:]+):(?!\d)/, '$1/')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
}

/** Whether a repoURL is this repository (every URL is, unless the options list them). */
export function isThisRepo(url: unknown, settings: ArgoSettings): boolean {
  if (!settings.repoURLs) return true;
  if (typeof url !== 'string' || !url) return true;
  const c = canonicalRepoURL(url);
  return settings.repoURLs.some(u => canonicalRepoURL(u) === c);
}
