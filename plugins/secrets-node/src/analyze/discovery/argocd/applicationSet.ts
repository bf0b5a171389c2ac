/*
 * Expands an ApplicationSet into the Applications Argo CD would generate:
 * every generator's parameter sets applied to the template (a generator's
 * own `template` overriding the ApplicationSet's), then the rendered
 * `templatePatch` merged onto each Application.
 */
import { parseYamlValue } from '../../../yaml';
import { ArgoTemplateError } from './fasttemplate';
import { generatorParams } from './generators';
import { note } from './notes';
import { applyTemplatePatch } from './patch';
import { renderFields, replaceString } from './template';
import {
  type ArgoContext,
  isMap,
  type Origin,
  type Params,
  templateModeOf,
} from './types';

export interface GeneratedApplication {
  app: Record<string, any>;
  params: Params;
}

/** Fills the fields `dest` leaves unset from `src` (mergo.Merge without override). */
function fillMissing(dest: unknown, src: unknown, depth = 0): unknown {
  if (!isMap(dest))
    return dest === undefined || dest === null || dest === '' ? src : dest;
  if (!isMap(src) || depth > 32) return dest;
  const out: Params = { ...dest };
  for (const [k, v] of Object.entries(src))
    out[k] = fillMissing(out[k], v, depth + 1);
  return out;
}

export function expandApplicationSet(
  doc: Record<string, any>,
  ctx: ArgoContext,
  origin: Origin,
): GeneratedApplication[] {
  const spec = isMap(doc.spec) ? doc.spec : {};
  const mode = templateModeOf(spec);
  const out: GeneratedApplication[] = [];
  const failures = new Map<string, number>();
  for (const gen of Array.isArray(spec.generators) ? spec.generators : []) {
    const params = generatorParams(gen, ctx, mode, origin);
    const own = isMap(gen)
      ? Object.values(gen).find(g => isMap(g) && isMap(g.template))?.template
      : undefined;
    const template = fillMissing(own ?? {}, spec.template ?? {}) as Params;
    for (const p of params) {
      try {
        const rendered = renderFields(template, p, mode);
        let app: Record<string, any> = {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Application',
          metadata: isMap(rendered.metadata) ? rendered.metadata : {},
          spec: isMap(rendered.spec) ? rendered.spec : {},
        };
        if (
          typeof spec.templatePatch === 'string' &&
          spec.templatePatch.trim()
        ) {
          const text = replaceString(spec.templatePatch, p, mode);
          const read = text.trim() ? parseYamlValue(text) : { value: null };
          // only the position of a parse error is kept: the text holds parameters
          if ('error' in read) {
            const at = read.line;
            throw new ArgoTemplateError(
              `the rendered templatePatch is not valid YAML${
                at ? ` (line ${at} of the rendered patch)` : ''
              }`,
            );
          }
          const patch = read.value;
          if (patch !== null && patch !== undefined) {
            if (!isMap(patch))
              throw new ArgoTemplateError(
                'the rendered templatePatch is not a map',
              );
            app = applyTemplatePatch(app, patch);
          }
        }
        out.push({ app, params: p });
      } catch (e) {
        if (!(e instanceof ArgoTemplateError)) throw e;
        failures.set(e.message, (failures.get(e.message) ?? 0) + 1);
      }
    }
  }
  for (const [message, count] of failures) {
    note(
      ctx,
      origin,
      `${count} generated Application${
        count > 1 ? 's' : ''
      } could not be rendered (${message}); Argo CD reports an error for the ApplicationSet`,
    );
  }
  return out;
}
