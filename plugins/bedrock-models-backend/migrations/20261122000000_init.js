// @ts-check

/**
 * The registry's first table: one row per model the portal manages.
 * Versions, alias pointers and their history follow in later migrations.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('models', table => {
    table.comment('Fine-tuned models managed by the portal');
    table
      .string('name', 50)
      .primary()
      .notNullable()
      .comment('Model name, [a-z0-9]+(-[a-z0-9]+)*');
    table.string('title').nullable();
    table.text('description').nullable();
    table
      .string('owner')
      .notNullable()
      .comment('Catalog Group or User entity ref');
    table.string('system').nullable();
    table.string('classification').notNullable();
    table
      .text('lineage')
      .nullable()
      .comment('JSON: base model, training data, job, evaluation report');
    table.text('tags').nullable().comment('JSON array of tags');
    table.string('created_by').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['owner'], 'models_owner_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('models');
};
