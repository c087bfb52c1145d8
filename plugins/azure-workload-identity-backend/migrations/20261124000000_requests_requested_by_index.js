// @ts-check

/**
 * "My requests" lists filter on the requester; without an index that is a scan of every
 * request ever made.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('awi_requests', table => {
    table.index(['requested_by'], 'awi_requests_requested_by_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('awi_requests', table => {
    table.dropIndex(['requested_by'], 'awi_requests_requested_by_idx');
  });
};
