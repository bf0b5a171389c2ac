import type { SourceHealth } from '@ameideio/plugin-secrets-common';
import type { LiveSource } from '../sources/types';

/** The last known data and health of one source. */
export interface SourceState {
  kind: SourceHealth['kind'];
  data?: unknown;
  fetchedAt?: string;
  health: SourceHealth;
}

/**
 * The state of every configured source: written by the refresh (or loaded
 * from the store), read by the serving index. Starts with a "not read yet"
 * entry per source, so health answers before the first refresh.
 */
export class SourceStates {
  private readonly states = new Map<string, SourceState>();
  private readonly ids: ReadonlySet<string>;

  constructor(options: { gitops: boolean; live: readonly LiveSource[] }) {
    this.states.set('gitops', {
      kind: 'gitops',
      health: options.gitops
        ? {
            id: 'gitops',
            kind: 'gitops',
            status: 'stale',
            message: 'GitOps repository not read yet',
          }
        : {
            id: 'gitops',
            kind: 'gitops',
            status: 'disabled',
            message: 'No GitOps repository configured (secrets.gitops.dir)',
          },
    });
    for (const s of options.live) {
      this.states.set(s.id, {
        kind: s.kind,
        health: {
          id: s.id,
          kind: s.kind,
          environment: s.environment,
          status: 'stale',
          origin: s.origin,
          message: 'not read yet',
        },
      });
    }
    this.ids = new Set([
      ...(options.gitops ? ['gitops'] : []),
      ...options.live.map(s => s.id),
    ]);
  }

  /** Ids of the sources the configuration names now. */
  configuredIds(): ReadonlySet<string> {
    return this.ids;
  }

  get(id: string): SourceState | undefined {
    return this.states.get(id);
  }

  set(id: string, state: SourceState): void {
    this.states.set(id, state);
  }

  values(): IterableIterator<SourceState> {
    return this.states.values();
  }

  entries(): IterableIterator<[string, SourceState]> {
    return this.states.entries();
  }
}
