/* The second phase of an analysis: rendered documents, their ExternalSecrets and the stores they use. */
import type { FileTree } from '../../tree';
import { extractExternalSecret, type ExtractedES } from '../extract';
import type { ResolvedOptions } from '../options';
import { collectStores, resolveProvider } from '../providers';
import { type Problem, type RenderedDoc, type ReleaseEnv } from '../render';
import type { RenderCache, TemplateCache } from '../render/caches';
import type { discoverAnalysedReleases } from './releases';

/** Renders every release environment; documents of disabled releases and of other environments are kept apart. */
export function renderDocuments(
  tree: FileTree,
  o: ResolvedOptions,
  found: ReturnType<typeof discoverAnalysedReleases>,
  renders: RenderCache,
  templates: TemplateCache,
  problems: Problem[],
) {
  const docs: RenderedDoc[] = [];
  const disabledDocs: RenderedDoc[] = [];
  for (const re of found.releaseEnvs) {
    const rendered = renders.render(
      re,
      tree,
      templates,
      re.installed ? problems : [],
      o.helm,
    );
    (re.installed ? docs : disabledDocs).push(...rendered);
  }
  const contextDocs: RenderedDoc[] = [];
  for (const re of found.contextEnvs)
    contextDocs.push(...renders.render(re, tree, templates, [], o.helm));
  for (const d of [...found.applied.docs, ...found.remote.docs]) {
    (o.environments.includes(d.environment) ? docs : contextDocs).push(d);
  }
  return { docs, disabledDocs, contextDocs };
}

/** The ExternalSecrets of the rendered documents, with their namespace and provider resolved. */
export function externalSecretsOf(
  o: ResolvedOptions,
  docs: RenderedDoc[],
  disabledDocs: RenderedDoc[],
  releaseEnv: (name: string, env: string) => ReleaseEnv | undefined,
) {
  const all: ExtractedES[] = [];
  for (const d of docs) {
    const es = extractExternalSecret(d, o.originAnnotation);
    if (es) {
      if (!es.namespace && d.generated) {
        const re = releaseEnv(d.release, d.environment);
        es.namespace = re?.namespace;
      }
      all.push(es);
    }
  }
  const extractAll = (list: RenderedDoc[]) =>
    list
      .map(d => extractExternalSecret(d, o.originAnnotation))
      .filter((x): x is ExtractedES => Boolean(x));
  const disabledES: ExtractedES[] = extractAll(disabledDocs);

  // ---- stores and providers ----
  const stores = collectStores(
    docs,
    d => releaseEnv(d.release, d.environment)?.namespace,
  );
  for (const es of all) {
    if (es.provider) continue;
    const { provider } = resolveProvider(es, stores);
    if (provider) es.provider = provider;
  }
  return { all, extractAll, disabledES, stores };
}
