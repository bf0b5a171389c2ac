import { clusterSnapshotFromDocuments } from '@ameideio/plugin-secrets-node';
import type { ClusterSnapshot, ClusterSource } from '../types';
import { SourceError } from '../types';
import { readStructured } from '../readStructured';

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
    const documents: unknown[] = [];
    for (const file of this.files)
      documents.push(...(await readStructured(file)));
    try {
      return clusterSnapshotFromDocuments(documents, {
        cluster: this.cluster,
        ...(this.environment ? { environment: this.environment } : {}),
      });
    } catch (e) {
      throw new SourceError('invalid', (e as Error).message);
    }
  }
}
