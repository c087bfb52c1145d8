// @ts-check

/**
 * What lets several replicas apply plans safely. A request being applied carries a lease
 * (owner + expiry, epoch milliseconds so SQLite and PostgreSQL compare alike): only the owner
 * records steps, and a request whose owner died is taken over once the lease runs out.
 * Identity locks serialize writes to one identity's federated credentials, which Azure
 * refuses to take concurrently.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('awi_requests', table => {
    table
      .string('lease_owner', 128)
      .nullable()
      .comment('The replica applying the request');
    table
      .bigInteger('lease_expires_at')
      .nullable()
      .comment(
        'Epoch ms after which another replica may take the request over',
      );
    table.index(['status', 'lease_expires_at'], 'awi_requests_claim_idx');
  });
  await knex.schema.createTable('awi_identity_locks', table => {
    table.comment('Locks serializing writes to one managed identity');
    table
      .string('lock_key', 512)
      .primary()
      .notNullable()
      .comment('The identity resource id, lower case');
    table.string('owner', 128).notNullable();
    table
      .bigInteger('expires_at')
      .notNullable()
      .comment('Epoch ms after which the lock may be taken over');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('awi_identity_locks');
  await knex.schema.alterTable('awi_requests', table => {
    table.dropIndex(['status', 'lease_expires_at'], 'awi_requests_claim_idx');
    table.dropColumn('lease_expires_at');
    table.dropColumn('lease_owner');
  });
};
