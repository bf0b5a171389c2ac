/* The list generator, elements inline or from elementsYaml. */

import { parseYamlValue } from '../../../../yaml';
import { note } from '../notes';
import {
  type ArgoContext,
  type TemplateMode,
  type Origin,
  type Params,
  isMap,
} from '../types';

export function listParams(
  list: Record<string, any>,
  ctx: ArgoContext,
  mode: TemplateMode,
  origin: Origin,
): Params[] {
  const out: Params[] = [];
  for (const el of Array.isArray(list.elements) ? list.elements : []) {
    if (!isMap(el)) continue;
    if (mode.goTemplate) {
      out.push(el);
      continue;
    }
    const params: Params = {};
    for (const [k, v] of Object.entries(el)) {
      if (k === 'values' && isMap(v)) {
        for (const [vk, vv] of Object.entries(v)) params[`values.${vk}`] = vv;
      } else params[k] = v;
    }
    const bad = Object.keys(params).find(k => typeof params[k] !== 'string');
    if (bad) {
      note(
        ctx,
        origin,
        `list element field "${bad}" is not a string, which Argo CD rejects without goTemplate`,
      );
      return [];
    }
    out.push(params);
  }
  if (typeof list.elementsYaml === 'string' && list.elementsYaml.trim()) {
    const read = parseYamlValue(list.elementsYaml);
    const parsed = 'value' in read ? read.value : undefined;
    if (!Array.isArray(parsed) || !parsed.every(isMap)) {
      note(
        ctx,
        origin,
        'list generator elementsYaml is not a YAML list of objects',
      );
      return out;
    }
    out.push(...(parsed as Params[]));
  }
  return out;
}
