/* Resolves the files an input names: validated, workspace-relative, one role each. */
import { ScaffoldError, type ScaffoldInput } from './types';
import { ENV, safeRelativePath, validate } from './validate';

/** The files one run edits, as workspace-relative paths. */
export interface PlanPaths {
  chartPath: string;
  fixtureFiles: string[];
  prodFiles: string[];
  prodValuesFiles: string[];
  envFiles: string[];
}

/** Validates the input and its paths; throws one ScaffoldError listing every problem. */
export function resolvePaths(raw: ScaffoldInput): PlanPaths {
  const problems = validate(raw);
  const paths = (list: string[] | undefined, field: string) =>
    (list ?? []).flatMap((f, i) => {
      try {
        const p = safeRelativePath(f, `${field}[${i}]`);
        if (!/\.ya?ml$/.test(p.replace(/\{env\}/g, ''))) {
          throw new ScaffoldError(
            `${field}[${i}] must name a .yaml or .yml values file`,
          );
        }
        return [p];
      } catch (e) {
        problems.push((e as Error).message);
        return [];
      }
    });
  let chartPath = '';
  try {
    chartPath = safeRelativePath(raw.chartPath, 'chartPath');
  } catch (e) {
    problems.push((e as Error).message);
  }
  const fixtureFiles = paths(raw.fixtureFiles, 'fixtureFiles');
  const prodFiles = paths(raw.productionFixtureFiles, 'productionFixtureFiles');
  const prodValuesFiles = paths(
    raw.productionValuesFiles,
    'productionValuesFiles',
  );
  const envFiles = [
    ...new Set(
      paths(raw.envValuesFiles, 'envValuesFiles').flatMap(f => {
        if (!f.includes('{env}')) return [f];
        if (!raw.environments?.length) {
          problems.push(
            `envValuesFiles entry "${f}" uses {env} but no environments are given`,
          );
          return [];
        }
        return raw.environments
          .filter(e => ENV.test(e))
          .map(e => f.split('{env}').join(e));
      }),
    ),
  ];
  // one file, one role: a file named twice would have one edit overwrite the other
  const roles = new Map<string, string>();
  const claim = (path: string, role: string) => {
    const prev = roles.get(path);
    if (prev)
      problems.push(
        `${path} is named twice (${prev} and ${role}); each file may have one role`,
      );
    else roles.set(path, role);
  };
  if (chartPath) {
    claim(`${chartPath}/values.yaml`, 'the chart values');
    claim(
      `${chartPath}/templates/externalsecret.yaml`,
      'the ExternalSecret template',
    );
    claim(`${chartPath}/Chart.yaml`, 'the chart');
  }
  envFiles.forEach(f => claim(f, 'envValuesFiles'));
  fixtureFiles.forEach(f => claim(f, 'fixtureFiles'));
  prodFiles.forEach(f => claim(f, 'productionFixtureFiles'));
  prodValuesFiles
    .filter(f => !envFiles.includes(f))
    .forEach(f => claim(f, 'productionValuesFiles'));
  if (problems.length)
    throw new ScaffoldError(`Invalid input:\n- ${problems.join('\n- ')}`);
  return { chartPath, fixtureFiles, prodFiles, prodValuesFiles, envFiles };
}
