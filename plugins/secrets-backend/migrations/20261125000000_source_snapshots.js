/*
 * Last good snapshot per source. Holds names, statuses and metadata only:
 * never a secret value.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('secrets_source_snapshots', table => {
    table.comment(
      'Last good data and health of each source of the secrets plugin',
    );
    table
      .string('source_id', 255)
      .primary()
      .notNullable()
      .comment('e.g. vault:staging, cluster:prod-eu, gitops');
    table.string('kind', 32).notNullable();
    table
      .text('data', 'longtext')
      .nullable()
      .comment('JSON of the last good snapshot');
    table
      .string('fetched_at', 64)
      .nullable()
      .comment('When the data was fetched (ISO)');
    table
      .text('health', 'longtext')
      .notNullable()
      .comment('JSON SourceHealth of the last attempt');
    table
      .bigInteger('updated_at')
      .notNullable()
      .comment('Epoch ms of the last write');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('secrets_source_snapshots');
};
