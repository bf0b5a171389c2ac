import { vaultSnapshotFromDump } from '@ameideio/plugin-secrets-node';
import type { VaultSnapshot, VaultSource } from '../types';
import { SourceError } from '../types';
import { readStructured } from '../readStructured';

/**
 * One environment's Vault metadata from an offline dump (JSON or YAML),
 * read by the engine's `vaultSnapshotFromDump`:
 *
 * ```yaml
 * environment: staging
 * mount: secret
 * capturedAt: 2026-11-25T03:40:00Z
 * keys:
 *   orders-db-password: { current_version: 3, updated_time: ..., properties: [value] }
 * # optional: the source failed after the dump was taken
 * failure: { errorClass: sealed, statusCode: 503, message: Vault staging sealed (503) }
 * ```
 * The dump holds metadata only; a value-like field is rejected.
 * @public
 */
export class SnapshotVaultSource implements VaultSource {
  readonly kind = 'vault' as const;
  readonly origin = 'snapshot' as const;

  static create(options: { environment: string; file: string }) {
    return new SnapshotVaultSource(options);
  }

  /** `vault:<environment>`. */
  readonly id: string;
  readonly environment: string;
  private readonly file: string;

  private constructor(options: { environment: string; file: string }) {
    this.environment = options.environment;
    this.file = options.file;
    this.id = `vault:${options.environment}`;
  }

  async read(): Promise<VaultSnapshot> {
    const [doc] = await readStructured(this.file);
    try {
      return vaultSnapshotFromDump(doc, this.environment);
    } catch (e) {
      throw new SourceError('invalid', (e as Error).message);
    }
  }
}
