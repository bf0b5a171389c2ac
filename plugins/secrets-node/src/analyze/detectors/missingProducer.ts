/*
 * missing-producer and consumed-secret-disabled: a Secret something reads
 * and nothing produces in its environment and namespace. How sure the
 * finding is comes from the repository's own evidence (see
 * producers/missing).
 */
import type { Finding } from '@ameideio/plugin-secrets-common';
import { ignoredPaths } from '../applied/docs';
import { unappliedSecretManifests } from '../collect/unapplied';
import type { Detector, Producer } from '../context';
import type { ExtractedES } from '../extract';
import { judgeMissingProducer } from '../producers/missing';

export const missingProducer: Detector = ctx => {
  const { o } = ctx;
  const producersOf = new Map<string, Producer[]>();
  const bySecret = new Map<string, Producer[]>();
  for (const p of ctx.producers) {
    for (const [m, k] of [
      [producersOf, `${p.env}\u0000${p.secret}`],
      [bySecret, p.secret],
    ] as const) {
      const list = m.get(k);
      if (list) list.push(p);
      else m.set(k, [p]);
    }
  }
  let unapplied: Map<string, string> | undefined;
  const unappliedManifest = (secret: string) => {
    unapplied ??= unappliedSecretManifests(
      ctx.tree,
      ctx.yaml,
      [...ctx.docs, ...ctx.contextDocs],
      ignoredPaths(o),
    );
    return unapplied.get(secret);
  };
  const out: Finding[] = [];
  for (const c of ctx.consumers) {
    if (c.optional) continue;
    const env = c.doc.environment;
    const ns =
      c.namespace ??
      (c.namespaceUnknown
        ? undefined
        : ctx.releaseEnv(c.doc.release, env)?.namespace);
    const here = (producersOf.get(`${env}\u0000${c.secret}`) ?? []).filter(
      p =>
        !ns ||
        p.namespace === ns ||
        (!p.namespace && !p.exceptNamespaces?.includes(ns)),
    );
    if (here.some(p => !p.createsNot)) continue;
    const same = (e: ExtractedES) =>
      e.environment === env &&
      e.targetSecret === c.secret &&
      (!e.namespace || !ns || e.namespace === ns);
    const elsewhere = (bySecret.get(c.secret) ?? []).filter(
      p => !p.createsNot && (!c.self || p.object !== c.self),
    );
    const verdict = judgeMissingProducer({
      secret: c.secret,
      how: c.how,
      consumer: c.doc.obj?.kind
        ? `${c.doc.obj.kind}/${c.doc.obj.metadata?.name}`
        : `release ${c.doc.release}`,
      env,
      namespace: ns,
      namespaceUnknown: c.namespaceUnknown,
      remoteChart: c.remoteChart,
      notInstalled: ctx.disabledES.filter(same).map(e => e.release),
      switchedOff: ctx.switchedOff.filter(same).map(e => ({
        release: e.release,
        file: e.offFile,
        line: e.offLine,
        everywhere: e.offEverywhere,
      })),
      otherNamespaces: elsewhere
        .filter(p => p.env === env && p.namespace && p.namespace !== ns)
        .map(p => p.namespace as string),
      otherEnvironments: elsewhere.filter(p => p.env !== env).map(p => p.env),
      ...(c.how === 'fluxAuth' || c.how === 'substituteFrom'
        ? { unappliedManifest: unappliedManifest(c.secret) }
        : {}),
      clusterManagedKey: o.clusterManagedKey,
      similarNames: similarNames(c.secret, env, ns, ctx.producers),
      nonCreating: here.map(
        p =>
          `${p.object.split('\u0000').pop()} (creationPolicy: ${p.createsNot})`,
      ),
    });
    out.push(
      ctx.finding(
        verdict.type,
        verdict.severity,
        verdict.message,
        { kind: 'Secret', name: c.secret, namespace: ns },
        verdict.proposedFix,
        {
          release: c.doc.release,
          chart: c.doc.chart,
          environment: env,
          sourceRef: { file: c.doc.file, line: c.doc.line },
        },
      ),
    );
  }
  return out;
};

/** Secrets produced where one is missing whose name is its name with a prefix or suffix (a rename the reader did not follow). */
function similarNames(
  secret: string,
  env: string,
  ns: string | undefined,
  producers: readonly Producer[],
): string[] {
  return producers
    .filter(
      p =>
        p.env === env &&
        !p.createsNot &&
        (!ns || !p.namespace || p.namespace === ns) &&
        p.secret !== secret &&
        (p.secret.endsWith(`-${secret}`) || p.secret.startsWith(`${secret}-`)),
    )
    .map(p => p.secret);
}
