/*
 * The stores the repository declares, with the release rendering each: the
 * backend shows a broken store's health on the entity owning that release.
 */
import type { StoreDecl } from '@ameideio/plugin-secrets-common';
import type { RenderedDoc } from './render';

/** The declaration of a rendered SecretStore or ClusterSecretStore. */
export function storeDecl(
  d: RenderedDoc,
  releaseNamespace: string | undefined,
): StoreDecl {
  const kind =
    d.obj.kind === 'ClusterSecretStore' ? 'ClusterSecretStore' : 'SecretStore';
  const namespace =
    kind === 'SecretStore'
      ? d.obj.metadata?.namespace ?? releaseNamespace
      : undefined;
  return {
    kind,
    name: String(d.obj.metadata?.name ?? ''),
    ...(namespace ? { namespace: String(namespace) } : {}),
    release: d.release,
    ...(d.chart ? { chart: d.chart } : {}),
    environment: d.environment,
    sourceRef: d.line ? { file: d.file, line: d.line } : { file: d.file },
  };
}
