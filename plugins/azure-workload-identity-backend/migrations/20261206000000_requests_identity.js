// @ts-check

/**
 * The identity a request's plan uses, so inspection can count every component that holds one
 * identity (identity-shared-blast-radius) without reading every plan. Filled for existing
 * requests from their plans.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('awi_requests', table => {
    table
      .string('identity_id', 1024)
      .nullable()
      .comment('Resource id of the plan’s managed identity, lower case');
    table.index(['identity_id'], 'awi_requests_identity_id_idx');
  });
  const rows = await knex('awi_requests')
    .whereNotNull('plan')
    .select('id', 'plan');
  for (const row of rows) {
    const identityId = identityOfPlan(row.plan);
    if (identityId) {
      await knex('awi_requests')
        .where({ id: row.id })
        .update({ identity_id: identityId });
    }
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('awi_requests', table => {
    table.dropIndex(['identity_id'], 'awi_requests_identity_id_idx');
    table.dropColumn('identity_id');
  });
};

/** @param {string} json */
function identityOfPlan(json) {
  try {
    const plan = JSON.parse(json);
    const step = (plan.steps ?? []).find(
      (/** @type {{ kind?: string }} */ s) => s.kind === 'ensure-identity',
    );
    return typeof step?.resourceId === 'string'
      ? step.resourceId.toLowerCase()
      : undefined;
  } catch {
    return undefined;
  }
}
