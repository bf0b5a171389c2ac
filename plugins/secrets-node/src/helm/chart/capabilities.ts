/* .Capabilities: the Kubernetes version and the API versions Helm renders for. */

import { GoObject } from '../goValues';

/** The cluster Helm renders for (`.Capabilities`). */
export interface HelmCapabilities {
  /** Kubernetes version, e.g. `v1.32.0`. */
  kubeVersion: string;
  /** API versions `.Capabilities.APIVersions.Has` knows (`group/version` or `group/version/Kind`). */
  apiVersions: string[];
}

/** Default Kubernetes version of `.Capabilities.KubeVersion`. */
export const DEFAULT_KUBE_VERSION = 'v1.32.0';

/** Default API versions of `.Capabilities.APIVersions`: Kubernetes built-ins and ESO. */
export const DEFAULT_API_VERSIONS: readonly string[] = [
  'v1',
  'admissionregistration.k8s.io/v1',
  'apiextensions.k8s.io/v1',
  'apiregistration.k8s.io/v1',
  'apps/v1',
  'authentication.k8s.io/v1',
  'authorization.k8s.io/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'batch/v1',
  'certificates.k8s.io/v1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'events.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1',
  'networking.k8s.io/v1',
  'node.k8s.io/v1',
  'policy/v1',
  'rbac.authorization.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'storage.k8s.io/v1',
  'external-secrets.io/v1beta1',
  'external-secrets.io/v1',
];

/* ---------- .Capabilities ---------- */
export function capabilitiesObject(c: HelmCapabilities): GoObject {
  const m = /^v?(\d+)\.(\d+)/.exec(c.kubeVersion);
  const version = c.kubeVersion.startsWith('v')
    ? c.kubeVersion
    : `v${c.kubeVersion}`;
  const kube = new GoObject(
    'chartutil.KubeVersion',
    {
      Version: version,
      Major: m ? m[1] : '1',
      Minor: m ? m[2] : '0',
      GitVersion: version,
    },
    {},
    () => version,
  );
  const set = new Set(c.apiVersions);
  const has = (v: unknown) => {
    const s = String(v);
    if (set.has(s)) return true;
    // "group/version/Kind" or "v1/Kind": the group/version is enough
    const parts = s.split('/');
    if (parts.length === 3) return set.has(`${parts[0]}/${parts[1]}`);
    if (parts.length === 2 && /^v\d/.test(parts[0])) return set.has(parts[0]);
    return false;
  };
  const apis = new GoObject(
    'chartutil.VersionSet',
    {},
    { Has: has },
    () => `[${c.apiVersions.join(' ')}]`,
  );

  return new GoObject('chartutil.Capabilities', {
    KubeVersion: kube,
    APIVersions: apis,
    HelmVersion: {
      Version: 'v3.16.0',
      GitCommit: '',
      GitTreeState: '',
      GoVersion: 'go1.22',
    },
  });
}
