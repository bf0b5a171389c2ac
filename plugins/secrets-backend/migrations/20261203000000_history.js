/*
 * History of each refresh: per entity and environment counts, finding ids,
 * types and severities, plus the platform totals. Never a secret value,
 * never a finding's message.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('secrets_history_runs', table => {
    table.comment('One row per recorded refresh of the secrets plugin');
    table.increments('id').primary();
    table
      .string('refresh_key', 64)
      .notNullable()
      .unique()
      .comment(
        'The refresh recorded (its data time, ISO): one row per refresh across replicas',
      );
    table
      .bigInteger('recorded_at')
      .notNullable()
      .index()
      .comment('Epoch ms of the refresh');
    table
      .bigInteger('last_seen_at')
      .notNullable()
      .comment('Epoch ms of the last refresh that found the same rows');
    table
      .string('digest', 64)
      .notNullable()
      .comment('sha256 of the rows, to skip an unchanged refresh');
    table
      .text('totals', 'longtext')
      .notNullable()
      .comment('JSON HistoryTotals of the platform');
  });
  await knex.schema.createTable('secrets_history_rows', table => {
    table.comment('Per entity and environment counts of one recorded refresh');
    table.integer('run_id').unsigned().notNullable();
    table.string('entity_ref', 512).notNullable();
    table.string('environment', 255).notNullable();
    table.integer('errors').notNullable();
    table.integer('warnings').notNullable();
    table.integer('infos').notNullable();
    table.integer('sync_errors').notNullable();
    table.integer('overdue_keys').notNullable();
    table.float('fixture_coverage').nullable();
    table
      .text('by_type', 'longtext')
      .notNullable()
      .comment('JSON counts per finding type');
    table
      .text('findings', 'longtext')
      .notNullable()
      .comment('JSON [id, type, severity] of each finding');
    table.primary(['run_id', 'entity_ref', 'environment']);
    table.index(['entity_ref', 'run_id'], 'secrets_history_rows_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('secrets_history_rows');
  await knex.schema.dropTable('secrets_history_runs');
};
