/*
 * Argo CD's default template mode (fasttemplate): `{{name}}` or
 * `{{ path.basename }}` is replaced by the string parameter of that name;
 * a tag naming no string parameter is left untouched, as Argo CD does.
 */
import type { Params } from './types';

/** Thrown when a template cannot be rendered (Argo CD fails the Application). */
export class ArgoTemplateError extends Error {}

export function fastReplace(text: string, params: Params): string {
  if (!/\{\{.*\}\}/s.test(text)) return text;
  let out = '';
  let pos = 0;
  for (;;) {
    const start = text.indexOf('{{', pos);
    if (start < 0) break;
    const end = text.indexOf('}}', start + 2);
    if (end < 0) {
      throw new ArgoTemplateError(
        `cannot find the end of the tag opened at "${text
          .slice(start, start + 20)
          .replace(/\s+/g, ' ')}"`,
      );
    }
    const tag = text.slice(start + 2, end);
    const value = params[tag.trim()];
    out += text.slice(pos, start);
    out += tag.trim() && typeof value === 'string' ? value : `{{${tag}}}`;
    pos = end + 2;
  }
  return out + text.slice(pos);
}
