/*
 * Namespaces and names of built objects: the namespace transformer, name
 * prefixes and suffixes, and the rewriting of references to renamed Secrets
 * and ConfigMaps in the fields Kustomize's name-reference configuration
 * covers for built-in kinds (workload pod specs, ServiceAccounts, Ingress
 * TLS). Custom resources such as ExternalSecret are not rewritten, as in
 * Kustomize without extra `configurations`.
 */
import type { BuiltObject } from './types';
import { isMap } from './util';

/** Built-in cluster-scoped kinds (and the cluster-scoped External Secrets kinds): no namespace. */
export const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'CSIDriver',
  'CSINode',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'VolumeSnapshotClass',
  'ClusterSecretStore',
  'ClusterExternalSecret',
  'ClusterPushSecret',
  'ClusterGenerator',
  'ClusterIssuer',
  'GatewayClass',
]);

/** The namespace transformer: namespaced objects get the namespace; Namespace objects take it as their name. */
export function setNamespace(list: BuiltObject[], ns: string) {
  for (const b of list) {
    const md = (b.obj.metadata ??= {});
    if (b.obj.kind === 'Namespace') md.name = ns;
    else if (!CLUSTER_SCOPED.has(String(b.obj.kind))) md.namespace = ns;
    // subjects of role bindings that name a service account follow the namespace
    if (
      (b.obj.kind === 'RoleBinding' || b.obj.kind === 'ClusterRoleBinding') &&
      Array.isArray(b.obj.subjects)
    ) {
      for (const s of b.obj.subjects)
        if (isMap(s) && s.kind === 'ServiceAccount' && s.namespace)
          s.namespace = ns;
    }
  }
}

const RENAMED_REFS = new Set(['Secret', 'ConfigMap']);

/** Renames an object, remembering the names it had so references can follow. */
export function rename(b: BuiltObject, name: string) {
  const md = (b.obj.metadata ??= {});
  const old = md.name;
  if (old === name) return;
  if (typeof old === 'string' && RENAMED_REFS.has(String(b.obj.kind)))
    (b.previousNames ??= []).push(old);
  md.name = name;
}

/** namePrefix / nameSuffix: every object but Namespaces and CRDs. */
export function prefixSuffix(
  list: BuiltObject[],
  prefix: string,
  suffix: string,
) {
  for (const b of list) {
    if (b.obj.kind === 'Namespace' || b.obj.kind === 'CustomResourceDefinition')
      continue;
    const name = b.obj.metadata?.name;
    if (typeof name !== 'string') continue;
    rename(b, `${prefix}${name}${suffix}`);
  }
}

type Ref = {
  kind: 'Secret' | 'ConfigMap';
  get: () => unknown;
  set: (v: string) => void;
};

function refField(o: any, key: string, kind: Ref['kind']): Ref[] {
  return isMap(o) && typeof o[key] === 'string'
    ? [{ kind, get: () => o[key], set: v => (o[key] = v) }]
    : [];
}

function podSpecRefs(spec: any): Ref[] {
  if (!isMap(spec)) return [];
  const refs: Ref[] = [];
  for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
    for (const c of Array.isArray(spec[list]) ? spec[list] : []) {
      if (!isMap(c)) continue;
      for (const e of Array.isArray(c.env) ? c.env : []) {
        refs.push(...refField(e?.valueFrom?.secretKeyRef, 'name', 'Secret'));
        refs.push(
          ...refField(e?.valueFrom?.configMapKeyRef, 'name', 'ConfigMap'),
        );
      }
      for (const e of Array.isArray(c.envFrom) ? c.envFrom : []) {
        refs.push(...refField(e?.secretRef, 'name', 'Secret'));
        refs.push(...refField(e?.configMapRef, 'name', 'ConfigMap'));
      }
    }
  }
  for (const v of Array.isArray(spec.volumes) ? spec.volumes : []) {
    refs.push(...refField(v?.secret, 'secretName', 'Secret'));
    refs.push(...refField(v?.configMap, 'name', 'ConfigMap'));
    for (const s of Array.isArray(v?.projected?.sources)
      ? v.projected.sources
      : []) {
      refs.push(...refField(s?.secret, 'name', 'Secret'));
      refs.push(...refField(s?.configMap, 'name', 'ConfigMap'));
    }
  }
  for (const s of Array.isArray(spec.imagePullSecrets)
    ? spec.imagePullSecrets
    : [])
    refs.push(...refField(s, 'name', 'Secret'));
  return refs;
}

/** Fields of an object that reference a Secret or ConfigMap by name. */
export function nameReferences(obj: Record<string, any>): Ref[] {
  switch (obj.kind) {
    case 'Pod':
      return podSpecRefs(obj.spec);
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
    case 'ReplicationController':
      return podSpecRefs(obj.spec?.template?.spec);
    case 'CronJob':
      return podSpecRefs(obj.spec?.jobTemplate?.spec?.template?.spec);
    case 'ServiceAccount':
      return [
        ...(Array.isArray(obj.secrets) ? obj.secrets : []).flatMap((s: any) =>
          refField(s, 'name', 'Secret'),
        ),
        ...(Array.isArray(obj.imagePullSecrets)
          ? obj.imagePullSecrets
          : []
        ).flatMap((s: any) => refField(s, 'name', 'Secret')),
      ];
    case 'Ingress':
      return (Array.isArray(obj.spec?.tls) ? obj.spec.tls : []).flatMap(
        (t: any) => refField(t, 'secretName', 'Secret'),
      );
    default:
      return [];
  }
}

/**
 * Points references at the current names of renamed Secrets and ConfigMaps
 * of the same build and namespace (Kustomize tracks each object's original
 * name through every layer).
 */
export function rewriteReferences(list: BuiltObject[]) {
  const renamed = list.filter(b => b.previousNames?.length);
  if (!renamed.length) return;
  for (const b of list) {
    const ns = b.obj.metadata?.namespace;
    for (const ref of nameReferences(b.obj)) {
      const v = ref.get();
      const target = renamed.find(
        r =>
          r.obj.kind === ref.kind &&
          (r.obj.metadata?.namespace ?? undefined) === (ns ?? undefined) &&
          r.previousNames!.includes(v as string),
      );
      if (target && target.obj.metadata?.name !== v)
        ref.set(String(target.obj.metadata.name));
    }
  }
}
