/* How a Secret is read, and the read it is found in. */

import type { RenderedDoc } from '../render';

export const isMap = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** How a Secret is read; decides how sure a missing producer is. */
export type ConsumerHow =
  | 'secretKeyRef'
  | 'envFrom'
  | 'volume'
  | 'imagePullSecrets'
  | 'existingSecret'
  | 'tls'
  | 'triggerAuthentication'
  | 'storeAuth'
  | 'operator'
  | 'kubernetesProvider'
  | 'valuesFrom'
  | 'ingressAuth'
  | 'fluxAuth'
  | 'substituteFrom'
  | 'pushSecret';

export interface SecretConsumer {
  secret: string;
  /** Namespace the Secret must be in; undefined when the object does not say. */
  namespace?: string;
  /** The namespace cannot be known (a cluster-scoped reader without one). */
  namespaceUnknown?: boolean;
  how: ConsumerHow;
  optional: boolean;
  doc: RenderedDoc;
  /** Where in the object, for messages (`spec.jobTargetRef.template.spec`). */
  at?: string;
  /** Read through values of a release whose chart is not in the repository. */
  remoteChart?: boolean;
  /** The producer the reader itself is (an ExternalSecret copying a Secret of that name): not evidence of another producer. */
  self?: string;
}
