import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('request-expiring', () => {
  it('request-expires-in-3-days: the one finding', () => {
    const outcome = runScenario('request-expires-in-3-days');
    expect(outcome.visible).toEqual(['request-expiring']);
    expect(outcome.links.roleassignment).toBe('degraded');
  });

  it('names the grant, the request and the day, and offers an extension', () => {
    const finding = findingOfRule(
      runScenario('request-expires-in-3-days'),
      'request-expiring',
    );
    expect(finding.message).toBe(
      'Access Storage Blob Data Reader on ordersdata (request req-1) expires on 2026-06-04; it will be revoked automatically.',
    );
    expect(finding.evidence).toEqual({
      expected: 'expiry > 7 days away',
      actual: 'expires 2026-06-04 (3 days)',
    });
    expect(finding.fix.kind).toBe('action');
  });

  it('is silent when the expiry is further away than the warning window', () => {
    expect(
      runScenario('request-expires-in-3-days', { requestExpiryWarnDays: 2 })
        .visible,
    ).toEqual([]);
  });
});
