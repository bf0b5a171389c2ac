/* Consumers named in the values of a chart the engine does not render. */
import { valuesConsumers } from './consumers/values';

describe('Secrets named in the values of a chart the engine does not render', () => {
  it('finds Kubernetes-shaped references at any depth, app-template shapes included', () => {
    const found = valuesConsumers({
      controllers: {
        main: {
          containers: {
            app: {
              env: {
                DB_PASSWORD: {
                  valueFrom: {
                    secretKeyRef: { name: 'pg-app', key: 'password' },
                  },
                },
                OPTIONAL: {
                  valueFrom: {
                    secretKeyRef: { name: 'extra', key: 'x', optional: true },
                  },
                },
              },
              envFrom: [
                { secretRef: { name: 'app-env' } },
                { secret: 'app-more' },
              ],
            },
          },
        },
      },
      imagePullSecrets: [{ name: 'ghcr-pull' }, 'quay-pull'],
      persistence: {
        tls: { type: 'secret', name: 'app-tls' },
        off: { type: 'secret', name: 'unused', enabled: false },
        data: { type: 'persistentVolumeClaim', existingClaim: 'data' },
      },
      extraVolumes: [{ name: 'cfg', secret: { secretName: 'app-config' } }],
      templated: { secretKeyRef: { name: '{{ .Release.Name }}-x', key: 'k' } },
      rawResources: {
        es: {
          apiVersion: 'external-secrets.io/v1',
          kind: 'ExternalSecret',
          spec: { secretKeyRef: { name: 'inside-an-object' } },
        },
      },
    });
    expect(found.map(c => [c.secret, c.how, c.optional])).toStrictEqual([
      ['pg-app', 'secretKeyRef', false],
      ['extra', 'secretKeyRef', true],
      ['app-env', 'envFrom', false],
      ['app-more', 'envFrom', false],
      ['ghcr-pull', 'imagePullSecrets', false],
      ['quay-pull', 'imagePullSecrets', false],
      ['app-tls', 'volume', false],
      ['app-config', 'volume', false],
    ]);
    expect(found[0].at).toBe(
      'controllers.main.containers.app.env.DB_PASSWORD.valueFrom.secretKeyRef',
    );
  });
});
