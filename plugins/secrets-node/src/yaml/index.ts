export {
  parseYaml,
  parseYamlValue,
  toData,
  defaultYamlLimits,
} from './parseYaml';
export type { ParsedYaml, YamlLimits, YamlProblem } from './parseYaml';
