/*
 * Pure readers of Vault KV v2 answers: the metadata of a key
 * (`GET /v1/<mount>/metadata/<key>`), its property names
 * (`GET /v1/<mount>/subkeys/<key>`) and an offline dump of both. Shared by
 * the backend's Vault sources and the CLI. Nothing here reads a value.
 */
import { isSourceErrorClass } from '@ameideio/plugin-secrets-common';
import type { VaultKeyMetadata, VaultSnapshot } from './types';

type Obj = Record<string, any>;

/**
 * The metadata of one key from the `data` of a KV v2 metadata response
 * (`current_version`, `created_time`, `updated_time`, `versions`). The
 * current version counts as deleted when it has a `deletion_time` or is
 * destroyed. Property names are unknown here (`null`).
 * @public
 */
export function vaultKeyMetadataFromResponse(data: unknown): VaultKeyMetadata {
  const d: Obj = data && typeof data === 'object' ? (data as Obj) : {};
  const meta: VaultKeyMetadata = { properties: null };
  if (typeof d.current_version === 'number')
    meta.currentVersion = d.current_version;
  if (typeof d.created_time === 'string') meta.createdTime = d.created_time;
  if (typeof d.updated_time === 'string') meta.updatedTime = d.updated_time;
  const v = d.versions?.[String(d.current_version)];
  if (
    v &&
    (v.destroyed === true ||
      (typeof v.deletion_time === 'string' && v.deletion_time !== ''))
  ) {
    meta.deleted = true;
  }
  return meta;
}

/**
 * The top-level property names, sorted, from the `data` of a KV v2
 * `subkeys` response (`{ subkeys: { <property>: null, ... } }`).
 * @public
 */
export function propertiesFromSubkeys(data: unknown): string[] {
  const sk = (data as Obj | undefined)?.subkeys;
  return sk && typeof sk === 'object' ? Object.keys(sk).sort() : [];
}

/**
 * One environment's Vault snapshot from an offline metadata dump (parsed
 * JSON or YAML):
 *
 * ```json
 * {
 *   "mount": "secret",
 *   "capturedAt": "2026-11-25T03:40:00Z",
 *   "keys": { "<key>": <data of GET /v1/<mount>/metadata/<key>> },
 *   "subkeys": { "<key>": <data of GET /v1/<mount>/subkeys/<key>> }
 * }
 * ```
 *
 * A key entry may also carry `properties` (names), `deleted` and
 * `placeholder` (per property, whether the value equals a fixture value)
 * instead of `subkeys`; `failure` records that the source failed after the
 * dump was taken. A key entry with a `data` or `value` field is rejected:
 * the dump holds metadata only. Throws an `Error` naming the environment
 * on a wrong shape.
 * @public
 */
export function vaultSnapshotFromDump(
  doc: unknown,
  environment: string,
): VaultSnapshot {
  const d = doc as Obj;
  if (
    !d ||
    typeof d !== 'object' ||
    typeof d.keys !== 'object' ||
    d.keys === null ||
    Array.isArray(d.keys)
  ) {
    throw new Error(`Vault snapshot for ${environment} has no "keys" map`);
  }
  const subkeys: Obj =
    d.subkeys && typeof d.subkeys === 'object' ? d.subkeys : {};
  const keys: Record<string, VaultKeyMetadata> = {};
  for (const [key, raw] of Object.entries(d.keys as Obj)) {
    const m: Obj = raw && typeof raw === 'object' ? raw : {};
    if ('data' in m || 'value' in m) {
      throw new Error(
        `Vault snapshot for ${environment} contains values (key ${key}); dump metadata only`,
      );
    }
    const meta = vaultKeyMetadataFromResponse(m);
    if (m.deleted === true) meta.deleted = true;
    const sk = subkeys[key] ?? (m.subkeys ? { subkeys: m.subkeys } : undefined);
    if (Array.isArray(m.properties)) meta.properties = m.properties.map(String);
    else if (sk && typeof sk === 'object')
      meta.properties = propertiesFromSubkeys(sk);
    if (m.placeholder && typeof m.placeholder === 'object') {
      meta.placeholder = Object.fromEntries(
        Object.entries(m.placeholder as Obj).map(([p, b]) => [p, b === true]),
      );
    }
    keys[key] = meta;
  }
  const f: Obj | undefined =
    d.failure && typeof d.failure === 'object' ? d.failure : undefined;
  return {
    environment,
    mount:
      typeof d.mount === 'string'
        ? d.mount.replace(/^\/+|\/+$/g, '')
        : 'secret',
    fetchedAt:
      typeof d.capturedAt === 'string'
        ? d.capturedAt
        : new Date().toISOString(),
    keys,
    warnings: [],
    calls: 0,
    ...(f && typeof f.errorClass === 'string'
      ? {
          failure: {
            // a class this engine does not know is reported as invalid
            errorClass: isSourceErrorClass(f.errorClass)
              ? f.errorClass
              : 'invalid',
            ...(typeof f.statusCode === 'number'
              ? { statusCode: f.statusCode }
              : {}),
            message:
              typeof f.message === 'string'
                ? f.message
                : `Vault ${environment} ${f.errorClass}`,
          },
        }
      : {}),
  };
}
