import { valueOf } from '../../inspection/reads';
import { ComponentRule, findingOf } from '../../inspection/rule';
import { day, daysUntil, grantSummary } from './requestFacts';

/** An active request runs out within the warning window; it will be revoked automatically. */
export const requestExpiring: ComponentRule = {
  id: 'request-expiring',
  link: 'roleassignment',
  scope: 'component',
  reads: ['O3'],
  masks: [],
  severity: 'warning',
  detects:
    'An active request ends within `healthRules.requestExpiryWarnDays` (default 7) days; its access will then be revoked automatically.',
  fix: 'Ask for the same access again, with a later end date, before it ends.',
  evaluate({ snapshot, config, now }) {
    return (valueOf(snapshot.requests) ?? []).flatMap(request => {
      if (request.status !== 'active' || !request.expiresAt) return [];
      const left = Date.parse(request.expiresAt) - now.getTime();
      const days = daysUntil(request.expiresAt, now);
      if (left <= 0 || days > config.requestExpiryWarnDays) return [];
      const { role, scope } = grantSummary(request);
      return [
        findingOf(requestExpiring, {
          severity: 'warning',
          state: 'degraded',
          message: `Access ${role} on ${scope} (request ${
            request.id
          }) expires on ${day(
            request.expiresAt,
          )}; it will be revoked automatically.`,
          evidence: {
            expected: `expiry > ${config.requestExpiryWarnDays} days away`,
            actual: `expires ${day(request.expiresAt)} (${days} day${
              days === 1 ? '' : 's'
            })`,
          },
          fix: {
            kind: 'action',
            text: `Request an extension: ask for the same access again with a later end date before ${day(
              request.expiresAt,
            )}.`,
            owner: 'component',
          },
          ref: { kind: 'AccessRequest', name: request.id, id: request.id },
        }),
      ];
    });
  },
};
