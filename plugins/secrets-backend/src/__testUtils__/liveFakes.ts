/**
 * The live side of the no-value-leak test: a Vault answering fixture and real
 * values, a cluster with failing ExternalSecrets, and a probe of the search
 * collator.
 */
import { parseYaml, toData } from '@ameideio/plugin-secrets-node';
import { http, HttpResponse } from 'msw';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoGitOpsDir } from '../__fixtures__/demo';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { SecretsCollatorFactory } from '@ameideio/plugin-search-backend-module-secrets';

/** A plugin of the test backend holding the search collator, as the search backend would. */
export function collatorProbe(found: { factory?: SecretsCollatorFactory }) {
  return createBackendPlugin({
    pluginId: 'search',
    register(env) {
      env.registerInit({
        deps: {
          config: coreServices.rootConfig,
          discovery: coreServices.discovery,
          auth: coreServices.auth,
        },
        async init({ config, discovery, auth }) {
          found.factory = SecretsCollatorFactory.fromConfig(config, {
            discovery,
            auth,
          });
        },
      });
    },
  });
}

/** Every fixture value of the demo repository (long enough not to be a plain word). */
function fixtureValues(): string[] {
  const out = new Set<string>();
  for (const f of [
    'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml',
    'sources/values/env/staging/foundation/foundation-vault-bootstrap.yaml',
    'sources/values/env/production/foundation/foundation-vault-bootstrap.yaml',
  ]) {
    for (const doc of parseYaml(readFileSync(join(demoGitOpsDir, f), 'utf8'), f)
      .documents) {
      const d = toData(doc);
      const map = 'value' in d ? (d.value as any)?.fixtures : undefined;
      for (const v of Object.values(map ?? {})) {
        for (const x of typeof v === 'object' && v ? Object.values(v) : [v]) {
          if (typeof x === 'string' && x.length >= 8) out.add(x);
        }
      }
    }
  }
  return [...out];
}

export const REAL_VALUES = [
  'pr0d-Stripe-sk_live_51HxQ',
  'Orders-DB-real-passw0rd!',
  'gh-pat-real-123456789',
];
export const FIXTURES = fixtureValues();

export function liveVault(base: string) {
  // each key answers with a fixture value or a real one, alternately
  const keys = [
    'orders-db-password',
    'payments-db-password',
    'payments-stripe-api-key',
    'platform-app-client-secret',
    'checkout-session-key',
  ];
  const valueOf = (key: string) => {
    const i = keys.indexOf(key);
    return i % 2 === 0
      ? FIXTURES[i % FIXTURES.length]
      : REAL_VALUES[i % REAL_VALUES.length];
  };
  return [
    http.get(`${base}/v1/sys/health`, () =>
      HttpResponse.json({ initialized: true, sealed: false, standby: false }),
    ),
    http.get(`${base}/v1/secret/metadata/`, () =>
      HttpResponse.json({ data: { keys } }),
    ),
    http.get(`${base}/v1/secret/metadata/:key`, ({ params }) =>
      HttpResponse.json(
        {
          data: {
            current_version: 1,
            created_time: '2026-11-01T00:00:00Z',
            updated_time: '2026-11-01T00:00:00Z',
            custom_metadata: null,
            versions: {
              '1': {
                created_time: '2026-11-01T00:00:00Z',
                deletion_time: '',
                destroyed: false,
              },
            },
          },
        },
        { headers: { 'x-key': String(params.key) } },
      ),
    ),
    http.get(`${base}/v1/secret/subkeys/:key`, () =>
      HttpResponse.json({ data: { subkeys: { value: null } } }),
    ),
    http.get(`${base}/v1/secret/data/:key`, ({ params }) =>
      HttpResponse.json({
        data: {
          data: { value: valueOf(String(params.key)) },
          metadata: { version: 1 },
        },
      }),
    ),
  ];
}

export function liveCluster(base: string) {
  const es = (name: string) => ({
    metadata: {
      name,
      namespace: 'ameide',
      labels: { 'backstage.io/kubernetes-id': 'payments' },
    },
    spec: {
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'ameide-vault' },
      target: { name },
      data: [{ secretKey: 'k', remoteRef: { key: 'payments-db-password' } }],
    },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'SecretSyncedError',
          message: 'could not get secret data from provider',
        },
      ],
    },
  });
  const list = (items: unknown[]) =>
    HttpResponse.json({ kind: 'List', metadata: {}, items });
  return [
    http.get(`${base}/apis/external-secrets.io/v1/externalsecrets`, () =>
      list([es('payments-db'), es('payments-extra')]),
    ),
    http.get(`${base}/apis/external-secrets.io/v1/secretstores`, () =>
      list([]),
    ),
    http.get(`${base}/apis/external-secrets.io/v1/clustersecretstores`, () =>
      list([]),
    ),
    http.get(`${base}/api/v1/events`, () => list([])),
  ];
}
