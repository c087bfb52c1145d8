import { valueOf } from '../../inspection/reads';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';

describe('request-expired-still-active', () => {
  it('expired-not-revoked: the one finding', () => {
    const outcome = runScenario('expired-not-revoked');
    expect(outcome.visible).toEqual(['request-expired-still-active']);
    expect(outcome.masked).toEqual([]);
  });

  it('names what is still in place and deletes it, the credential too', () => {
    const finding = findingOfRule(
      runScenario('expired-not-revoked'),
      'request-expired-still-active',
    );
    expect(finding.message).toBe(
      'Access from request req-1 expired on 2026-05-31, but Storage Blob Data Reader on ordersdata is still in place; the scheduled revoke did not complete.',
    );
    expect(finding.evidence.actual).toMatch(
      /^Storage Blob Data Reader at \/subscriptions\/.+\/storageAccounts\/ordersdata still present \(id .+\)$/,
    );
    expect(finding.fix.text).toMatch(
      /^az role assignment delete --ids \S+ \S+ && /,
    );
    expect(finding.fix.text).toContain(
      'az identity federated-credential delete --name orders-api --identity-name wi-orders --resource-group rg-apps --subscription 00000000-0000-0000-0000-000000000001 --yes',
    );
    expect(finding.fix.owner).toBe('platform');
  });

  it('is silent for a request still within its time', () => {
    expect(runScenario('request-expires-in-3-days').visible).not.toContain(
      'request-expired-still-active',
    );
  });

  it("is silent about roles the revoke kept on purpose (adopted, or still another request's)", () => {
    const snapshot = scenarioSnapshot('expired-not-revoked');
    for (const request of valueOf(snapshot.requests) ?? []) {
      request.status = 'revoked';
      for (const assignment of request.roleAssignments) {
        assignment.keptAtRevoke = true;
      }
    }
    expect(runScenario(snapshot).visible).not.toContain(
      'request-expired-still-active',
    );
  });
});
