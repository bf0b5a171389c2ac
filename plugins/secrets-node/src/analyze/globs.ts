/* Globs of option values (release names, apiVersions, ignored paths). */

/**
 * A glob as a regular expression over the whole string: `*` stands for any
 * run of characters, or for what `star` matches (`[^/]*` within one path
 * segment); every other character stands for itself.
 */
export const globRegExp = (glob: string, star = '.*'): RegExp =>
  new RegExp(
    `^${glob
      .split('*')
      .map(p => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join(star)}$`,
  );
