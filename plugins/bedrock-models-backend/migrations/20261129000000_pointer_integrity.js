// @ts-check

/**
 * Integrity of what callers read:
 * - every outbox row names the pointer and the revision it publishes, so a publisher writes only the
 *   value of the pointer's current revision and an older row is superseded, never written;
 * - a pointer keeps the account it was created in, so it never names a version of another account
 *   (whose SSM parameter nobody would update);
 * - discovery can flag a version for an admin (its tags claim a model owned by someone else).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ssm_outbox', table => {
    table.string('model_name', 50).nullable();
    table.string('alias', 32).nullable();
    table
      .integer('revision')
      .nullable()
      .comment(
        'The pointer revision (history seq) whose value this row publishes',
      );
  });
  // Rows written before this migration: their history row names the pointer and its revision.
  await knex('ssm_outbox').update({
    model_name: knex('alias_history')
      .select('model_name')
      .where('alias_history.id', knex.ref('ssm_outbox.history_id')),
    alias: knex('alias_history')
      .select('alias')
      .where('alias_history.id', knex.ref('ssm_outbox.history_id')),
    revision: knex('alias_history')
      .select('seq')
      .where('alias_history.id', knex.ref('ssm_outbox.history_id')),
  });
  await knex.schema.alterTable('ssm_outbox', table => {
    table.index(
      ['model_name', 'alias', 'region', 'status'],
      'ssm_outbox_pointer_idx',
    );
  });

  await knex.schema.alterTable('alias_pointers', table => {
    table
      .string('account_id', 12)
      .nullable()
      .comment('The account of the pointer: every version it names is in it');
  });
  await knex('alias_pointers').update({
    account_id: knex('model_versions')
      .select('account_id')
      .where('model_versions.model_name', knex.ref('alias_pointers.model_name'))
      .andWhere(
        'model_versions.number',
        knex.ref('alias_pointers.version_number'),
      ),
  });

  await knex.schema.alterTable('model_versions', table => {
    table
      .text('flag')
      .nullable()
      .comment('Why an admin should look at this version (set by discovery)');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('model_versions', table => {
    table.dropColumn('flag');
  });
  await knex.schema.alterTable('alias_pointers', table => {
    table.dropColumn('account_id');
  });
  await knex.schema.alterTable('ssm_outbox', table => {
    table.dropIndex(
      ['model_name', 'alias', 'region', 'status'],
      'ssm_outbox_pointer_idx',
    );
    table.dropColumn('model_name');
    table.dropColumn('alias');
    table.dropColumn('revision');
  });
};
