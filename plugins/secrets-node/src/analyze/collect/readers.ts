/*
 * Who reads each Secret: objects by shape (pod specs, TLS, KEDA, store
 * authentication), operators, ExternalSecrets of the kubernetes provider,
 * chart values (`existingSecret`-style keys; Kubernetes-shaped references
 * in values of charts the engine does not render), HelmRelease
 * `valuesFrom`, and the other Flux objects (source credentials,
 * Kustomization `postBuild.substituteFrom`).
 */
import { extractConsumers as consumersByShape } from '../consumers';
import { fluxSecretRefs } from '../consumers/flux';
import { valuesFromSecrets, valuesConsumers } from '../consumers/values';
import { type SecretConsumer } from '../consumers/types';
import { objectId } from '../context';
import type { ExtractedES } from '../extract';
import type { AppliedObject } from '../applied';
import { environmentsOf, firstInEnvironment } from '../applied/docs';
import type { ResolvedOptions } from '../options';
import { resolveProvider, type Store } from '../providers';
import type { DocumentsAt } from './documentsAt';
import type { ReleaseEnv, RenderedDoc } from '../render';
import type { FileTree } from '../../tree';

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The document standing for a release's values, for findings on them. */
function valuesDoc(re: ReleaseEnv, withLine = false): RenderedDoc {
  const files = re.release.valueFiles[re.environment];
  return {
    obj: {},
    release: re.release.name,
    chart: re.release.chart,
    environment: re.environment,
    file: files?.slice(-1)[0] ?? re.release.sourceRef?.file ?? '',
    ...(withLine && !files?.length ? { line: re.release.sourceRef?.line } : {}),
    generated: false,
  };
}

/** `lookup "v1" "Secret" <namespace> "<name>"` with a literal name. */
const LOOKUP_SECRET =
  /\blookup\s+"v1"\s+"Secret"\s+(?:"[^"]*"|[.$\w]+(?:\.\w+)*)\s+"([^"]+)"/g;

export function collectReaders(input: {
  o: ResolvedOptions;
  tree: FileTree;
  docs: RenderedDoc[];
  /** `docs` by where they were read. */
  docsAt: DocumentsAt<RenderedDoc>;
  consuming: ExtractedES[];
  stores: Store[];
  releaseEnvs: ReleaseEnv[];
  helmReleases: AppliedObject[];
  /** Flux objects other than HelmReleases, as applied. */
  fluxObjects?: AppliedObject[];
  operatorConsumers: SecretConsumer[];
}): SecretConsumer[] {
  const { o, docs, docsAt, consuming, stores, releaseEnvs } = input;
  const consumers: SecretConsumer[] = [
    ...docs.flatMap(consumersByShape),
    ...input.operatorConsumers,
  ];
  // the kubernetes provider reads Secrets of another namespace by name
  for (const es of consuming) {
    if (es.provider !== 'kubernetes') continue;
    const { store } = resolveProvider(es, stores);
    const doc = docsAt(es)[0];
    if (!store || !doc) continue;
    for (const k of es.keys) {
      if (k.via === 'dataFrom.find') continue;
      consumers.push({
        secret: k.key,
        namespace: store.remoteNamespace,
        how: 'kubernetesProvider',
        optional: false,
        doc,
        self: objectId(es.chart, es.release, es.kind, es.name),
      });
    }
  }
  for (const re of releaseEnvs) {
    if (!re.installed) continue;
    // existingSecret-style values
    const walk = (v: unknown, depth: number) => {
      if (depth > 8 || !isMap(v)) return;
      for (const [k, x] of Object.entries(v)) {
        if (
          /^(existingSecret(Name)?|envFromSecret)$/.test(k) &&
          typeof x === 'string' &&
          x &&
          !x.includes('{{')
        ) {
          consumers.push({
            secret: x,
            namespace: re.namespace,
            how: 'existingSecret',
            optional: false,
            ...(re.release.chartInfo ? {} : { remoteChart: true }),
            doc: valuesDoc(re),
          });
        } else walk(x, depth + 1);
      }
    };
    walk(re.values, 0);
    // a chart the engine does not render: Kubernetes-shaped references in its values
    if (!re.release.chartInfo)
      for (const c of valuesConsumers(re.values))
        consumers.push({
          secret: c.secret,
          namespace: re.namespace,
          how: c.how,
          optional: c.optional,
          remoteChart: true,
          at: c.at,
          doc: valuesDoc(re, true),
        });
  }
  // helm-controller cannot build a HelmRelease's values without its valuesFrom Secrets
  for (const hr of o.discovery.includes('flux') ? input.helmReleases : []) {
    const name = String(
      hr.obj.spec?.releaseName ?? hr.obj.metadata?.name ?? '',
    );
    for (const ref of valuesFromSecrets(hr.obj))
      for (const environment of environmentsOf(hr, o.environments))
        consumers.push({
          secret: ref.name,
          namespace: hr.obj.metadata?.namespace,
          how: 'valuesFrom',
          optional: ref.optional,
          doc: {
            obj: hr.obj,
            release: name,
            environment,
            file: hr.file,
            line: hr.line,
            generated: false,
          },
        });
  }
  // source-controller, notification-controller and kustomize-controller read Secrets too
  const seen = new Set<string>();
  for (const f of o.discovery.includes('flux') ? input.fluxObjects ?? [] : []) {
    const refs = fluxSecretRefs(f.obj);
    if (!refs.length) continue;
    for (const environment of environmentsOf(f, o.environments)) {
      if (!o.environments.includes(environment)) continue;
      // the same declaration reached by two builds of one environment: once
      if (!firstInEnvironment(seen, environment, f)) continue;
      for (const ref of refs)
        consumers.push({
          secret: ref.name,
          namespace: f.obj.metadata?.namespace,
          how: ref.how,
          optional: ref.optional,
          at: ref.at.join('.'),
          doc: {
            obj: f.obj,
            release: f.release,
            environment,
            file: f.file,
            line: f.lineOfPath?.(ref.at) ?? f.line,
            generated: false,
          },
        });
    }
  }
  // a chart that looks a Secret up in the live cluster (`lookup "v1" "Secret"
  // ns "name"`) guards what it does with it: that Secret is not required
  const lookedUp = new Map<string, Set<string>>();
  // the first release of each chart, as a map: one pass, not one per chart
  const chartInfos = new Map<string, ReleaseEnv['release']['chartInfo']>();
  for (const r of input.releaseEnvs)
    if (r.release.chart !== undefined && !chartInfos.has(r.release.chart))
      chartInfos.set(r.release.chart, r.release.chartInfo);
  const lookups = (chart: string) => {
    let names = lookedUp.get(chart);
    if (names) return names;
    names = new Set<string>();
    const info = chartInfos.get(chart);
    for (const t of info?.templates ?? [])
      for (const m of (input.tree.get(t) ?? '').matchAll(LOOKUP_SECRET))
        names.add(m[1]);
    lookedUp.set(chart, names);
    return names;
  };
  return consumers.map(c =>
    c.doc.generated && c.doc.chart && lookups(c.doc.chart).has(c.secret)
      ? { ...c, optional: true }
      : c,
  );
}
