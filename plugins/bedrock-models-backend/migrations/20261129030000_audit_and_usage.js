// @ts-check

/**
 * What governance looks at:
 * - every retirement is kept with who retired the version and why (the audit trail and the model's
 *   history show it; before, the reason lived only in the auditor's log);
 * - cost estimates also keep the last 30 days' invocations and the last hour a caller invoked the
 *   model, read from CloudWatch in the same calls as the copies, so idle versions can be listed;
 * - the audit trail reads moves and imports newest first, by time.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('version_retirements', table => {
    table.comment(
      'Append-only: every retirement of a version, with its reason',
    );
    table.increments('id');
    table.string('model_name', 50).notNullable();
    table.integer('version_number').notNullable();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('imported_model_arn', 2048).nullable();
    table.string('actor').notNullable();
    table.text('reason').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['created_at'], 'version_retirements_created_idx');
    table.index(['model_name'], 'version_retirements_model_idx');
  });
  await knex.schema.alterTable('cost_estimates', table => {
    table
      .bigInteger('invocations_30d')
      .nullable()
      .comment('Invocations in the 30 days read; null until read');
    table
      .timestamp('last_invoked_at', { useTz: true })
      .nullable()
      .comment('Start of the last hour with invocations in the 30 days read');
  });
  await knex.schema.alterTable('alias_history', table => {
    table.index(['created_at'], 'alias_history_created_idx');
  });
  await knex.schema.alterTable('model_versions', table => {
    table.index(['created_at'], 'model_versions_created_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('model_versions', table => {
    table.dropIndex(['created_at'], 'model_versions_created_idx');
  });
  await knex.schema.alterTable('alias_history', table => {
    table.dropIndex(['created_at'], 'alias_history_created_idx');
  });
  await knex.schema.alterTable('cost_estimates', table => {
    table.dropColumn('last_invoked_at');
    table.dropColumn('invocations_30d');
  });
  await knex.schema.dropTable('version_retirements');
};
