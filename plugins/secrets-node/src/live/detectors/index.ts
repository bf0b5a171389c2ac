/*
 * The live detectors, one family of findings per file, each a function of
 * the live context. Declaration detectors run once per declared
 * ExternalSecret (the context's `decls` holds just it), so the findings
 * come grouped by declaration in the report's order; cluster detectors run
 * once over every snapshot. `reads` tells the incremental analysis what a
 * declaration detector's findings depend on: `cluster`, each status on its
 * own (computed per cluster snapshot); `environment`, every cluster of the
 * declaration's environment together (and its Vault); `vault`, only the
 * environment's Vault snapshot.
 */
import type {
  ExternalSecretDecl,
  Finding,
} from '@ameideio/plugin-secrets-common';
import type { LiveContext, LiveDetector } from '../context';
import { missingInCluster } from './missingInCluster';
import { missingInVault } from './missingInVault';
import { placeholderInVault } from './placeholderInVault';
import { refreshIgnored } from './refreshIgnored';
import { rotationOverdue } from './rotationOverdue';
import { syncError, syncErrorOf } from './syncError';
import { unownedExternalSecret } from './unownedExternalSecret';

export { unownedOf } from './unownedExternalSecret';

/** A live detector with what the incremental analysis needs to know of it. */
export interface LiveDetectorEntry {
  name: string;
  scope: 'declaration' | 'cluster';
  reads: 'cluster' | 'environment' | 'vault';
  run: LiveDetector;
  /**
   * A declaration detector's findings for one declaration: what `run` gives
   * for a context holding only it, without making that context.
   */
  each?: (ctx: LiveContext, d: ExternalSecretDecl) => Finding[];
}

/** The live detectors, by name. */
export const LIVE_DETECTORS: ReadonlyArray<LiveDetectorEntry> = [
  {
    name: 'missing-in-cluster',
    scope: 'declaration',
    reads: 'environment',
    run: missingInCluster,
  },
  {
    name: 'sync-error',
    scope: 'declaration',
    reads: 'cluster',
    run: syncError,
    each: (ctx, d) => syncErrorOf(ctx, d),
  },
  {
    name: 'refresh-ignored',
    scope: 'declaration',
    reads: 'environment',
    run: refreshIgnored,
  },
  {
    name: 'missing-in-vault',
    scope: 'declaration',
    reads: 'vault',
    run: missingInVault,
  },
  {
    name: 'placeholder-in-vault',
    scope: 'declaration',
    reads: 'vault',
    run: placeholderInVault,
  },
  {
    name: 'rotation-overdue',
    scope: 'declaration',
    reads: 'vault',
    run: rotationOverdue,
  },
  {
    name: 'unowned-externalsecret',
    scope: 'cluster',
    reads: 'cluster',
    run: unownedExternalSecret,
  },
];
