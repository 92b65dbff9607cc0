// @ts-check

/**
 * How discovery last went in each account and Region. Discovery runs on one replica at a time, so its
 * outcome lives here, where every replica's report and pages can read it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('discovery_state', table => {
    table.comment('One row per account and Region discovery lists');
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.timestamp('last_attempt_at', { useTz: true }).notNullable();
    table
      .timestamp('last_success_at', { useTz: true })
      .nullable()
      .comment('When a pass last listed this account and Region completely');
    table
      .timestamp('failing_since', { useTz: true })
      .nullable()
      .comment(
        'The first failed pass after the last success; null while it succeeds',
      );
    table.text('last_error').nullable();
    table
      .integer('outside_jobs_in_progress')
      .notNullable()
      .defaultTo(0)
      .comment(
        'Import jobs in progress the portal did not start, at the last success',
      );
    table.primary(['account_id', 'region']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('discovery_state');
};
