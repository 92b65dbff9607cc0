// @ts-check

/**
 * Imports: what the job tracker needs on each version, the idempotency record of import requests,
 * and the indexes discovery reads by.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('model_versions', table => {
    table
      .string('imported_model_name', 63)
      .nullable()
      .comment('Bedrock imported-model name, <model>-v<N> for portal imports');
    table
      .string('client_request_token', 64)
      .nullable()
      .comment('Idempotency token of CreateModelImportJob; a retry reuses it');
    table
      .timestamp('next_check_at', { useTz: true })
      .nullable()
      .comment('When the job tracker may next call AWS about this import');
    table.integer('check_attempts').notNullable().defaultTo(0);
    table.text('last_check_error').nullable();
    table
      .integer('cold_start_ms')
      .nullable()
      .comment('Time of the first call after import (warm-up), when measured');
    table.index(['status', 'next_check_at'], 'model_versions_due_idx');
    table.index(['account_id', 'region'], 'model_versions_account_region_idx');
  });

  await knex.schema.createTable('import_requests', table => {
    table.comment(
      'One row per Idempotency-Key: a retried import answers with the version this row names',
    );
    table
      .string('key_hash', 64)
      .primary()
      .comment('sha256 of caller, model and Idempotency-Key');
    table.string('model_name', 50).notNullable();
    table.integer('version_number').notNullable();
    table
      .string('request_hash', 64)
      .notNullable()
      .comment(
        'sha256 of the request body; a different body under the same key is refused',
      );
    table.string('created_by').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('import_requests');
  await knex.schema.alterTable('model_versions', table => {
    table.dropIndex(['status', 'next_check_at'], 'model_versions_due_idx');
    table.dropIndex(
      ['account_id', 'region'],
      'model_versions_account_region_idx',
    );
    table.dropColumn('imported_model_name');
    table.dropColumn('client_request_token');
    table.dropColumn('next_check_at');
    table.dropColumn('check_attempts');
    table.dropColumn('last_check_error');
    table.dropColumn('cold_start_ms');
  });
};
