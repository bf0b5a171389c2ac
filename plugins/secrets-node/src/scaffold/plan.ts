/*
 * Pure generation of chart-owned ExternalSecrets: the Helm template, the
 * values block and the fixture entries. Computes every edit first and returns
 * them; the caller writes them (or not, on a dry run). Nothing here touches
 * the disk, so a refused input can never leave a half-written workspace.
 *
 * Existing YAML is edited through the `yaml` Document API (comments, key order
 * and quoting survive), a file nothing changes in is returned byte for byte,
 * and an existing fixture value is never overwritten.
 */
import type { FileTree } from '../tree';
import { blocks, loadPlanContext, put } from './plan/context';
import { planFixtures } from './plan/fixtures';
import { resolvePaths } from './plan/inputs';
import { checkOwners } from './plan/owners';
import { planTemplate } from './plan/template';
import type { ScaffoldInput, ScaffoldPlan } from './plan/types';
import { planChartValues, planEnvValues } from './plan/values';
import { planWriters } from './plan/writers';
import { render } from './plan/yamlFile';

/**
 * Plans the files that make a chart own its ExternalSecrets. Throws
 * {@link ScaffoldError} listing every problem; never partially applies.
 * @public
 */
export function planChartExternalSecrets(
  tree: FileTree,
  raw: ScaffoldInput,
): ScaffoldPlan {
  const paths = resolvePaths(raw);
  const ctx = loadPlanContext(tree, raw, paths);
  planTemplate(ctx);
  planChartValues(ctx);
  planWriters(ctx);
  put(
    ctx,
    ctx.valuesPath,
    'values',
    render(ctx.values),
    blocks(ctx.values, ['secrets', 'externalSecrets', 'secretWriters']),
  );
  planEnvValues(ctx);
  const fixtureKeysAdded = planFixtures(ctx);
  checkOwners(ctx);
  return {
    files: ctx.files,
    fixtureKeysAdded: [...new Set(fixtureKeysAdded)],
    warnings: ctx.warnings,
  };
}
