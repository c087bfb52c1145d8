// @ts-check

/**
 * Requests for Azure access and their event log. Every state change of a request is an event
 * row, so the events table is the audit trail: who did what, when, against which plan hash.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('awi_requests', table => {
    table.comment(
      'Requests for Azure access through a workload identity chain',
    );
    table.string('id', 64).primary().notNullable().comment('Request id');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('The component that gets access');
    table
      .string('requested_by', 255)
      .notNullable()
      .comment('User entity ref of the requester');
    table
      .string('status', 32)
      .notNullable()
      .comment(
        'pending-approval, approved, applying, active, failed, rejected, cancelled, revoking, revoked',
      );
    table.string('cluster', 255).notNullable();
    table.string('namespace', 253).notNullable();
    table.string('service_account', 253).notNullable();
    table.text('spec').notNullable().comment('The request as submitted (JSON)');
    table.text('plan').nullable().comment('The plan computed for it (JSON)');
    table
      .string('plan_hash', 128)
      .nullable()
      .comment('Stable hash an approval binds to');
    table
      .string('current_step', 64)
      .nullable()
      .comment('Last step the provisioner recorded, for resuming');
    table.timestamp('expires_at', { useTz: true }).nullable();
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.index(['entity_ref'], 'awi_requests_entity_ref_idx');
    table.index(['status'], 'awi_requests_status_idx');
  });

  await knex.schema.createTable('awi_request_events', table => {
    table.comment('Audit trail: one row per state change of a request');
    table.bigIncrements('id').primary();
    table
      .string('request_id', 64)
      .notNullable()
      .references('id')
      .inTable('awi_requests')
      .onDelete('CASCADE');
    table
      .string('type', 64)
      .notNullable()
      .comment('created, approved, rejected, step-applied, ...');
    table
      .string('actor', 255)
      .notNullable()
      .comment('User or service entity ref');
    table.string('plan_hash', 128).nullable();
    table
      .text('detail')
      .nullable()
      .comment('Event details (JSON), never secrets');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.index(['request_id'], 'awi_request_events_request_id_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('awi_request_events');
  await knex.schema.dropTable('awi_requests');
};
