/* Which objects are configuration (read for Secrets), Helm charts or Flux objects. */

import { isHelmRelease } from '../discovery/flux/helmReleases';
import { isMap } from '../kustomize/util';

/** Kinds that configure the delivery tools: read as declarations, never analysed as manifests. */
export const CONFIG_KINDS = new Set([
  'Application',
  'ApplicationSet',
  'AppProject',
  'HelmRelease',
  'Kustomization',
  'Component',
  'GitRepository',
  'OCIRepository',
  'HelmRepository',
  'HelmChart',
  'Bucket',
  'Alert',
  'Provider',
  'Receiver',
  'ImageRepository',
  'ImagePolicy',
  'ImageUpdateAutomation',
  'FluxInstance',
  'ResourceSet',
  'ResourceSetInputProvider',
]);

const CONFIG_GROUPS =
  /^(argoproj\.io|[a-z]+\.toolkit\.fluxcd\.io|kustomize\.config\.k8s\.io|fluxcd\.controlplane\.io)\//;

export const isConfig = (o: Record<string, any>) =>
  CONFIG_KINDS.has(String(o.kind)) &&
  (CONFIG_GROUPS.test(String(o.apiVersion ?? '')) || o.kind === 'HelmRelease');

export const isHelmChart = (o: Record<string, any>) =>
  o?.kind === 'HelmChart' &&
  String(o.apiVersion ?? '').startsWith('source.toolkit.fluxcd.io/');

const FLUX_GROUP = /^[a-z]+\.toolkit\.fluxcd\.io\//;

/** An object of a Flux controller that is not a HelmRelease. */
export const isFluxObject = (o: Record<string, any>) =>
  isMap(o) && FLUX_GROUP.test(String(o.apiVersion ?? '')) && !isHelmRelease(o);
