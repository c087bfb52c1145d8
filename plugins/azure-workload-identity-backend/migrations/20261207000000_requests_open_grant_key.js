// @ts-check

const crypto = require('node:crypto');

const OPEN_STATUSES = ['pending-approval', 'approved', 'applying', 'active'];

/**
 * One open request per grant. `open_grant_key` names the grant (component, cluster, namespace,
 * service account and the access asked for on each resource) while the request is pending,
 * approved, applying or active, and is NULL otherwise. The unique index makes the database
 * refuse a second open request for the same grant, concurrent ones included; NULLs are
 * distinct in SQLite and PostgreSQL alike, so closed requests never collide.
 *
 * Existing open requests get their key, newest first. Where two open requests already share
 * one, only the newest carries it: the older ones stay as they are and a new identical request
 * answers with the newest.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('awi_requests', table => {
    table
      .string('open_grant_key', 128)
      .nullable()
      .comment(
        'Hash of the grant while the request is open (pending-approval, approved, applying, active), else NULL',
      );
  });

  const rows = await knex('awi_requests')
    .whereIn('status', OPEN_STATUSES)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .select('id', 'spec');
  const taken = new Set();
  for (const row of rows) {
    const key = openGrantKeyOf(row.spec);
    if (!key || taken.has(key)) continue;
    taken.add(key);
    await knex('awi_requests')
      .where({ id: row.id })
      .update({ open_grant_key: key });
  }

  await knex.schema.alterTable('awi_requests', table => {
    table.unique(['open_grant_key'], {
      indexName: 'awi_requests_open_grant_key_idx',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('awi_requests', table => {
    table.dropUnique(['open_grant_key'], 'awi_requests_open_grant_key_idx');
  });
  await knex.schema.alterTable('awi_requests', table => {
    table.dropColumn('open_grant_key');
  });
};

// The recipe of src/database/openGrantKey.ts as of this migration, kept here so later changes
// there do not change what this migration wrote.

/** @param {string} json */
function openGrantKeyOf(json) {
  let spec;
  try {
    spec = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!spec || typeof spec !== 'object' || typeof spec.entityRef !== 'string') {
    return undefined;
  }
  const targets = Array.isArray(spec.resources) ? spec.resources : [];
  const resources = [...new Set(targets.map(targetKey))].sort();
  const substance = JSON.stringify([
    lower(spec.entityRef),
    lower(spec.cluster),
    lower(spec.namespace),
    lower(spec.serviceAccountName),
    resources,
  ]);
  return `sha256:${crypto
    .createHash('sha256')
    .update(substance)
    .digest('hex')}`;
}

/** @param {any} target */
function targetKey(target) {
  return JSON.stringify([
    lower(target.resourceId),
    target.intent ?? null,
    sortedSet(target.permissions),
    sortedSet(target.mustNot),
    target.role ? lower(String(target.role).trim()) : null,
    target.allowPrivileged === true,
  ]);
}

/** @param {unknown} values */
function sortedSet(values) {
  return [...new Set((Array.isArray(values) ? values : []).map(lower))].sort();
}

/** @param {unknown} value */
function lower(value) {
  return typeof value === 'string' ? value.toLowerCase() : '';
}
