/*
 * Notification state per entity and cause, shared by every replica so a
 * cause is notified once: ids, times and nothing else, never a value.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('secrets_notification_state', table => {
    table.comment(
      'Causes of secrets notifications per entity: when each was seen, notified and resolved',
    );
    table.string('entity_ref', 255).notNullable();
    table
      .string('cause_id', 255)
      .notNullable()
      .comment('The stable id of the finding behind the notification');
    table
      .string('title', 512)
      .notNullable()
      .comment(
        'The notification title (finding type, environment, key or object name)',
      );
    table.bigInteger('opened_at').notNullable().comment('Epoch ms');
    table
      .bigInteger('notified_at')
      .nullable()
      .comment('Epoch ms; null while not sent (quiet hours, not claimed)');
    table
      .bigInteger('resolved_at')
      .nullable()
      .comment('Epoch ms; null while the cause is present');
    table.primary(['entity_ref', 'cause_id']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('secrets_notification_state');
};
