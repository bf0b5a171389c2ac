/** Helpers of the producer registry tests: what the built-in rules produce and read. */
import { applyProducers, compileProducers } from '../registry';

const rules = compileProducers();

export const produced = (obj: Record<string, any>) =>
  applyProducers(obj, rules).produces.map(p =>
    p.namespace ? `${p.namespace}/${p.name}` : p.name,
  );

export const consumed = (obj: Record<string, any>) =>
  applyProducers(obj, rules).consumes.map(p => p.name);
