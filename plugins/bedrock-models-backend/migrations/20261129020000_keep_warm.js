// @ts-check

/**
 * Cold starts under control:
 * - a keep-warm policy per pointer (off, always, or windows in a time zone) and the heartbeat worker's
 *   progress on it;
 * - every change of a policy, kept for ever (who, when, before and after, why);
 * - every heartbeat sent (what it reached, how long it took, whether it met a cold copy), kept 30 days;
 * - every cold start the portal measured (warm-ups, heartbeats, evaluations).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('keep_warm_policies', table => {
    table.comment('How a pointer is kept warm, and where its heartbeats are');
    table.string('model_name', 50).notNullable();
    table.string('alias', 32).notNullable();
    table.string('region', 32).notNullable();
    table.string('mode', 16).notNullable().comment('off | always | windows');
    table.integer('interval_minutes').notNullable();
    table.string('time_zone', 64).nullable();
    table
      .text('windows')
      .notNullable()
      .comment('JSON array of {days, startHour, endHour}');
    table
      .double('windows_per_month')
      .notNullable()
      .comment(
        '5-minute windows a copy is kept loaded a month, for the report totals',
      );
    table.text('reason').notNullable();
    table.string('updated_by').notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table
      .timestamp('last_served_at', { useTz: true })
      .nullable()
      .comment('The last heartbeat a copy served');
    table.integer('last_served_version').nullable();
    table
      .timestamp('cold_since', { useTz: true })
      .nullable()
      .comment('First heartbeat that met a cold copy not yet served since');
    table
      .integer('failures')
      .notNullable()
      .defaultTo(0)
      .comment('Throttled or failed heartbeats in a row');
    table
      .timestamp('retry_after', { useTz: true })
      .nullable()
      .comment('Backoff: no heartbeat before this');
    table.primary(['model_name', 'alias', 'region']);
  });

  await knex.schema.createTable('keep_warm_changes', table => {
    table.comment('Append-only: every change of a keep-warm policy');
    table.increments('id');
    table.string('model_name', 50).notNullable();
    table.string('alias', 32).notNullable();
    table.string('region', 32).notNullable();
    table.string('actor').notNullable();
    table.text('reason').notNullable();
    table.text('before').nullable().comment('JSON: the policy before');
    table.text('after').notNullable().comment('JSON: the policy after');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['model_name', 'alias', 'region'], 'keep_warm_changes_idx');
  });

  await knex.schema.createTable('keep_warm_beats', table => {
    table.comment('Heartbeats sent to keep pointers warm (kept 30 days)');
    table.increments('id');
    table.string('model_name', 50).notNullable();
    table.string('alias', 32).notNullable();
    table.string('region', 32).notNullable();
    table.integer('version_number').notNullable();
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.double('latency_ms').notNullable();
    table
      .string('outcome', 16)
      .notNullable()
      .comment('served | not-ready | throttled | error');
    table.boolean('cold_copy').notNullable();
    table.text('error').nullable();
    table.index(
      ['model_name', 'alias', 'region', 'sent_at'],
      'keep_warm_beats_pointer_idx',
    );
    table.index(['sent_at'], 'keep_warm_beats_sent_idx');
  });

  await knex.schema.createTable('cold_starts', table => {
    table.comment('Calls that met a cold copy, as the portal measured them');
    table.increments('id');
    table.string('model_name', 50).notNullable();
    table.integer('version_number').notNullable();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table
      .string('alias', 32)
      .nullable()
      .comment('The pointer a heartbeat was for');
    table
      .string('source', 16)
      .notNullable()
      .comment('warm-up | heartbeat | evaluation');
    table
      .timestamp('started_at', { useTz: true })
      .notNullable()
      .comment('When the call began');
    table
      .double('waited_ms')
      .notNullable()
      .comment('How long until served, or until given up');
    table.boolean('served').notNullable();
    table.index(
      ['model_name', 'region', 'started_at'],
      'cold_starts_model_idx',
    );
    table.index(['started_at'], 'cold_starts_started_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cold_starts');
  await knex.schema.dropTable('keep_warm_beats');
  await knex.schema.dropTable('keep_warm_changes');
  await knex.schema.dropTable('keep_warm_policies');
};
