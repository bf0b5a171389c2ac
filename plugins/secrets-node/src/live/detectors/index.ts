/*
 * The live detectors, one family of findings per file, each a function of
 * the live context. Declaration detectors run once per declared
 * ExternalSecret (the context's `decls` holds just it), so the findings
 * come grouped by declaration in the report's order; cluster detectors run
 * once over every snapshot.
 */
import type { LiveDetector } from '../context';
import { missingInCluster } from './missingInCluster';
import { missingInVault } from './missingInVault';
import { placeholderInVault } from './placeholderInVault';
import { refreshIgnored } from './refreshIgnored';
import { rotationOverdue } from './rotationOverdue';
import { syncError } from './syncError';
import { unownedExternalSecret } from './unownedExternalSecret';

export { unownedOf } from './unownedExternalSecret';

/** The live detectors, by name. */
export const LIVE_DETECTORS: ReadonlyArray<{
  name: string;
  scope: 'declaration' | 'cluster';
  run: LiveDetector;
}> = [
  { name: 'missing-in-cluster', scope: 'declaration', run: missingInCluster },
  { name: 'sync-error', scope: 'declaration', run: syncError },
  { name: 'refresh-ignored', scope: 'declaration', run: refreshIgnored },
  { name: 'missing-in-vault', scope: 'declaration', run: missingInVault },
  {
    name: 'placeholder-in-vault',
    scope: 'declaration',
    run: placeholderInVault,
  },
  { name: 'rotation-overdue', scope: 'declaration', run: rotationOverdue },
  {
    name: 'unowned-externalsecret',
    scope: 'cluster',
    run: unownedExternalSecret,
  },
];
