import { resolveOptions } from './options';
import {
  ENGINE_OPTION_KEYS,
  parseEngineOptions,
  validateAnalyzeOptions,
} from './parseEngineOptions';
import { DEFAULT_PRODUCERS } from './producers/registry';
import { producerRuleProblems } from './producers/validate';

describe('parseEngineOptions', () => {
  it('splits the analysis options from the file reader options', () => {
    expect(
      parseEngineOptions({
        chartsRoot: 'charts',
        tree: { extensions: ['.yaml'], maxFiles: 10 },
      }),
    ).toStrictEqual({
      options: { chartsRoot: 'charts' },
      tree: { extensions: ['.yaml'], maxFiles: 10 },
      errors: [],
    });
    expect(parseEngineOptions({})).toStrictEqual({
      options: {},
      tree: {},
      errors: [],
    });
  });

  it('returns every problem, each naming its key', () => {
    expect(
      parseEngineOptions({
        enviroments: ['dev'],
        discovery: ['argocd', 'helmfile'],
        helm: { kubeVersion: 'latest', apiVersions: ['apps/v1', 'Deployment'] },
        producers: [
          { apiVersion: 'a/*', kind: 'X', secrets: ['{{ name }}-{{spec'] },
        ],
        writerSelectors: [{ path: 'a..b', writer: 'w' }],
        argocd: { clusters: [{ name: 'a' }] },
      }).errors,
    ).toStrictEqual([
      { key: 'enviroments', message: 'unknown option "enviroments"' },
      {
        key: 'discovery[1]',
        message:
          '"discovery[1]" must be one of argocd, flux, layout (got "helmfile")',
      },
      {
        key: 'helm.kubeVersion',
        message: '"helm.kubeVersion" must be a version such as v1.32.0',
      },
      {
        key: 'helm.apiVersions[1]',
        message:
          '"helm.apiVersions[1]" must be an API version such as apps/v1 or monitoring.coreos.com/v1/ServiceMonitor',
      },
      {
        key: 'producers[0].secrets[0]',
        message:
          '"producers[0].secrets[0]": malformed placeholder in "{{ name }}-{{spec": write {{path}} or {{path|filter}}',
      },
      {
        key: 'writerSelectors[0].path',
        message: '"writerSelectors[0].path": malformed path "a..b" at ""',
      },
      {
        key: 'argocd.clusters[0].server',
        message: '"argocd.clusters[0].server" is required',
      },
    ]);
  });

  it('refuses what is not an object', () => {
    for (const raw of [null, [], 'x', 3])
      expect(parseEngineOptions(raw).errors).toStrictEqual([
        { key: '', message: 'engine options must be a JSON object' },
      ]);
  });

  it('accepts the versions Helm accepts', () => {
    for (const kubeVersion of ['v1.32.0', '1.30', 'v1.30.2-eks-1234'])
      expect(parseEngineOptions({ helm: { kubeVersion } }).errors).toEqual([]);
    expect(
      parseEngineOptions({
        helm: {
          apiVersions: [
            'v1',
            'apps/v1',
            'autoscaling/v2beta2',
            'monitoring.coreos.com/v1/ServiceMonitor',
          ],
        },
      }).errors,
    ).toEqual([]);
  });

  it('the built-in producer rules pass the check the configured ones get', () => {
    expect(producerRuleProblems(DEFAULT_PRODUCERS)).toStrictEqual([]);
  });

  it('every option it accepts is one the engine resolves', () => {
    const resolved = Object.keys(resolveOptions({}));
    // options read under another name once resolved
    const renamed: Record<string, string> = {
      externalSyncWriterPattern: 'externalSyncWriter',
      placeholderPattern: 'placeholder',
      defaultProducers: 'producers',
      knownEnvironments: 'configuredEnvironments',
    };
    for (const key of ENGINE_OPTION_KEYS) {
      if (key === 'tree') continue; // the file reader's
      if (key === 'rotation') continue; // the live analysis reads it as configured
      expect(resolved).toContain(renamed[key] ?? key);
    }
  });

  it('validateAnalyzeOptions throws the first problem and keeps to the analysis options', () => {
    expect(() => validateAnalyzeOptions({ chartsRoot: '', x: 1 })).toThrow(
      '"chartsRoot" must be a non-empty string',
    );
    expect(() => validateAnalyzeOptions({ tree: { maxFiles: 1 } })).toThrow(
      'unknown option "tree"',
    );
  });
});
