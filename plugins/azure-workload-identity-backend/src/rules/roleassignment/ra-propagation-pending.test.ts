import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('ra-propagation-pending', () => {
  it('role-just-granted: the one finding, pending', () => {
    const outcome = runScenario('role-just-granted');
    expect(outcome.visible).toEqual(['ra-propagation-pending']);
    expect(outcome.links.roleassignment).toBe('pending');
  });

  it('says when the grant should take effect', () => {
    const finding = findingOfRule(
      runScenario('role-just-granted'),
      'ra-propagation-pending',
    );
    expect(finding.message).toBe(
      'Storage Blob Data Reader on ordersdata was granted 2 minutes ago; Azure can take up to 10 minutes to apply it. Calls may be denied until about 10:08 UTC.',
    );
    expect(finding.evidence.actual).toBe('created 2 min ago');
    expect(finding.fix.kind).toBe('none');
  });

  it('is silent once the window has passed', () => {
    expect(
      runScenario('role-just-granted', { rbacPropagationMinutes: 1 }).visible,
    ).toEqual([]);
  });
});
