import { createHash } from 'node:crypto';
import {
  AccessRequestSpec,
  AccessTargetSpec,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { RequestStatus } from '../requests/types';

/** The statuses in which a request holds its grant, so an identical one must not be opened. */
export const OPEN_STATUSES: readonly RequestStatus[] = [
  'pending-approval',
  'approved',
  'applying',
  'active',
];

export function isOpenStatus(status: RequestStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/**
 * What makes two requests the same grant: the component, where its pods run, and the access
 * asked for on each resource. Justification, expiry, environment and the identity's name are
 * left out: they do not change which service account gets which access.
 *
 * The dated migration that fills `open_grant_key` for existing rows repeats this recipe; the
 * two must stay byte for byte the same, which migrations.test.ts checks.
 */
export function openGrantKey(spec: AccessRequestSpec): string {
  // Resource ids and role names compare case-insensitively in Azure; entity refs do in the catalog.
  const resources = [
    ...new Set((spec.resources ?? []).map(target => targetKey(target))),
  ].sort();
  const substance = JSON.stringify([
    lower(spec.entityRef),
    lower(spec.cluster),
    lower(spec.namespace),
    lower(spec.serviceAccountName),
    resources,
  ]);
  return `sha256:${createHash('sha256').update(substance).digest('hex')}`;
}

function targetKey(target: AccessTargetSpec): string {
  return JSON.stringify([
    lower(target.resourceId),
    target.intent ?? null,
    sortedSet(target.permissions),
    sortedSet(target.mustNot),
    target.role ? lower(target.role.trim()) : null,
    target.allowPrivileged === true,
  ]);
}

function sortedSet(values: string[] | undefined): string[] {
  return [...new Set((values ?? []).map(lower))].sort();
}

function lower(value: string | undefined): string {
  return (value ?? '').toLowerCase();
}

export const OPEN_GRANT_KEY_INDEX = 'awi_requests_open_grant_key_idx';

/**
 * The insert or update would give a second request the same open grant key. PostgreSQL names
 * the index; SQLite names the column. Any other constraint (say, a clashing id) is not this.
 */
export function isOpenGrantKeyViolation(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, constraint, message } = error as {
    code?: unknown;
    constraint?: unknown;
    message?: unknown;
  };
  if (code === '23505') return constraint === OPEN_GRANT_KEY_INDEX;
  return (
    typeof code === 'string' &&
    code.startsWith('SQLITE_CONSTRAINT') &&
    typeof message === 'string' &&
    message.includes('UNIQUE constraint failed: awi_requests.open_grant_key')
  );
}
