/*
 * Who produces each Secret in each environment: ExternalSecrets, Secret
 * and SealedSecret manifests, operators (the producer registry, cert-manager
 * shims) and `clusterManagedSecrets` declarations. Operators also read
 * Secrets; those readers are returned with them.
 */
import type { SecretConsumer } from '../consumers/types';
import { shimIssuedSecrets } from '../consumers/ingress';
import { objectId, type Producer } from '../context';
import { isBootstrapTemplate, isSeedOnly } from '../credentials';
import type { ExtractedES } from '../extract';
import type { ResolvedOptions } from '../options';
import type { DocumentsAt } from './documentsAt';
import { declaredNamespaces, reachOfExtracted } from './namespaces';
import { applyProducers } from '../producers/registry';
import type { Problem, ReleaseEnv, RenderedDoc } from '../render';

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** ESO creates the target only under Owner and Orphan; Merge and None write into an existing Secret. */
const createsNot = (es: ExtractedES): Partial<Producer> =>
  es.creationPolicy === 'Merge' || es.creationPolicy === 'None'
    ? { createsNot: es.creationPolicy }
    : {};

export function collectProducers(input: {
  o: ResolvedOptions;
  consuming: ExtractedES[];
  docs: RenderedDoc[];
  /** `docs` by where they were read. */
  docsAt: DocumentsAt<RenderedDoc>;
  releaseEnvs: ReleaseEnv[];
  releaseEnv: (name: string, env: string) => ReleaseEnv | undefined;
  problems: Problem[];
}): { producers: Producer[]; operatorConsumers: SecretConsumer[] } {
  const { o, consuming, docs, docsAt, releaseEnvs, releaseEnv, problems } =
    input;
  const producers: Producer[] = [];
  // Namespace objects of the repository and their labels, per environment
  const declaredNs = declaredNamespaces(docs);
  for (const es of consuming) {
    const reach =
      es.kind === 'ClusterExternalSecret' && !es.namespace
        ? reachOfExtracted(es, docsAt, declaredNs)
        : undefined;
    if (reach) {
      const base = {
        secret: es.targetSecret,
        env: es.environment,
        release: es.release,
        chart: es.chart,
        kind: 'externalsecret' as const,
        ref: es.sourceRef,
        ...(isSeedOnly(es) ? { seedOnly: true } : {}),
        ...createsNot(es),
        ...(es.provider ? { provider: es.provider } : {}),
        object: objectId(es.chart, es.release, es.kind, es.name),
      };
      for (const namespace of reach.namespaces)
        producers.push({ ...base, namespace });
      if (reach.undeclared)
        producers.push({
          ...base,
          exceptNamespaces: [...(declaredNs.get(es.environment)?.keys() ?? [])],
        });
      continue;
    }
    producers.push({
      secret: es.targetSecret,
      namespace: es.namespace,
      env: es.environment,
      release: es.release,
      chart: es.chart,
      kind: 'externalsecret',
      ref: es.sourceRef,
      ...(isSeedOnly(es) ? { seedOnly: true } : {}),
      ...(es.creationPolicy === 'Merge' && es.refreshPolicy !== 'CreatedOnce'
        ? { merges: true }
        : {}),
      ...createsNot(es),
      ...(es.provider ? { provider: es.provider } : {}),
      object: objectId(es.chart, es.release, es.kind, es.name),
    });
  }
  // templates where Helm generates a value (randAlphaNum, genPrivateKey...): a cluster-made Secret
  const generatedLines = new Set(
    problems
      .filter(p => p.code === 'generated-value')
      .map(p => `${p.file}:${p.environment}`),
  );
  for (const d of docs) {
    if (d.obj.kind === 'Secret' && d.obj.apiVersion === 'v1') {
      const generated = generatedLines.has(`${d.file}:${d.environment}`);
      producers.push({
        secret: String(d.obj.metadata?.name ?? ''),
        namespace: d.obj.metadata?.namespace,
        env: d.environment,
        release: d.release,
        chart: d.chart,
        // a Secret whose values are all secret-manager references is a bootstrap template
        // eslint-disable-next-line no-nested-ternary
        kind: generated
          ? 'generated'
          : isBootstrapTemplate(d.obj)
          ? 'bootstrap'
          : 'secret',
        ref: { file: d.file, line: d.line },
        object: objectId(d.chart, d.release, 'Secret', d.obj.metadata?.name),
      });
    }
    if (d.obj.kind === 'SealedSecret') {
      producers.push({
        secret: String(
          d.obj.spec?.template?.metadata?.name ?? d.obj.metadata?.name ?? '',
        ),
        namespace: d.obj.metadata?.namespace,
        env: d.environment,
        release: d.release,
        chart: d.chart,
        kind: 'secret',
        ref: { file: d.file, line: d.line },
        object: objectId(
          d.chart,
          d.release,
          'SealedSecret',
          d.obj.metadata?.name,
        ),
      });
    }
  }
  // Secrets operators produce (and read) for the objects of the repository
  const operatorConsumers: SecretConsumer[] = [];
  for (const d of docs) {
    const objNs =
      d.obj.metadata?.namespace ??
      (d.generated
        ? releaseEnv(d.release, d.environment)?.namespace
        : undefined);
    const { produces, consumes } = applyProducers(d.obj, o.producers);
    const issued = shimIssuedSecrets(d.obj).map(name => ({
      name,
      namespace: undefined,
    }));
    for (const p of [...produces, ...issued]) {
      producers.push({
        secret: p.name,
        namespace: p.namespace ?? objNs,
        env: d.environment,
        release: d.release,
        chart: d.chart,
        kind: 'cluster-managed',
        ref: { file: d.file, line: d.line },
        object: objectId(d.chart, d.release, d.obj.kind, d.obj.metadata?.name),
      });
    }
    for (const c of consumes) {
      operatorConsumers.push({
        secret: c.name,
        namespace: c.namespace ?? d.obj.metadata?.namespace,
        how: 'operator',
        optional: c.optional,
        doc: d,
      });
    }
  }
  for (const re of releaseEnvs) {
    if (!re.installed) continue;
    const list = re.values[o.clusterManagedKey];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const name = isMap(item) ? item.name : item;
      if (!name) continue;
      producers.push({
        secret: String(name),
        namespace:
          isMap(item) && item.namespace ? String(item.namespace) : re.namespace,
        env: re.environment,
        release: re.release.name,
        chart: re.release.chart,
        kind: 'cluster-managed',
        ref: {
          file: re.release.valueFiles[re.environment]?.slice(-1)[0] ?? '',
        },
        object: `${re.release.name}\u0000${o.clusterManagedKey}/${String(
          name,
        )}`,
      });
    }
  }
  return { producers, operatorConsumers };
}
