/*
 * How sure a missing producer is. A consumed Secret that nothing in the
 * repository produces may well be created outside it (by hand, by a remote
 * chart, by an operator the engine does not know), so only evidence from the
 * repository itself makes an error: the release meant to produce it is not
 * installed there, or its ExternalSecrets are switched off there.
 */
import type {
  FindingType,
  ProposedFix,
  Severity,
} from '@ameideio/plugin-secrets-common';
import type { ConsumerHow } from '../consumers/types';
import { envPhrase } from '../environments';

export interface MissingProducerCase {
  secret: string;
  how: ConsumerHow;
  /** `Deployment/web` or `release apps-web`. */
  consumer: string;
  env: string;
  /** Namespace the Secret is needed in, when known. */
  namespace?: string;
  /** The consumer cannot say which namespace (cluster-scoped reader). */
  namespaceUnknown?: boolean;
  /** The reader is a release whose chart is not in the repository. */
  remoteChart?: boolean;
  /** Releases not installed in `env` whose ExternalSecrets produce it. */
  notInstalled: string[];
  /** Releases installed in `env` whose ExternalSecrets producing it are switched off (`secrets.enabled: false`). */
  switchedOff: Array<{
    release: string;
    file: string;
    line?: number;
    /** Switched off in every environment where the release is installed. */
    everywhere?: boolean;
  }>;
  /** Namespaces of `env` where a producer of that name exists. */
  otherNamespaces: string[];
  /** Other environments where a producer of that name exists. */
  otherEnvironments: string[];
  /** A file of the repository holding a manifest of that Secret that nothing applies (applied by hand). */
  unappliedManifest?: string;
  clusterManagedKey: string;
  /** Secrets produced there whose name is this one with a prefix or suffix. */
  similarNames?: string[];
  /** ExternalSecrets writing it whose creationPolicy never creates it (`ExternalSecret/x (creationPolicy: Merge)`). */
  nonCreating?: string[];
}

export interface MissingProducerVerdict {
  type: FindingType;
  severity: Severity;
  message: string;
  proposedFix: ProposedFix;
}

/** Readers that fail when the Secret is absent (a pod that does not start, an operator that stalls). */
const HARD: ConsumerHow[] = [
  'secretKeyRef',
  'envFrom',
  'volume',
  'operator',
  'triggerAuthentication',
  'storeAuth',
  'existingSecret',
  'valuesFrom',
  // ingress-nginx refuses the location (503); Traefik drops the Middleware and the routes using it
  'ingressAuth',
  // source-controller cannot fetch, kustomize-controller fails the Kustomization
  'fluxAuth',
  'substituteFrom',
  // the PushSecret reports an error and pushes nothing
  'pushSecret',
];

/** Readers of the delivery tool itself, whose Secrets are often bootstrapped by hand. */
const BOOTSTRAPPED: ConsumerHow[] = ['fluxAuth', 'substituteFrom'];

const list = (xs: string[]) => [...new Set(xs)].sort().join(', ');

/** The finding for a consumed Secret with no producer in its environment and namespace. */
export function judgeMissingProducer(
  c: MissingProducerCase,
): MissingProducerVerdict {
  const head = `Secret ${c.secret} is consumed (${c.how}) by ${c.consumer}`;
  // `${VAR}` (Flux postBuild, envsubst) or `{{ }}` left in a name: resolved outside the engine
  const unresolved = /\$\{[^}]*\}|\{\{/;
  if (unresolved.test(c.secret) || unresolved.test(c.namespace ?? '')) {
    return {
      type: 'missing-producer',
      severity: 'info',
      message: `${head}; its name or namespace holds a substitution placeholder the engine does not resolve, so its producer was not looked for.`,
      proposedFix: {
        title: 'Nothing to fix',
        actions: [
          'The placeholder is substituted when the manifest is applied; the engine cannot tell which Secret it names.',
        ],
      },
    };
  }
  const where = c.namespace
    ? `namespace ${c.namespace}${envPhrase(c.env, ' of %s')}`
    : envPhrase(c.env, '%s') || 'the repository';
  if (c.switchedOff.length) {
    const off = c.switchedOff[0];
    // off in every environment: by design, the Secret is made another way
    return {
      type: 'consumed-secret-disabled',
      severity: c.switchedOff.every(x => x.everywhere) ? 'warning' : 'error',
      message: `${head}, but the ExternalSecret of ${list(
        c.switchedOff.map(s => s.release),
      )} that produces it is switched off${envPhrase(
        c.env,
        ' in %s',
      )} (secrets.enabled=false in ${off.file}${
        off.line ? `:${off.line}` : ''
      }).`,
      proposedFix: {
        title: 'Produce the Secret where it is consumed',
        actions: [
          `Remove secrets.enabled=false from ${off.file} so ${
            off.release
          } produces ${c.secret}${envPhrase(
            c.env,
            ' in %s',
          )}, or stop reading ${c.secret} there.`,
        ],
      },
    };
  }
  if (c.notInstalled.length) {
    return {
      type: 'missing-producer',
      severity:
        HARD.includes(c.how) || c.how === 'imagePullSecrets'
          ? 'error'
          : 'warning',
      message: `${head} but nothing produces it${envPhrase(
        c.env,
        ' in %s',
      )}. Only release ${list(
        c.notInstalled,
      )} produces it, and it is not installed${envPhrase(c.env, ' in %s')}.`,
      proposedFix: {
        title: 'Produce the Secret independently of the disabled chart',
        actions: [
          `Move the ExternalSecret for ${
            c.secret
          } into a foundation bundle installed${envPhrase(
            c.env,
            ' in %s',
          )}, or enable ${[...c.notInstalled].sort()[0]}${envPhrase(
            c.env,
            ' there',
          )}.`,
        ],
      },
    };
  }
  const addProducer: ProposedFix = {
    title: 'Add a producer',
    actions: [
      `Add a chart-owned ExternalSecret targeting ${c.secret}, or declare the operator that creates it under \`${c.clusterManagedKey}:\` (or the engine's \`producers\` option).`,
    ],
  };
  if (c.namespaceUnknown || !c.namespace) {
    return {
      type: 'missing-producer',
      severity: 'info',
      message: `${head}; the engine cannot tell which namespace it must be in, and found no producer of that name in any namespace${envPhrase(
        c.env,
        ' of %s',
      )}.`,
      proposedFix: addProducer,
    };
  }
  if (c.otherNamespaces.length) {
    return {
      type: 'missing-producer',
      severity: 'warning',
      message: `${head} but nothing produces it in ${where}; it is produced in namespace ${list(
        c.otherNamespaces,
      )} (a Secret is read from its own namespace unless something copies it).`,
      proposedFix: {
        title: 'Produce the Secret in the consumer namespace',
        actions: [
          `Produce ${c.secret} in namespace ${c.namespace}, or declare what copies it there under \`${c.clusterManagedKey}:\`.`,
        ],
      },
    };
  }
  // a Secret manifest in a folder nothing applies (`bootstrap/`): made by hand before the delivery tool runs
  if (c.unappliedManifest && BOOTSTRAPPED.includes(c.how)) {
    return {
      type: 'missing-producer',
      severity: 'info',
      message: `${head}; nothing the repository applies produces it in ${where}, but ${c.unappliedManifest} holds a manifest of it that no Flux Kustomization, Argo CD Application or kustomization root applies: it is taken to be applied by hand.`,
      proposedFix: {
        title: 'Nothing to fix if it is bootstrapped by hand',
        actions: [
          `Make sure ${c.secret} is applied before the objects that read it, or let the delivery tool apply ${c.unappliedManifest}.`,
        ],
      },
    };
  }
  const writers = c.nonCreating?.length
    ? `; ${list(
        c.nonCreating,
      )} targets it, but creationPolicy Merge and None never create the Secret`
    : '';
  const looked =
    'no ExternalSecret, Secret, SealedSecret, operator resource the engine knows, or `' +
    `${c.clusterManagedKey}\` entry of that name${writers}${
      c.similarNames?.length
        ? `; ${list(
            c.similarNames,
          )} is produced there, the same name with a prefix or suffix (renamed where the reader was not?)`
        : ''
    }`;
  if (c.otherEnvironments.length) {
    return {
      type: 'missing-producer',
      severity: HARD.includes(c.how) ? 'warning' : 'info',
      message: `${head} but nothing produces it in ${where} (${looked}); it is produced in ${list(
        c.otherEnvironments,
      )}.`,
      proposedFix: addProducer,
    };
  }
  // a store's own credential cannot come from the store: it is bootstrapped by hand
  const outside =
    c.remoteChart || c.how === 'storeAuth' || !HARD.includes(c.how)
      ? 'info'
      : 'warning';
  return {
    type: 'missing-producer',
    severity: outside,
    message: `${head} but the repository does not produce it in ${where} (${looked}); it may be created outside the repository.`,
    proposedFix: addProducer,
  };
}
