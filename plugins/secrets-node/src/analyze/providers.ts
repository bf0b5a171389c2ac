/*
 * ESO stores and their providers. The Vault conventions of the engine
 * (fixture coverage, remoteRef `property: value`) hold only for an
 * ExternalSecret whose store is a Vault store declared in the repository;
 * another provider gets no Vault advice, and an undeclared store leaves the
 * provider unknown (never an error about Vault conventions).
 */
import type { StoreDecl } from '@ameideio/plugin-secrets-common';
import type { RenderedDoc } from './render';
import { storeDecl } from './storeDecl';

const isMap = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A SecretStore or ClusterSecretStore read from the repository. */
export interface Store {
  kind: string;
  name: string;
  namespace?: string;
  env: string;
  conditions?: any[];
  /** The provider key under `spec.provider` (`vault`, `onepassword`, `kubernetes`, `aws`...). */
  provider?: string;
  /** `spec.provider.kubernetes.remoteNamespace` (ESO default `default`). */
  remoteNamespace?: string;
  /** The declaration as the report lists it. */
  decl: StoreDecl;
}

/** The provider of a store spec: the one key of `spec.provider`. */
export function providerName(spec: unknown): string | undefined {
  const p = isMap(spec) ? spec.provider : undefined;
  if (!isMap(p)) return undefined;
  const keys = Object.keys(p).filter(k => p[k] !== null && p[k] !== undefined);
  return keys.length === 1 ? keys[0] : keys[0];
}

/** Every store of the analysed documents; `namespaceOf` completes a store rendered by a release. */
export function collectStores(
  docs: RenderedDoc[],
  namespaceOf: (d: RenderedDoc) => string | undefined,
): Store[] {
  return docs
    .filter(
      d =>
        (d.obj.kind === 'SecretStore' || d.obj.kind === 'ClusterSecretStore') &&
        String(d.obj.apiVersion ?? '').startsWith('external-secrets.io/'),
    )
    .map(d => {
      const provider = providerName(d.obj.spec);
      const remoteNamespace =
        provider === 'kubernetes'
          ? String(
              d.obj.spec?.provider?.kubernetes?.remoteNamespace ?? 'default',
            )
          : undefined;
      return {
        kind: d.obj.kind,
        name: String(d.obj.metadata?.name ?? ''),
        namespace: d.obj.metadata?.namespace ?? namespaceOf(d),
        env: d.environment,
        conditions: d.obj.spec?.conditions,
        ...(provider ? { provider } : {}),
        ...(remoteNamespace ? { remoteNamespace } : {}),
        decl: storeDecl(d, namespaceOf(d)),
      };
    });
}

/** The stores an ExternalSecret's reference may name in its environment. */
export function storeCandidates(
  es: {
    environment: string;
    namespace?: string;
    storeRef: { kind: string; name: string };
  },
  stores: Store[],
): Store[] {
  return stores.filter(
    s =>
      s.env === es.environment &&
      s.kind === es.storeRef.kind &&
      s.name === es.storeRef.name &&
      (s.kind !== 'SecretStore' ||
        !s.namespace ||
        !es.namespace ||
        s.namespace === es.namespace),
  );
}

/**
 * The provider an ExternalSecret reads from: the provider of its store, or
 * undefined when the store is not declared in the repository (or declared
 * with different providers in different places).
 */
export function resolveProvider(
  es: {
    environment: string;
    namespace?: string;
    storeRef: { kind: string; name: string };
  },
  stores: Store[],
): { provider?: string; store?: Store } {
  const candidates = storeCandidates(es, stores);
  const providers = [
    ...new Set(candidates.map(c => c.provider).filter(Boolean)),
  ];
  if (providers.length !== 1) return {};
  return {
    provider: providers[0],
    store: candidates.find(c => c.provider === providers[0]),
  };
}

/** Whether the engine's Vault conventions apply to a provider. */
export const isVault = (provider: string | undefined) => provider === 'vault';

/** A short phrase naming a provider for messages. */
export function providerLabel(provider: string): string {
  const labels: Record<string, string> = {
    vault: 'HashiCorp Vault',
    onepassword: '1Password Connect',
    onepasswordSDK: '1Password SDK',
    kubernetes: 'Kubernetes',
    aws: 'AWS',
    gcpsm: 'GCP Secret Manager',
    azurekv: 'Azure Key Vault',
    bitwardensecretsmanager: 'Bitwarden Secrets Manager',
    doppler: 'Doppler',
    infisical: 'Infisical',
    fake: 'fake',
  };
  return labels[provider] ?? provider;
}
