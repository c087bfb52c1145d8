import { binding, ok } from '../access';
import { NOW, W } from '../world';
import { assignmentOf } from './roleassignment';
import { Scenario } from './types';

const inDays = (days: number) =>
  new Date(NOW.getTime() + days * 24 * 60 * 60 * 1000).toISOString();

const request = (s: Parameters<Scenario>[0]) => ok(s.requests)[0];

/** The access-request lifecycle scenarios, each one change to the baseline. */
export const lifecycleScenarios: Record<string, Scenario> = {
  'request-expires-in-3-days': s => {
    request(s).expiresAt = inDays(3);
  },
  'expired-not-revoked': s => {
    request(s).expiresAt = inDays(-1);
  },
  'unapproved-extra-role': s => {
    const extra = assignmentOf(
      '66666666-aaaa-0000-0000-000000000001',
      'Storage Queue Data Reader',
      W.storageId,
    );
    const b = binding(s);
    ok(b.roleAssignments).push(extra);
    ok(b.targets[0].assignmentsAtScope).push(extra);
  },
  'role-just-granted': s => {
    const justNow = new Date(NOW.getTime() - 2 * 60 * 1000).toISOString();
    const b = binding(s);
    for (const read of [
      b.roleAssignments,
      ...b.targets.map(t => t.assignmentsAtScope),
    ]) {
      for (const assignment of ok(read)) {
        if (/storageAccounts/i.test(assignment.properties.scope)) {
          assignment.properties.createdOn = justNow;
        }
      }
    }
  },
};
