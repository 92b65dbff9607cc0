// @ts-check

/**
 * State the scheduled work and the report share across replicas: how discovery last went in each
 * account and Region (it runs on one replica at a time), and the last monthly compute estimates read
 * from CloudWatch (so every replica shows the same figures, and falls back to them when CloudWatch fails).
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

  await knex.schema.createTable('cost_estimates', table => {
    table.comment(
      'The last 30 days of compute per imported model, as last read from CloudWatch ModelCopy',
    );
    table.string('imported_model_arn', 2048).primary();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table
      .double('compute_30d')
      .nullable()
      .comment(
        'Null when read but without a price or CMUs to turn it into money',
      );
    table.timestamp('read_at', { useTz: true }).notNullable();
    table.index(['account_id', 'region'], 'cost_estimates_target_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cost_estimates');
  await knex.schema.dropTable('discovery_state');
};
