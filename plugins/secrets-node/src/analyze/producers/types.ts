/* The Secret templates and rules operators are declared with. */

/** One Secret name (or a family of them) a rule produces or reads. @public */
export interface SecretTemplate {
  /** Name template, e.g. `{{name}}-app`. */
  name: string;
  /** Iterate: one name per element reached by this path (`spec.users[]`, `spec.users.*`). */
  forEach?: string;
  /** Only when this path (relative to the object) is set and not `false`. */
  when?: string;
  /** Only when this path is absent, empty or `false`. */
  unless?: string;
  /** Namespace template; empty or absent means the object's namespace. */
  namespace?: string;
  /** A read Secret marked optional is not required to exist. */
  optional?: boolean;
}

/** An operator's declaration: which objects, which Secrets they produce and read. @public */
export interface ProducerRule {
  /** `group/version` glob, e.g. `postgresql.cnpg.io/*`. */
  apiVersion: string;
  /** Kind, exactly as written (`Cluster`). */
  kind: string;
  /** Secrets the operator creates for such an object. */
  secrets?: Array<string | SecretTemplate>;
  /** Secrets the operator reads for such an object (they need a producer). */
  consumes?: Array<string | SecretTemplate>;
  /** Shown in messages, e.g. `CloudNativePG`. Default: the kind. */
  operator?: string;
}
