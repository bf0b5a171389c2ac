import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SnapshotStore } from './database/SnapshotStore';
import { SourceRefresher } from './scheduler/SourceRefresher';
import { SecretsService, type ServingOptions } from './service/SecretsService';
import { SourceStates } from './service/SourceStates';
import type { GitOpsSource } from './sources/GitOpsSource';
import type { GitOpsAnalysis } from './scheduler/GitOpsAnalysis';
import type { LiveSource } from './sources/types';

/** The refresher and the service over one set of source states. */
export interface SecretsCore {
  /** Reads the sources (the scheduler runs it). */
  refresher: SourceRefresher;
  /** Answers requests from the index over the last data read or stored. */
  service: SecretsService;
}

/**
 * Wires a {@link SourceRefresher} to a {@link SecretsService}: every refresh
 * rebuilds the serving index from the states it wrote.
 */
export function createSecretsCore(
  options: ServingOptions & {
    gitops?: GitOpsSource;
    /** How the GitOps tree is analysed; default: the engine without options. */
    analysis?: GitOpsAnalysis;
    sources?: LiveSource[];
    store?: SnapshotStore;
    logger: LoggerService;
    /** Read fixture digests for placeholder detection. */
    placeholderDetection?: boolean;
  },
): SecretsCore {
  const { gitops, analysis, sources = [], store, logger } = options;
  const states = new SourceStates({ gitops: Boolean(gitops), live: sources });
  const refresher = SourceRefresher.create({
    states,
    gitops,
    analysis,
    sources,
    store,
    logger,
    placeholderDetection: options.placeholderDetection,
  });
  const service = SecretsService.create({
    states,
    store,
    sourceUrl: options.sourceUrl,
    fixtureEnvironments: options.fixtureEnvironments,
    productionEnvironments: options.productionEnvironments,
    rotation: options.rotation,
    externalSyncWriter: options.externalSyncWriter,
  });
  refresher.onRefreshed(() => service.rebuild());
  return { refresher, service };
}
