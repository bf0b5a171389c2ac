import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** A one-step template using an action, as the scaffolder's action list shows it. */
export function stepExample(
  description: string,
  step: { id: string; action: string; name: string; input: object },
): TemplateExample {
  return { description, example: yaml.stringify({ steps: [step] }) };
}
