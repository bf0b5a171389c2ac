/*
 * The one check of engine options read from configuration: the CLI's
 * `--config` file and the backend's `secrets.engine` both go through
 * `parseEngineOptions`, so the two accept the same names and shapes and
 * refuse the same mistakes with the same messages. Every problem is
 * collected (not only the first) and names the key that is wrong.
 */
import type { ReadFileTreeOptions } from '../tree/readFileTree';
import { parsePath } from './paths';
import { producerRuleProblems } from './producers/validate';
import type { AnalyzeOptions } from './options';
import { writerSelectorProblems } from './writerSelectors';
import { rotationPolicyProblems } from '../live/rotation';

/**
 * The engine's configuration as a `--config` file or `secrets.engine` in
 * app-config holds it: every {@link AnalyzeOptions} key, plus `tree`, how
 * the repository's files are read.
 * @public
 */
export interface EngineConfig extends AnalyzeOptions {
  /** How the repository is read. Only `extensions`, `maxFileSize` and `maxFiles` are configurable. */
  tree?: Pick<ReadFileTreeOptions, 'extensions' | 'maxFileSize' | 'maxFiles'>;
}

/**
 * One problem of an engine configuration: the key that is wrong, as a path
 * (`helm.kubeVersion`, `producers[0].secrets[1].name`), and a message that
 * names it.
 * @public
 */
export interface EngineOptionProblem {
  /** The key that is wrong, as a path (`argocd.clusters[0].server`); empty when the whole configuration is. */
  key: string;
  /** What is wrong, naming the key; never a secret value. */
  message: string;
}

/** What {@link parseEngineOptions} makes of a configuration. @public */
export interface ParsedEngineOptions {
  /** The analysis options (the configuration without `tree`). Meaningful only when `errors` is empty. */
  options: AnalyzeOptions;
  /** How the repository is read (`tree`); empty when not configured. */
  tree: Pick<ReadFileTreeOptions, 'extensions' | 'maxFileSize' | 'maxFiles'>;
  /** Every problem found; empty when the configuration is valid. */
  errors: EngineOptionProblem[];
}

type Add = (key: string, text: string) => void;
type Check = (value: unknown, key: string, add: Add) => void;

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every(x => typeof x === 'string' && x.length > 0);

const stringList: Check = (v, key, add) => {
  if (!isStringList(v)) add(key, 'must be a list of non-empty strings');
};
const string: Check = (v, key, add) => {
  if (typeof v !== 'string' || !v) add(key, 'must be a non-empty string');
};
const boolean: Check = (v, key, add) => {
  if (typeof v !== 'boolean') add(key, 'must be true or false');
};
const pattern: Check = (v, key, add) => {
  if (typeof v !== 'string' || !v) {
    add(key, 'must be a non-empty string');
    return;
  }
  try {
    RegExp(v, 'i');
  } catch {
    add(key, 'must be a valid regular expression');
  }
};
const positiveInteger: Check = (v, key, add) => {
  if (!(typeof v === 'number' && Number.isInteger(v) && v > 0))
    add(key, 'must be a whole number greater than zero');
};

/** Checks the fields of an object: unknown fields are problems too. */
function object(fields: Record<string, Check>, shape: string): Check {
  return (v, key, add) => {
    if (!isMap(v)) {
      add(key, `must be an object ${shape}`);
      return;
    }
    for (const [field, value] of Object.entries(v)) {
      const check = fields[field];
      if (!check) add(`${key}.${field}`, 'is an unknown option');
      else if (value !== undefined) check(value, `${key}.${field}`, add);
    }
  };
}

/** A list whose every element passes `check` (reported as `key[i]`). */
function listOf(check: Check, shape: string): Check {
  return (v, key, add) => {
    if (!Array.isArray(v)) {
      add(key, `must be a list of ${shape}`);
      return;
    }
    v.forEach((x, i) => check(x, `${key}[${i}]`, add));
  };
}

function required(fields: string[], check: Check): Check {
  return (v, key, add) => {
    if (isMap(v))
      for (const f of fields)
        if (v[f] === undefined) add(`${key}.${f}`, 'is required');
    check(v, key, add);
  };
}

const DISCOVERY = ['argocd', 'flux', 'layout'];
const discovery: Check = (v, key, add) => {
  if (!Array.isArray(v)) {
    add(key, `must be a list of ${DISCOVERY.join(', ')}`);
    return;
  }
  v.forEach((d, i) => {
    if (typeof d !== 'string' || !DISCOVERY.includes(d))
      add(
        `${key}[${i}]`,
        `must be one of ${DISCOVERY.join(', ')} (got ${JSON.stringify(d)})`,
      );
  });
};

const stringMap: Check = (v, key, add) => {
  if (!isMap(v) || !Object.values(v).every(x => typeof x === 'string'))
    add(key, 'must be a map of strings');
};

const path: Check = (v, key, add) => {
  if (typeof v !== 'string' || !v) {
    add(key, 'must be a non-empty string');
    return;
  }
  try {
    parsePath(v);
  } catch (e) {
    add(key, `: ${(e as Error).message}`);
  }
};

/** `v1.32.0`, `1.32`, `v1.30.2-eks-1234`: what Helm's `--kube-version` accepts. */
const KUBE_VERSION = /^v?\d+\.\d+(\.\d+)?([-+][0-9A-Za-z.+-]+)?$/;
/** `v1`, `apps/v1`, `monitoring.coreos.com/v1/ServiceMonitor`. */
const API_VERSION =
  /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?v\d+((alpha|beta)\d+)?(\/[A-Za-z][A-Za-z0-9]*)?$/;

/** A sub-check that reports its own keys (`producers[0].kind`). */
const fromProblems =
  (problems: (v: unknown) => EngineOptionProblem[]): Check =>
  (v, _key, add) => {
    for (const p of problems(v))
      add(p.key, p.message.slice(`"${p.key}"`.length).trimStart());
  };

/**
 * Every option and its check. Typed over every key of {@link EngineConfig}:
 * an option added to the engine does not compile until it has a check here.
 */
const CHECKS: { [K in keyof Required<EngineConfig>]: Check } = {
  environments: stringList,
  fixtureEnvironments: stringList,
  productionEnvironments: stringList,
  knownEnvironments: stringList,
  chartsRoot: string,
  valuesRoot: string,
  sharedValuesDir: string,
  envValuesDir: string,
  foundationGroups: stringList,
  fixtureRelease: string,
  fixtureKey: string,
  writersKey: string,
  externalSyncWriterPattern: pattern,
  clusterManagedKey: string,
  originAnnotation: string,
  ignorePaths: stringList,
  defaultIgnores: boolean,
  discovery,
  entities: listOf(
    required(
      ['entityRef', 'chart'],
      object(
        { entityRef: string, chart: string, releases: stringList },
        '{ entityRef, chart, releases? }',
      ),
    ),
    '{ entityRef, chart, releases? }',
  ),
  placeholderPattern: pattern,
  argocd: object(
    {
      repoURLs: stringList,
      clusters: listOf(
        required(
          ['name', 'server'],
          object(
            {
              name: string,
              server: string,
              labels: stringMap,
              annotations: stringMap,
              project: string,
            },
            '{ name, server, labels?, annotations?, project? }',
          ),
        ),
        '{ name, server, labels?, annotations?, project? }',
      ),
      gitFileGlobbing: (v, key, add) => {
        if (v !== 'greedy' && v !== 'strict')
          add(key, 'must be greedy or strict');
      },
    },
    '{ repoURLs?, clusters?, gitFileGlobbing? }',
  ),
  producers: fromProblems(producerRuleProblems),
  defaultProducers: boolean,
  writerSelectors: fromProblems(writerSelectorProblems),
  placeholderPaths: listOf(path, 'values paths such as bootstrap.placeholders'),
  rotation: (v, key, add) => {
    for (const p of rotationPolicyProblems(v, key))
      add(p.key, p.message.replace(`"${p.key}" `, ''));
  },
  helm: object(
    {
      kubeVersion: (v, key, add) => {
        if (typeof v !== 'string' || !KUBE_VERSION.test(v))
          add(key, 'must be a version such as v1.32.0');
      },
      apiVersions: listOf((v, key, add) => {
        if (typeof v !== 'string' || !API_VERSION.test(v))
          add(
            key,
            'must be an API version such as apps/v1 or monitoring.coreos.com/v1/ServiceMonitor',
          );
      }, 'API versions'),
    },
    '{ kubeVersion?, apiVersions? }',
  ),
  tree: object(
    {
      extensions: stringList,
      maxFileSize: positiveInteger,
      maxFiles: positiveInteger,
    },
    '{ extensions?, maxFileSize?, maxFiles? }',
  ),
};

/** The names of every engine option (`--config` keys, `secrets.engine` keys). @public */
export const ENGINE_OPTION_KEYS: readonly string[] = Object.keys(CHECKS);

/**
 * Reads engine options from configuration (a parsed `--config` JSON file,
 * the `secrets.engine` object of app-config): unknown keys, wrong types,
 * invalid patterns, malformed paths and templates, unknown discovery modes
 * and versions that are not versions are returned as problems naming the
 * key, never ignored. Pure.
 * @public
 */
export function parseEngineOptions(raw: unknown): ParsedEngineOptions {
  const errors: EngineOptionProblem[] = [];
  if (!isMap(raw)) {
    errors.push({ key: '', message: 'engine options must be a JSON object' });
    return { options: {}, tree: {}, errors };
  }
  const add: Add = (key, text) =>
    errors.push({
      key,
      message:
        text === 'is an unknown option'
          ? `unknown option "${key}"`
          : `"${key}"${text.startsWith(':') ? '' : ' '}${text}`,
    });
  const checks = CHECKS as Record<string, Check>;
  const options: Record<string, unknown> = {};
  let tree: ParsedEngineOptions['tree'] = {};
  for (const [key, value] of Object.entries(raw)) {
    const check = checks[key];
    if (!check) {
      add(key, 'is an unknown option');
      continue;
    }
    if (value === undefined) continue;
    check(value, key, add);
    if (key === 'tree') tree = value as ParsedEngineOptions['tree'];
    else options[key] = value;
  }
  return { options: options as AnalyzeOptions, tree, errors };
}

/**
 * The start-up message of a configuration's problems, each as
 * `Invalid option at <at>.<key>: <message>`, joined by `; `.
 * @public
 */
export function describeEngineOptionProblems(
  errors: readonly EngineOptionProblem[],
  at: string,
): string {
  return errors
    .map(e =>
      e.key
        ? `Invalid option at ${at}.${e.key}: ${e.message}`
        : `Invalid ${at}: ${e.message}`,
    )
    .join('; ');
}

/**
 * Checks engine options read from a file: throws the first problem of
 * {@link parseEngineOptions} (which returns them all). A `tree` key is
 * refused here: it configures the file reader, not the analysis.
 * @public
 */
export function validateAnalyzeOptions(raw: unknown): AnalyzeOptions {
  const { errors } = parseEngineOptions(raw);
  if (errors.length) throw new Error(errors[0].message);
  if (isMap(raw) && raw.tree !== undefined)
    throw new Error('unknown option "tree"');
  return raw as AnalyzeOptions;
}
