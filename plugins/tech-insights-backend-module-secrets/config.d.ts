export interface Config {
  techInsights?: {
    factRetrievers?: {
      /**
       * Schedules the secrets fact retriever; without this block it never
       * runs. The facts are read from the secrets backend with the Tech
       * Insights backend's service credentials.
       */
      secretsFactRetriever?: {
        /**
         * Cron expression of the runs, e.g. `'*\/15 * * * *'`. Required to
         * enable the retriever. A run reads one overview page per 500
         * entities and one entity response per entity.
         */
        cadence: string;
        /**
         * How long to keep facts: `{ maxItems: 10 }` keeps the last ten rows
         * per entity, `{ timeToLive: { weeks: 2 } }` drops older rows.
         * Default: every row is kept.
         */
        lifecycle?: { maxItems: number } | { timeToLive: any };
        /** How long a run may take. Default: 5 minutes. */
        timeout?: any;
        /** Delay of the first run after start-up. Default: 5 seconds. */
        initialDelay?: any;
      };
    };
  };
}
