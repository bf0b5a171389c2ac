/* Builds one Flux Kustomization: its path, overlay fields and post-build substitution. */

import { rewriteReferences } from '../../kustomize/names';
import {
  kustomizationFile,
  accumulate,
  buildDirectory,
} from '../../kustomize/build';
import { type BuildContext } from '../../kustomize/context';
import { noteYamlErrors } from '../../kustomize/resources';
import type { BuiltObject } from '../../kustomize/types';
import { directories, isMap } from '../../kustomize/util';
import { OwnSources, fluxPath, sourceOf } from './sources';
import { substitutionDisabled, substituteVariables } from './envsubst';

export interface FluxDecl {
  obj: Record<string, any>;
  file: string;
  line?: number;
}

export interface FluxBuild {
  name: string;
  namespace?: string;
  file: string;
  line?: number;
  /** The environment the Kustomization applies to; undefined when nothing names one. */
  environment?: string;
  objects: BuiltObject[];
}

/** Variables of `postBuild`: inline ones, ConfigMaps found in the repository; Secrets are unknown. */
export interface VariableSources {
  /** ConfigMap data by name (and namespace when the same name is in several). */
  configMap(
    name: string,
    namespace: string | undefined,
    env?: string,
  ): Record<string, string> | undefined;
}

export interface FluxOptions {
  environments: readonly string[];
  variables: VariableSources;
}

/** Builds what one Flux Kustomization applies. */
export function buildFluxKustomization(
  ctx: BuildContext,
  decl: FluxDecl,
  o: FluxOptions,
  sources: Map<string, Record<string, any>>,
  own: OwnSources,
  environment?: string,
  /** Told of each Secret whose variables are unknown; by default each is an info of its own. */
  onSecretVariables?: (secret: string) => void,
): BuiltObject[] | undefined {
  const ks = decl.obj;
  const name = String(ks.metadata?.name ?? '');
  const where = { file: decl.file, line: decl.line };
  const info = (message: string) =>
    ctx.notes.push({
      kind: 'source',
      ...where,
      message: `Flux Kustomization ${name}: ${message}`,
    });
  const path = fluxPath(ctx.tree, ks, own);
  const exists = directories(ctx.tree).has(path);
  const other = sourceOf(ks, sources, own);
  if (other) {
    info(`${other}; what it applies is not analysed`);
    return undefined;
  }
  if (!exists) {
    info(
      `spec.path ${
        ks.spec?.path ?? '(none)'
      } is not a folder of this repository; what it applies is not analysed`,
    );
    return undefined;
  }
  if (String(ks.spec?.path ?? '').includes('${'))
    info(`spec.path ${ks.spec.path} uses a variable the engine does not know`);
  const spec = ks.spec ?? {};
  const overlay: Record<string, any> = {
    ...(Array.isArray(spec.components) ? { components: spec.components } : {}),
    ...(spec.targetNamespace ? { namespace: spec.targetNamespace } : {}),
    ...(spec.namePrefix ? { namePrefix: spec.namePrefix } : {}),
    ...(spec.nameSuffix ? { nameSuffix: spec.nameSuffix } : {}),
    ...(Array.isArray(spec.patches) ? { patches: spec.patches } : {}),
    ...(Array.isArray(spec.patchesStrategicMerge)
      ? { patchesStrategicMerge: spec.patchesStrategicMerge }
      : {}),
    ...(Array.isArray(spec.patchesJson6902)
      ? { patchesJson6902: spec.patchesJson6902 }
      : {}),
  };
  // Flux writes its fields into the folder's kustomization.yaml (components and
  // patches appended, the namespace set), so the folder's own patches see
  // what the components add; a folder without one gets a generated
  // kustomization, on which the fields are an overlay
  const file = kustomizationFile(ctx.tree, path);
  const folderSpec = file ? ctx.cache.data(file)[0] : undefined;
  /** The objects with fields of the Flux Kustomization applied on them as an overlay. */
  const overlaid = (fields: Record<string, any>, objects: BuiltObject[]) => {
    const out = accumulate(
      ctx,
      { dir: path, file: decl.file, spec: fields },
      [`flux:${name}`],
      objects,
    );
    rewriteReferences(out);
    return out;
  };
  let objects: BuiltObject[];
  if (file && isMap(folderSpec) && Object.keys(overlay).length) {
    ctx.reached.add(path);
    noteYamlErrors(ctx, file);
    const merged: Record<string, any> = { ...folderSpec };
    for (const key of [
      'components',
      'patches',
      'patchesStrategicMerge',
      'patchesJson6902',
    ])
      if (overlay[key])
        merged[key] = [
          ...(Array.isArray(folderSpec[key]) ? folderSpec[key] : []),
          ...overlay[key],
        ];
    if (overlay.namespace) merged.namespace = overlay.namespace;
    objects = accumulate(ctx, { dir: path, file, spec: merged }, [path], []);
    rewriteReferences(objects);
    // name affixes are no field Flux writes into the kustomization: an overlay
    const rest: Record<string, any> = {
      ...(overlay.namePrefix ? { namePrefix: overlay.namePrefix } : {}),
      ...(overlay.nameSuffix ? { nameSuffix: overlay.nameSuffix } : {}),
    };
    if (Object.keys(rest).length) objects = overlaid(rest, objects);
  } else {
    objects = buildDirectory(ctx, path, { generate: true });
    if (Object.keys(overlay).length) objects = overlaid(overlay, objects);
  }
  if (isMap(spec.commonMetadata)) {
    for (const b of objects) {
      const md = (b.obj.metadata ??= {});
      if (isMap(spec.commonMetadata.labels))
        md.labels = { ...(md.labels ?? {}), ...spec.commonMetadata.labels };
      if (isMap(spec.commonMetadata.annotations))
        md.annotations = {
          ...(md.annotations ?? {}),
          ...spec.commonMetadata.annotations,
        };
    }
  }
  const post = isMap(spec.postBuild) ? spec.postBuild : undefined;
  if (!post) return objects;
  const known: Record<string, string> = {};
  let complete = true;
  for (const src of Array.isArray(post.substituteFrom)
    ? post.substituteFrom
    : []) {
    if (!isMap(src)) continue;
    const srcName = String(src.name ?? '');
    if (src.kind === 'Secret') {
      complete = false;
      if (onSecretVariables) onSecretVariables(srcName);
      else
        info(
          `variables from Secret ${srcName} (postBuild.substituteFrom) are not known to the engine; \${...} references to them are left as written`,
        );
      continue;
    }
    const data = o.variables.configMap(
      srcName,
      ks.metadata?.namespace,
      environment,
    );
    if (!data) {
      complete = false;
      if (!src.optional)
        info(
          `ConfigMap ${srcName} (postBuild.substituteFrom) is not in the repository; \${...} references to its variables are left as written`,
        );
      continue;
    }
    Object.assign(known, data);
  }
  if (isMap(post.substitute))
    for (const [k, v] of Object.entries(post.substitute)) known[k] = String(v);
  for (const b of objects) {
    if (substitutionDisabled(b.obj)) continue;
    b.obj = substituteVariables(b.obj, known, complete).value;
  }
  return objects;
}

export const isFluxKustomization = (o: any) =>
  isMap(o) &&
  o.kind === 'Kustomization' &&
  String(o.apiVersion ?? '').startsWith('kustomize.toolkit.fluxcd.io/');
