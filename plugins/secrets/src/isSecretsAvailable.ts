import type { Entity } from '@backstage/catalog-model';
import { SECRETS_CHART_ANNOTATION } from '@ameideio/plugin-secrets-common';

/**
 * True when the entity names its Helm chart (`ameide.io/chart`). One
 * predicate serves the legacy `EntitySwitch`, the new frontend system's
 * filter and the empty state.
 * @public
 */
export const isSecretsAvailable = (entity: Entity): boolean =>
  Boolean(entity.metadata.annotations?.[SECRETS_CHART_ANNOTATION]?.trim());
