/* Secrets a pod spec reads, at any depth of any object. */

import { ConsumerHow, isMap } from './types';

/** Kinds whose nested maps are values of another tool, not objects of the cluster. */
const VALUE_CARRIERS = new Set([
  'Application',
  'ApplicationSet',
  'HelmRelease',
  'HelmChart',
  'Kustomization',
]);

const VALUE_KEYS = new Set(['values', 'valuesObject', 'status']);

const isContainer = (c: unknown) =>
  isMap(c) && (typeof c.image === 'string' || typeof c.name === 'string');

/** A map shaped like a pod spec: a non-empty `containers` list of containers. */
export function isPodSpec(v: unknown): v is Record<string, any> {
  return (
    isMap(v) &&
    Array.isArray(v.containers) &&
    v.containers.length > 0 &&
    v.containers.every(isContainer)
  );
}

/** Every pod spec in an object, with its path; a pod spec is not searched inside. */
export function findPodSpecs(
  obj: Record<string, any>,
): Array<{ spec: Record<string, any>; at: string }> {
  const out: Array<{ spec: Record<string, any>; at: string }> = [];
  if (VALUE_CARRIERS.has(obj.kind)) return out;
  const walk = (v: unknown, at: string, depth: number) => {
    if (depth > 10) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${at}[${i}]`, depth + 1));
      return;
    }
    if (!isMap(v)) return;
    if (isPodSpec(v)) {
      out.push({ spec: v, at });
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      if (
        depth === 0 &&
        (k === 'metadata' || k === 'apiVersion' || k === 'kind')
      )
        continue;
      if (VALUE_KEYS.has(k)) continue;
      if (typeof x === 'object' && x !== null)
        walk(x, at ? `${at}.${k}` : k, depth + 1);
    }
  };
  walk(obj, '', 0);
  return out;
}

export function podSpecConsumers(
  spec: Record<string, any>,
  push: (secret: unknown, how: ConsumerHow, optional: unknown) => void,
) {
  const containers = [
    ...(Array.isArray(spec.containers) ? spec.containers : []),
    ...(Array.isArray(spec.initContainers) ? spec.initContainers : []),
    ...(Array.isArray(spec.ephemeralContainers)
      ? spec.ephemeralContainers
      : []),
  ];
  for (const c of containers) {
    if (!isMap(c)) continue;
    for (const env of Array.isArray(c.env) ? c.env : []) {
      const ref = env?.valueFrom?.secretKeyRef;
      if (isMap(ref)) push(ref.name, 'secretKeyRef', ref.optional);
    }
    for (const ef of Array.isArray(c.envFrom) ? c.envFrom : []) {
      if (isMap(ef?.secretRef))
        push(ef.secretRef.name, 'envFrom', ef.secretRef.optional);
    }
  }
  for (const v of Array.isArray(spec.volumes) ? spec.volumes : []) {
    if (!isMap(v)) continue;
    if (isMap(v.secret)) push(v.secret.secretName, 'volume', v.secret.optional);
    for (const src of Array.isArray(v.projected?.sources)
      ? v.projected.sources
      : []) {
      if (isMap(src?.secret))
        push(src.secret.name, 'volume', src.secret.optional);
    }
  }
  for (const p of Array.isArray(spec.imagePullSecrets)
    ? spec.imagePullSecrets
    : []) {
    if (isMap(p)) push(p.name, 'imagePullSecrets', false);
  }
}
