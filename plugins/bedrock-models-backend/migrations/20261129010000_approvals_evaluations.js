// @ts-check

/**
 * Promotion you can trust:
 * - approval requests for moves a rule covers, and every decision on them (append-only);
 * - the history says who requested and who approved a move, or that it was an emergency rollback;
 * - evaluation suites per model, their runs on versions, and each prompt's result.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('approval_requests', table => {
    table.comment('A promote or rollback that waits for approval');
    table.string('id', 36).primary();
    table.string('model_name', 50).notNullable();
    table.string('alias', 32).notNullable();
    table.string('region', 32).notNullable();
    table.string('kind', 16).notNullable().comment('promote | rollback');
    table.integer('target_version').notNullable();
    table.integer('from_version').nullable();
    table
      .integer('pointer_revision')
      .notNullable()
      .comment(
        'The pointer revision the request was made against; 0 before its first move',
      );
    table.string('requested_by').notNullable();
    table.text('reason').notNullable();
    table
      .text('rule')
      .notNullable()
      .comment('JSON: the approval rule that applied');
    table
      .string('status', 16)
      .notNullable()
      .comment('pending | approved | rejected | expired | cancelled | stale');
    table.integer('history_id').nullable().comment('The move, once approved');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.index(['status', 'expires_at'], 'approval_requests_status_idx');
    table.index(['model_name'], 'approval_requests_model_idx');
  });

  await knex.schema.createTable('approval_decisions', table => {
    table.comment('Append-only: every decision on an approval request');
    table.increments('id');
    table
      .string('request_id', 36)
      .notNullable()
      .references('id')
      .inTable('approval_requests');
    table.string('actor').notNullable();
    table
      .string('decision', 16)
      .notNullable()
      .comment('approve | reject | cancel | expire | stale');
    table.text('reason').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['request_id'], 'approval_decisions_request_idx');
  });

  await knex.schema.alterTable('alias_history', table => {
    table.string('approval_request_id', 36).nullable();
    table
      .string('requested_by')
      .nullable()
      .comment('Who asked for an approved move');
    table
      .text('approved_by')
      .nullable()
      .comment('JSON array of who approved it');
    table
      .boolean('emergency')
      .notNullable()
      .defaultTo(false)
      .comment('A rollback an owner made without the approval a rule asks for');
  });

  await knex.schema.alterTable('ssm_outbox', table => {
    table
      .timestamp('alerted_at', { useTz: true })
      .nullable()
      .comment('When the owners were told this write keeps failing');
  });

  await knex.schema.createTable('evaluation_suites', table => {
    table.comment('The evaluation prompts of a model and their checks');
    table.string('model_name', 50).primary();
    table
      .text('prompts')
      .notNullable()
      .comment('JSON array of {id, prompt, checks, maxTokens}');
    table.string('updated_by').notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('evaluation_runs', table => {
    table.comment('One run of a suite on one version');
    table.string('id', 36).primary();
    table.string('model_name', 50).notNullable();
    table.integer('version_number').notNullable();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('queued | running | passed | failed | error');
    table.string('started_by').notNullable();
    table
      .string('compared_run_id', 36)
      .nullable()
      .comment('The run of the version an alias named, side by side');
    table.integer('prompts').nullable();
    table.integer('passed').nullable();
    table.double('pass_rate').nullable();
    table.double('p50_latency_ms').nullable();
    table.double('p95_latency_ms').nullable();
    table.integer('cold_starts').nullable();
    table.text('error').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.index(
      ['model_name', 'version_number'],
      'evaluation_runs_version_idx',
    );
    table.index(['status'], 'evaluation_runs_status_idx');
  });

  await knex.schema.createTable('evaluation_results', table => {
    table.comment('The answer to one prompt in a run');
    table.increments('id');
    table
      .string('run_id', 36)
      .notNullable()
      .references('id')
      .inTable('evaluation_runs');
    table.integer('position').notNullable();
    table.string('prompt_id', 64).notNullable();
    table.text('prompt').notNullable();
    table.text('output').notNullable();
    table.double('latency_ms').notNullable();
    table.integer('input_tokens').nullable();
    table.integer('output_tokens').nullable();
    table.boolean('cold_start').notNullable();
    table.boolean('passed').notNullable();
    table
      .text('failures')
      .notNullable()
      .comment('JSON array of what the answer missed');
    table.index(['run_id'], 'evaluation_results_run_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('evaluation_results');
  await knex.schema.dropTable('evaluation_runs');
  await knex.schema.dropTable('evaluation_suites');
  await knex.schema.alterTable('ssm_outbox', table => {
    table.dropColumn('alerted_at');
  });
  await knex.schema.alterTable('alias_history', table => {
    table.dropColumn('approval_request_id');
    table.dropColumn('requested_by');
    table.dropColumn('approved_by');
    table.dropColumn('emergency');
  });
  await knex.schema.dropTable('approval_decisions');
  await knex.schema.dropTable('approval_requests');
};
