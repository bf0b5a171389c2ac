import {
  embeddedObjects,
  helmReleaseValues,
  remoteChart,
} from './helmReleases';

const hr = (spec: Record<string, unknown>) => ({
  apiVersion: 'helm.toolkit.fluxcd.io/v2',
  kind: 'HelmRelease',
  metadata: { name: 'db', namespace: 'data' },
  spec,
});

describe('remote-chart HelmReleases', () => {
  it('tells remote charts from chart folders of this repository', () => {
    const local = new Set(['charts/db']);
    expect(
      remoteChart(
        hr({ chartRef: { kind: 'OCIRepository', name: 'app-template' } }),
        local,
      ),
    ).toBe('OCIRepository/app-template');
    expect(
      remoteChart(
        hr({
          chart: {
            spec: {
              chart: 'postgresql',
              sourceRef: { kind: 'HelmRepository', name: 'bitnami' },
            },
          },
        }),
        local,
      ),
    ).toBe('HelmRepository/bitnami:postgresql');
    expect(
      remoteChart(
        hr({
          chart: {
            spec: {
              chart: './charts/db',
              sourceRef: { kind: 'GitRepository', name: 'flux-system' },
            },
          },
        }),
        local,
      ),
    ).toBeUndefined();
  });

  it('merges valuesFrom ConfigMaps in order (valuesKey, targetPath), then inline values; Secrets are not read', () => {
    const maps: Record<string, Record<string, string>> = {
      base: {
        'values.yaml': 'auth:\n  existingSecret: from-base\nreplicas: 1\n',
      },
      extra: { custom: 'replicas: 3\n', host: 'db.example.org' },
    };
    const { values, notes } = helmReleaseValues(
      hr({
        valuesFrom: [
          { kind: 'ConfigMap', name: 'base' },
          { kind: 'ConfigMap', name: 'extra', valuesKey: 'custom' },
          {
            kind: 'ConfigMap',
            name: 'extra',
            valuesKey: 'host',
            targetPath: 'ingress.host',
          },
          { kind: 'Secret', name: 'db-values' },
          { kind: 'ConfigMap', name: 'absent', optional: true },
          { kind: 'ConfigMap', name: 'gone' },
        ],
        values: { auth: { existingSecret: 'db-secret' } },
      }),
      { configMap: name => maps[name] },
    );
    expect(values).toEqual({
      auth: { existingSecret: 'db-secret' },
      replicas: 3,
      ingress: { host: 'db.example.org' },
    });
    expect(notes).toEqual([
      'values from Secret db-values (valuesFrom) are not read by the engine',
      'values from ConfigMap gone key values.yaml (valuesFrom) are not in the repository',
    ]);
  });

  it('extracts objects embedded in values, skipping those whose name the chart computes', () => {
    const { objects, skipped } = embeddedObjects({
      extraObjects: [
        {
          apiVersion: 'external-secrets.io/v1',
          kind: 'ExternalSecret',
          metadata: { name: 'db-secret' },
          spec: { target: { name: 'db-secret' } },
        },
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: '{{ .Release.Name }}-extra' },
        },
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' } },
      ],
      rawResources: {
        store: {
          apiVersion: 'external-secrets.io/v1',
          kind: 'SecretStore',
          spec: {},
        },
      },
    });
    expect(objects.map(o => [o.obj.kind, o.path.join('.')])).toEqual([
      ['ExternalSecret', 'extraObjects.0'],
    ]);
    expect(skipped).toEqual([
      { kind: 'Secret', path: 'extraObjects.1' },
      { kind: 'SecretStore', path: 'rawResources.store' },
    ]);
  });
});
