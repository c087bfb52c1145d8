import { findBuiltinRole } from '@backstage-community/plugin-azure-workload-identity-common';
import { RequestRecordFacts } from '../../inspection/snapshot';

const DAY_MS = 24 * 60 * 60 * 1000;

/** "Storage Blob Data Reader on ordersdata" for the request's first grant, for messages. */
export function grantSummary(request: RequestRecordFacts): {
  role: string;
  scope: string;
} {
  const first = request.roleAssignments[0];
  if (!first) return { role: 'its access', scope: request.namespace };
  const guid = first.roleDefinitionId.split('/').pop() ?? '';
  return {
    role: findBuiltinRole(guid)?.roleName ?? guid,
    scope: first.scope.split('/').pop() ?? first.scope,
  };
}

/** Whole days from `now` to `at`, rounded up: "3 days" for anything in the third day. */
export function daysUntil(at: string, now: Date): number {
  return Math.ceil((Date.parse(at) - now.getTime()) / DAY_MS);
}

export function day(at: string): string {
  return at.slice(0, 10);
}
