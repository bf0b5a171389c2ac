import type {
  EntitySecretsResponse,
  OverviewResponse,
  SecretsReport,
  SourceHealth,
} from '@ameideio/plugin-secrets-common';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { GitOpsSource } from '../sources/GitOpsSource';
import { entityResponse, overviewResponse, type OverviewQuery } from './join';

/**
 * Keeps the last good state of every source in memory and answers requests
 * from it: a request never waits on a source.
 */
export class SecretsService {
  private report?: SecretsReport;
  private health: SourceHealth;
  private refreshedAt?: string;

  private constructor(
    private readonly gitops: GitOpsSource | undefined,
    private readonly logger: LoggerService,
    private readonly options: { sourceUrl?: string; fixtureEnvironments: string[] },
  ) {
    this.health = gitops
      ? { id: gitops.id, kind: 'gitops', status: 'stale', message: 'GitOps repository not read yet' }
      : { id: 'gitops', kind: 'gitops', status: 'disabled', message: 'No GitOps repository configured (secrets.gitops.dir)' };
  }

  static create(options: {
    gitops?: GitOpsSource;
    logger: LoggerService;
    sourceUrl?: string;
    fixtureEnvironments?: string[];
  }) {
    return new SecretsService(options.gitops, options.logger, {
      sourceUrl: options.sourceUrl,
      fixtureEnvironments: options.fixtureEnvironments ?? ['local', 'dev'],
    });
  }

  /** Refreshes every source; a failing source keeps its last good data, marked stale. */
  async refresh(): Promise<void> {
    if (!this.gitops) return;
    const attempt = new Date().toISOString();
    try {
      const report = await this.gitops.read();
      this.report = report;
      this.refreshedAt = attempt;
      this.health = { id: this.gitops.id, kind: 'gitops', status: 'ok', lastSuccessAt: attempt, lastAttemptAt: attempt };
      this.logger.info(
        `GitOps repository analysed: ${report.externalSecrets.length} ExternalSecrets, ${report.findings.length} findings in ${report.stats.durationMs} ms`,
      );
    } catch (e) {
      const errorClass = (e as NodeJS.ErrnoException)?.code === 'ENOENT' ? 'not-found' : 'invalid';
      this.health = {
        id: this.gitops.id,
        kind: 'gitops',
        status: this.report ? 'stale' : 'error',
        lastSuccessAt: this.health.lastSuccessAt,
        lastAttemptAt: attempt,
        errorClass,
        message: `GitOps repository could not be read (${errorClass})${this.report ? ': serving the last good analysis' : ''}`,
      };
      // the error text may quote file content: log its class only
      this.logger.warn(`GitOps refresh failed (${errorClass})`);
    }
  }

  sources(): SourceHealth[] {
    return [this.health];
  }

  private ctx() {
    return {
      report: this.report,
      sources: this.sources(),
      sourceUrl: this.options.sourceUrl,
      refreshedAt: this.refreshedAt,
      fixtureEnvironments: this.options.fixtureEnvironments,
    };
  }

  entity(entity: Entity): EntitySecretsResponse {
    return entityResponse(entity, this.ctx());
  }

  overview(entities: Entity[], query: OverviewQuery): OverviewResponse {
    return overviewResponse(entities, this.ctx(), query);
  }
}
