import { DAY, grantOnStorage, replaceRole } from '../twinStaging';
import { binding, ok } from '../access';
import { NOW, W } from '../world';
import { assignmentOf } from './roleassignment';
import { Scenario, ScenarioTable } from './types';

const inDays = (days: number) =>
  new Date(NOW.getTime() + days * 24 * 60 * 60 * 1000).toISOString();

const request = (s: Parameters<Scenario>[0]) => ok(s.requests)[0];

/** The access-request lifecycle scenarios, each one change to the baseline. */
export const lifecycleScenarios: ScenarioTable = {
  'request-expires-in-3-days': {
    snapshot: s => {
      request(s).expiresAt = inDays(3);
    },
    twin: () => ({
      request: record => {
        record.expiresAt = new Date(Date.now() + 3 * DAY).toISOString();
      },
    }),
  },
  'expired-not-revoked': {
    snapshot: s => {
      request(s).expiresAt = inDays(-1);
    },
    twin: () => ({
      request: record => {
        record.expiresAt = new Date(Date.now() - DAY).toISOString();
      },
    }),
  },
  'unapproved-extra-role': {
    snapshot: s => {
      const extra = assignmentOf(
        '66666666-aaaa-0000-0000-000000000001',
        'Storage Queue Data Reader',
        W.storageId,
      );
      const b = binding(s);
      ok(b.roleAssignments).push(extra);
      ok(b.targets[0].assignmentsAtScope).push(extra);
    },
    twin: grantOnStorage('Storage Queue Data Reader'),
  },
  'role-just-granted': {
    snapshot: s => {
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
    twin: replaceRole(W.storageId, {
      role: 'Storage Blob Data Reader',
      scope: W.storageId,
      createdOn: new Date(Date.now() - 2 * 60_000).toISOString(),
    }),
  },
};
