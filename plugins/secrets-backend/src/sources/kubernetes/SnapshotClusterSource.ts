import type { ClusterSnapshot, ClusterSource } from '../types';
import { SourceError } from '../types';
import { readStructured } from '../readStructured';
import { fromListItems } from './normalize';

/**
 * One cluster read from offline files: the output of
 * `kubectl get externalsecrets,secretstores,clustersecretstores,events -A -o yaml`
 * (a `List`), or several such files. For air-gapped portals and the demo.
 * @public
 */
export class SnapshotClusterSource implements ClusterSource {
  readonly kind = 'cluster' as const;
  readonly origin = 'snapshot' as const;
  readonly id: string;

  private constructor(
    readonly cluster: string,
    readonly environment: string | undefined,
    private readonly files: string[],
  ) {
    this.id = `cluster:${cluster}`;
  }

  static create(options: {
    cluster: string;
    environment?: string;
    files: string[];
  }) {
    return new SnapshotClusterSource(
      options.cluster,
      options.environment,
      options.files,
    );
  }

  async read(): Promise<ClusterSnapshot> {
    const items: Record<string, any>[] = [];
    let capturedAt: string | undefined;
    for (const file of this.files) {
      for (const doc of await readStructured(file)) {
        const d = doc as Record<string, any>;
        if (Array.isArray(d?.items)) {
          items.push(...d.items);
          // kubectl does not record when; our dumps may carry it as an annotation
          capturedAt ??=
            d.metadata?.annotations?.['secrets.ameide.io/captured-at'];
        } else if (d?.kind) {
          items.push(d);
        } else {
          throw new SourceError(
            'invalid',
            `Snapshot for cluster ${this.cluster} is not a Kubernetes List`,
          );
        }
      }
    }
    const { externalSecrets, stores } = fromListItems(
      items,
      this.cluster,
      this.environment,
    );
    return {
      cluster: this.cluster,
      ...(this.environment ? { environment: this.environment } : {}),
      fetchedAt:
        typeof capturedAt === 'string' ? capturedAt : new Date().toISOString(),
      externalSecrets,
      stores,
      warnings: [],
      calls: 0,
    };
  }
}
