/*
 * The analysis context: everything the collection phase knows about a
 * repository (releases and their values per environment, rendered and
 * applied objects, ExternalSecrets, stores, the fixture map, writers,
 * producers and readers of Secrets), shared read-only by the detectors.
 * A detector is a function of the context that returns findings; it never
 * sees a secret value, because the context keeps none.
 */
import { createHash } from 'node:crypto';
import type {
  ExternalSecretDecl,
  Finding,
  FindingSubject,
  FindingType,
  KeyCoverage,
  ProposedFix,
  Severity,
  SourceRef,
  StoreDecl,
} from '@ameideio/plugin-secrets-common';
import type { FileTree } from '../tree';
import type { SecretConsumer } from './consumers/types';
import type { SwitchedOffES } from './disabledSecrets';
import type { ArgoNote } from './discovery/argocd';
import { entityFor } from './entities';
import type { ExtractedES } from './extract';
import type { ResolvedOptions } from './options';
import type { Store } from './providers';
import type { Problem, ReleaseEnv, RenderedDoc } from './render';
import type { YamlCache } from './yamlCache';
import type { DocumentsAt } from './collect/documentsAt';

/** Where a finding points. `detail` tells apart findings that would share an id. */
export interface FindingWhere {
  release?: string;
  chart?: string;
  environment?: string;
  sourceRef?: SourceRef;
  detail?: string;
}

/** A fixture-map entry: per property, whether it is empty or a placeholder. Values are dropped. */
export interface FixtureEntry {
  properties: Map<string, { empty: boolean; placeholder: boolean }>;
  ref: SourceRef;
}

/** A declared writer of a Vault key (`secretWriters`, writer selectors, PushSecret). */
export interface Writer {
  key: string;
  properties?: string[];
  writer: string;
  environments?: string[];
  release: string;
}

/** Something that produces a Secret of a name in an environment. */
export interface Producer {
  secret: string;
  namespace?: string;
  env: string;
  release: string;
  chart?: string;
  /** What produces it, as detectors see it. */
  kind: DetectorContext['producers'][number]['kind'];
  ref: SourceRef;
  /** An ExternalSecret that seeds or merges, not an authority (CreatedOnce, Merge, None). */
  seedOnly?: boolean;
  /** An ExternalSecret that keeps merging its keys into a Secret another producer creates. */
  merges?: boolean;
  /** An ExternalSecret whose creationPolicy never creates the Secret (Merge, None): it needs another producer to create it. */
  createsNot?: 'Merge' | 'None';
  /** The provider an ExternalSecret reads from, when known. */
  provider?: string;
  /** Without a namespace: it produces in any namespace except these (declared ones it does not reach). */
  exceptNamespaces?: string[];
  /**
   * The object that produces it: a raw manifest patched in several places
   * (Kustomize overlays, components) is one object, so one owner; each
   * release renders its own objects.
   */
  object: string;
}

/** One Vault key an ExternalSecret reads in one environment, with its fixture state. */
export interface CoverageItem {
  es: ExtractedES;
  key: string;
  origin: KeyCoverage['origin'];
  /** Read as a whole key (`dataFrom.extract`). */
  wholeKey: boolean;
  property: string;
  env: string;
  /** Writers of the key and property in the environment. */
  writers: string[];
  /** Undefined when the fixture map does not apply (none, or another provider). */
  state?: KeyCoverage['fixture'];
  entry?: FixtureEntry;
  prop?: { empty: boolean; placeholder: boolean };
  /** The store is not declared in the repository, so its provider is unknown. */
  unknownProvider: boolean;
}

/** The identity of an object that produces Secrets, as producers and readers name it. */
export const objectId = (
  chart: string | undefined,
  release: string,
  kind: unknown,
  name: unknown,
) => `${chart ? `${release}\u0000` : ''}${String(kind)}/${String(name)}`;

export interface AnalysisContext {
  o: ResolvedOptions;
  tree: FileTree;
  yaml: YamlCache;
  problems: Problem[];
  /** Declarations discovery could not evaluate. */
  discoveryNotes: ArgoNote[];
  releaseEnvs: ReleaseEnv[];
  releaseEnv(name: string, env: string): ReleaseEnv | undefined;
  /** Objects applied in the environments of this run. */
  docs: RenderedDoc[];
  /** The same objects by where they were read (environment, file, line). */
  docsAt: DocumentsAt<RenderedDoc>;
  /** Objects of environments outside this run (they only keep fixtures in use). */
  contextDocs: RenderedDoc[];
  /** ExternalSecrets (and PushSecrets) applied in this run. */
  all: ExtractedES[];
  /** The ExternalSecrets among them that read (no PushSecret). */
  consuming: ExtractedES[];
  /** ExternalSecrets of releases not installed in their environment. */
  disabledES: ExtractedES[];
  /** ExternalSecrets a release would render were its secrets not switched off. */
  switchedOff: SwitchedOffES[];
  extractAll(list: RenderedDoc[]): ExtractedES[];
  stores: Store[];
  fixtureMapPresent: boolean;
  fixtureReleaseEnvs: ReleaseEnv[];
  /** env -> key -> entry */
  fixtures: Map<string, Map<string, FixtureEntry>>;
  writers: Writer[];
  coverage: CoverageItem[];
  producers: Producer[];
  consumers: SecretConsumer[];
  /** A finding with its stable id and owning entity. */
  finding: FindingBuilder;
}

/** A family of findings over the context. */
export type Detector = (ctx: AnalysisContext) => Finding[];

export function stableId(...parts: Array<string | number | undefined>): string {
  return createHash('sha256')
    .update(parts.map(p => String(p ?? '')).join('\u0000'))
    .digest('hex')
    .slice(0, 16);
}

/** The finding factory of a context: stable ids, owning entities, no empty fields. */
export function findingFactory(o: ResolvedOptions): AnalysisContext['finding'] {
  return (type, severity, message, subject, proposedFix, where) => {
    const entityRef = entityFor(o.entities, where.release, where.chart);
    return {
      id: stableId(
        type,
        where.release,
        where.environment,
        subject.kind,
        subject.namespace,
        subject.name,
        subject.property,
        where.sourceRef?.file,
        where.detail,
      ),
      type,
      severity,
      message,
      subject: Object.fromEntries(
        Object.entries(subject).filter(([, v]) => v !== undefined),
      ) as FindingSubject,
      ...(where.release ? { release: where.release } : {}),
      ...(where.chart ? { chart: where.chart } : {}),
      ...(entityRef ? { entityRef } : {}),
      ...(where.environment ? { environment: where.environment } : {}),
      ...(where.sourceRef
        ? {
            sourceRef: where.sourceRef.line
              ? { file: where.sourceRef.file, line: where.sourceRef.line }
              : { file: where.sourceRef.file },
          }
        : {}),
      proposedFix,
    };
  };
}

/** Builds a finding with a stable id and its owning entity. @public */
export type FindingBuilder = (
  type: FindingType,
  severity: Severity,
  message: string,
  subject: FindingSubject,
  proposedFix: ProposedFix,
  where: {
    release?: string;
    chart?: string;
    environment?: string;
    sourceRef?: SourceRef;
    /** Tells apart findings that would otherwise share an id. */
    detail?: string;
  },
) => Finding;

/**
 * What a detector added by a platform team sees: the analysed repository
 * as data. Secret manifests keep their keys, never their values.
 * @public
 */
export interface DetectorContext {
  environments: readonly string[];
  productionEnvironments: readonly string[];
  fixtureEnvironments: readonly string[];
  /** Objects applied per environment (rendered from charts or read from manifests). */
  objects: ReadonlyArray<{
    obj: Record<string, unknown>;
    release: string;
    chart?: string;
    environment: string;
    file: string;
    line?: number;
  }>;
  externalSecrets: readonly ExternalSecretDecl[];
  stores: readonly StoreDecl[];
  coverage: readonly KeyCoverage[];
  /** What produces each Secret: ExternalSecrets, manifests, operators, Helm generation. */
  producers: ReadonlyArray<{
    secret: string;
    namespace?: string;
    environment: string;
    release: string;
    kind:
      | 'externalsecret'
      | 'secret'
      | 'cluster-managed'
      | 'generated'
      | 'bootstrap';
  }>;
  /** What reads each Secret, and how (`secretKeyRef`, `envFrom`, `volume`, ...). */
  readers: ReadonlyArray<{
    secret: string;
    namespace?: string;
    environment: string;
    release: string;
    how: string;
    optional: boolean;
    file: string;
    line?: number;
  }>;
  finding: FindingBuilder;
}

/** A Secret's data maps with their keys kept and their values dropped. */
function withoutValues(obj: Record<string, any>): Record<string, unknown> {
  if (obj.kind !== 'Secret') return obj;
  const keysOnly = (m: unknown) =>
    m && typeof m === 'object' && !Array.isArray(m)
      ? Object.fromEntries(Object.keys(m).map(k => [k, '']))
      : m;
  return {
    ...obj,
    ...(obj.data !== undefined ? { data: keysOnly(obj.data) } : {}),
    ...(obj.stringData !== undefined
      ? { stringData: keysOnly(obj.stringData) }
      : {}),
  };
}

/** The view a platform team's detector gets of the context. */
export function detectorView(
  ctx: AnalysisContext,
  coverageRows: readonly KeyCoverage[],
): DetectorContext {
  return {
    environments: ctx.o.environments,
    productionEnvironments: ctx.o.productionEnvironments,
    fixtureEnvironments: ctx.o.fixtureEnvironments,
    objects: ctx.docs.map(d => ({
      obj: withoutValues(d.obj),
      release: d.release,
      ...(d.chart ? { chart: d.chart } : {}),
      environment: d.environment,
      file: d.file,
      ...(d.line ? { line: d.line } : {}),
    })),
    externalSecrets: ctx.all.map(({ conventionIssues: _c, ...es }) => es),
    stores: ctx.stores.filter(st => st.name).map(st => st.decl),
    coverage: coverageRows,
    producers: ctx.producers.map(p => ({
      secret: p.secret,
      ...(p.namespace ? { namespace: p.namespace } : {}),
      environment: p.env,
      release: p.release,
      kind: p.kind,
    })),
    readers: ctx.consumers.map(c => ({
      secret: c.secret,
      ...(c.namespace ? { namespace: c.namespace } : {}),
      environment: c.doc.environment,
      release: c.doc.release,
      how: c.how,
      optional: c.optional,
      file: c.doc.file,
      ...(c.doc.line ? { line: c.doc.line } : {}),
    })),
    finding: ctx.finding,
  };
}
