// @ts-check

/**
 * Versions, alias pointers, their append-only history, and the outbox of SSM writes.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('model_versions', table => {
    table.comment(
      'One imported model (a Bedrock imported-model ARN) per row: a version of a model',
    );
    table.increments('id');
    table
      .string('model_name', 50)
      .notNullable()
      .references('name')
      .inTable('models')
      .onDelete('RESTRICT');
    table.integer('number').notNullable().comment('1, 2, 3 ... per model');
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('importing | ready | failed | retired | deleted');
    table.string('imported_model_arn').nullable();
    table.string('job_arn').nullable();
    table.string('job_name', 63).nullable();
    table.text('failure_message').nullable();
    table.string('s3_uri', 1024).notNullable();
    table.string('architecture', 64).nullable();
    table.boolean('instruct_supported').nullable();
    table.integer('cmus_per_copy').nullable();
    table
      .boolean('managed')
      .notNullable()
      .defaultTo(true)
      .comment('false: discovered, imported outside the portal');
    table.string('created_by').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['model_name', 'number'], {
      indexName: 'model_versions_model_number_uq',
    });
    table.index(['imported_model_arn'], 'model_versions_arn_idx');
    table.index(['status'], 'model_versions_status_idx');
    // Model search filters by Region (and account, architecture) through EXISTS on this table.
    table.index(['region', 'model_name'], 'model_versions_region_model_idx');
  });

  await knex.schema.createTable('alias_pointers', table => {
    table.comment(
      'Which version an alias (production, staging, ...) names, per model and Region',
    );
    table
      .string('model_name', 50)
      .notNullable()
      .references('name')
      .inTable('models')
      .onDelete('RESTRICT');
    table.string('alias', 32).notNullable();
    table.string('region', 32).notNullable();
    table.integer('version_number').notNullable();
    table
      .integer('revision')
      .notNullable()
      .comment('Number of moves; equals the last history seq');
    table.string('updated_by').notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['model_name', 'alias', 'region']);
  });

  await knex.schema.createTable('alias_history', table => {
    table.comment(
      'Append-only: every move of a pointer, in order (seq) per pointer',
    );
    table.increments('id');
    table.string('model_name', 50).notNullable();
    table.string('alias', 32).notNullable();
    table.string('region', 32).notNullable();
    table.integer('seq').notNullable();
    table.string('kind', 16).notNullable().comment('promote | rollback');
    table.integer('from_version').nullable();
    table.integer('to_version').notNullable();
    table.string('actor').notNullable();
    table.text('reason').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    // Two replicas racing on one pointer cannot both write the same position in its history.
    table.unique(['model_name', 'alias', 'region', 'seq'], {
      indexName: 'alias_history_pointer_seq_uq',
    });
  });

  await knex.schema.createTable('ssm_outbox', table => {
    table.comment(
      'SSM parameter writes queued in the same transaction as the pointer move',
    );
    table.increments('id');
    table
      .integer('history_id')
      .notNullable()
      .references('id')
      .inTable('alias_history');
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('parameter_name', 2048).notNullable();
    table.string('value', 2048).notNullable();
    table.string('status', 16).notNullable().comment('pending | published');
    table.integer('attempts').notNullable().defaultTo(0);
    table.timestamp('next_attempt_at', { useTz: true }).notNullable();
    table.text('last_error').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('published_at', { useTz: true }).nullable();
    table.index(['status', 'next_attempt_at'], 'ssm_outbox_due_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ssm_outbox');
  await knex.schema.dropTable('alias_history');
  await knex.schema.dropTable('alias_pointers');
  await knex.schema.dropTable('model_versions');
};
