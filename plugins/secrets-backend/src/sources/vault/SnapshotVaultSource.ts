import { isSourceErrorClass } from '@ameideio/plugin-secrets-common';
import type { VaultKeyMetadata, VaultSnapshot, VaultSource } from '../types';
import { SourceError } from '../types';
import { readStructured } from '../readStructured';

type Obj = Record<string, any>;

/**
 * One environment's Vault metadata from an offline dump (JSON or YAML):
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
  readonly id: string;

  private constructor(
    readonly environment: string,
    private readonly file: string,
  ) {
    this.id = `vault:${environment}`;
  }

  static create(options: { environment: string; file: string }) {
    return new SnapshotVaultSource(options.environment, options.file);
  }

  async read(): Promise<VaultSnapshot> {
    const [doc] = (await readStructured(this.file)) as Obj[];
    if (
      !doc ||
      typeof doc !== 'object' ||
      typeof doc.keys !== 'object' ||
      doc.keys === null
    ) {
      throw new SourceError(
        'invalid',
        `Vault snapshot for ${this.environment} has no "keys" map`,
      );
    }
    const keys: Record<string, VaultKeyMetadata> = {};
    for (const [key, raw] of Object.entries(doc.keys as Obj)) {
      const m: Obj = raw ?? {};
      if ('data' in m || 'value' in m) {
        throw new SourceError(
          'invalid',
          `Vault snapshot for ${this.environment} contains values (key ${key}); dump metadata only`,
        );
      }
      keys[key] = {
        ...(typeof m.current_version === 'number'
          ? { currentVersion: m.current_version }
          : {}),
        ...(typeof m.created_time === 'string'
          ? { createdTime: m.created_time }
          : {}),
        ...(typeof m.updated_time === 'string'
          ? { updatedTime: m.updated_time }
          : {}),
        ...(m.deleted === true ? { deleted: true } : {}),
        properties: Array.isArray(m.properties)
          ? m.properties.map(String)
          : null,
        ...(m.placeholder && typeof m.placeholder === 'object'
          ? {
              placeholder: Object.fromEntries(
                Object.entries(m.placeholder).map(([p, b]) => [p, b === true]),
              ),
            }
          : {}),
      };
    }
    const f: Obj | undefined = doc.failure;
    return {
      environment: this.environment,
      mount: typeof doc.mount === 'string' ? doc.mount : 'secret',
      fetchedAt:
        typeof doc.capturedAt === 'string'
          ? doc.capturedAt
          : new Date().toISOString(),
      keys,
      warnings: [],
      calls: 0,
      ...(f && typeof f.errorClass === 'string'
        ? {
            failure: {
              // a class this backend does not know is reported as invalid
              errorClass: isSourceErrorClass(f.errorClass)
                ? f.errorClass
                : 'invalid',
              ...(typeof f.statusCode === 'number'
                ? { statusCode: f.statusCode }
                : {}),
              message:
                typeof f.message === 'string'
                  ? f.message
                  : `Vault ${this.environment} ${f.errorClass}`,
            },
          }
        : {}),
    };
  }
}
