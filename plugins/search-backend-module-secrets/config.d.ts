import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /**
       * The secrets inventory collator: ExternalSecrets, target Secrets and
       * Vault key names (never values) with their owning entity.
       */
      secrets?: {
        /**
         * How often the inventory is read and indexed.
         * Default: every 10 minutes, timeout 15 minutes, first run after 3 seconds.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Where a result links to; `:namespace`, `:kind` and `:name` are the
         * owning entity's. Default: `/catalog/:namespace/:kind/:name/secrets`
         * (the entity's Secrets tab).
         */
        locationTemplate?: string;
      };
    };
  };
}
