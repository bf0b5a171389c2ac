/*
 * The detectors, one family of findings per file, each a function of the
 * analysis context. Platform teams add their own through the engine's
 * `detectors` option.
 */
import type { Detector } from '../context';
import { duplicateOwner } from './duplicateOwner';
import { emptyProductionOverride } from './emptyProductionOverride';
import { externalSecretsDisabled } from './externalSecretsDisabled';
import { inlineCredential } from './inlineCredential';
import { missingFixture } from './missingFixture';
import { missingProducer } from './missingProducer';
import { orphanFixture } from './orphanFixture';
import { placeholderInVault } from './placeholderInVault';
import { problemFindings } from './problems';
import { remoteRefConvention } from './remoteRefConvention';
import { sealedSecret } from './sealedSecret';
import { unevaluableDeclaration } from './unevaluableDeclaration';
import { unreplaceablePlaceholder } from './unreplaceablePlaceholder';
import { unservedStore } from './unservedStore';
import { vaultDrivesClusterManaged } from './vaultDrivesClusterManaged';

/** The built-in detectors, by name. */
export const BUILTIN_DETECTORS: ReadonlyArray<{ name: string; run: Detector }> =
  [
    { name: 'unevaluable-declaration', run: unevaluableDeclaration },
    { name: 'missing-fixture', run: missingFixture },
    { name: 'empty-production-override', run: emptyProductionOverride },
    { name: 'placeholder-in-vault', run: placeholderInVault },
    { name: 'unreplaceable-placeholder', run: unreplaceablePlaceholder },
    { name: 'remote-ref-convention', run: remoteRefConvention },
    { name: 'orphan-fixture', run: orphanFixture },
    { name: 'unserved-store', run: unservedStore },
    { name: 'inline-credential', run: inlineCredential },
    { name: 'sealed-secret', run: sealedSecret },
    { name: 'vault-drives-cluster-managed', run: vaultDrivesClusterManaged },
    { name: 'duplicate-owner', run: duplicateOwner },
    { name: 'missing-producer', run: missingProducer },
    { name: 'externalsecrets-disabled', run: externalSecretsDisabled },
    { name: 'problems', run: problemFindings },
  ];
