/* Secrets a chart's values name (existingSecret and friends) and a HelmRelease's valuesFrom. */

import { ConsumerHow, isMap } from './types';

/** A Secret the values of a release name in a Kubernetes shape. */
export interface ValuesConsumer {
  secret: string;
  how: ConsumerHow;
  optional: boolean;
  /** Dotted path in the values, for messages. */
  at: string;
}

/**
 * Secrets the values of a chart the engine does not render name in the
 * shapes Kubernetes defines, which charts pass through to their pods:
 * `secretKeyRef`, `envFrom[].secretRef` (and app-template's
 * `envFrom[].secret`), a `secret.secretName` volume, `imagePullSecrets`,
 * and app-template-style `persistence.<name>` of `type: secret`. Objects
 * embedded in the values (an `apiVersion` and `kind`) are analysed as
 * objects and skipped here.
 */
export function valuesConsumers(values: unknown): ValuesConsumer[] {
  const out: ValuesConsumer[] = [];
  const push = (
    secret: unknown,
    how: ConsumerHow,
    optional: unknown,
    at: string,
  ) => {
    if (typeof secret !== 'string' || !secret || secret.includes('{{')) return;
    out.push({
      secret,
      how,
      optional: optional === true || optional === 'true',
      at,
    });
  };
  const walk = (v: unknown, at: string, key: string, depth: number) => {
    if (depth > 12) return;
    if (Array.isArray(v)) {
      if (key === 'envFrom')
        v.forEach((e, i) => {
          if (!isMap(e)) return;
          if (isMap(e.secretRef))
            push(
              e.secretRef.name,
              'envFrom',
              e.secretRef.optional,
              `${at}[${i}]`,
            );
          else if (typeof e.secret === 'string')
            push(e.secret, 'envFrom', e.optional, `${at}[${i}]`);
        });
      else if (key === 'imagePullSecrets')
        v.forEach((e, i) =>
          push(isMap(e) ? e.name : e, 'imagePullSecrets', false, `${at}[${i}]`),
        );
      else v.forEach((x, i) => walk(x, `${at}[${i}]`, key, depth + 1));
      return;
    }
    if (!isMap(v)) return;
    if (typeof v.apiVersion === 'string' && typeof v.kind === 'string') return;
    if (key === 'secretKeyRef') {
      push(v.name, 'secretKeyRef', v.optional, at);
      return;
    }
    if (key === 'secret' && typeof v.secretName === 'string') {
      push(v.secretName, 'volume', v.optional, at);
      return;
    }
    if (key === 'persistence')
      for (const [name, p] of Object.entries(v))
        if (
          isMap(p) &&
          p.type === 'secret' &&
          p.enabled !== false &&
          typeof p.name === 'string'
        )
          push(p.name, 'volume', p.optional, `${at}.${name}`);
    for (const [k, x] of Object.entries(v))
      if (typeof x === 'object' && x !== null)
        walk(x, at ? `${at}.${k}` : k, k, depth + 1);
  };
  walk(values, '', '', 0);
  return out;
}

/** Secrets a Flux HelmRelease reads its values from (`spec.valuesFrom` of kind Secret). */
export function valuesFromSecrets(
  hr: Record<string, any>,
): Array<{ name: string; optional: boolean }> {
  const refs = hr?.spec?.valuesFrom;
  if (!Array.isArray(refs)) return [];
  return refs
    .filter(
      (r: any) =>
        isMap(r) && r.kind === 'Secret' && typeof r.name === 'string' && r.name,
    )
    .map((r: any) => ({ name: r.name, optional: r.optional === true }));
}
