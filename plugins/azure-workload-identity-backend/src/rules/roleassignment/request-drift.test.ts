import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { W } from '../../inspection/__testUtils__/world';

describe('request-drift', () => {
  it('unapproved-extra-role: the one finding, on the role assignment link', () => {
    const outcome = runScenario('unapproved-extra-role');
    expect(outcome.visible).toEqual(['request-drift']);
    expect(outcome.links.roleassignment).toBe('degraded');
  });

  it('says what was approved beside what was found, and deletes the extra grant', () => {
    const finding = findingOfRule(
      runScenario('unapproved-extra-role'),
      'request-drift',
    );
    expect(finding.message).toBe(
      `Live role assignment Storage Queue Data Reader on ordersdata differs from what request req-1 approved: approved no such assignment, found Storage Queue Data Reader on ${W.storageId}.`,
    );
    expect(finding.evidence.expected).toBe(
      'no such assignment (request req-1, plan sha256:baseline)',
    );
    expect(finding.fix.text).toBe(
      `az role assignment delete --ids ${W.storageId}/providers/Microsoft.Authorization/roleAssignments/66666666-aaaa-0000-0000-000000000001`,
    );
  });

  it('is masked wherever a more specific rule reports the item', () => {
    for (const scenario of [
      'fic-deleted',
      'role-assignment-deleted',
      'owner-on-storage-account',
      'client-id-typo',
      'identity-deleted',
    ]) {
      const outcome = runScenario(scenario);
      expect({
        scenario,
        visible: outcome.visible.includes('request-drift'),
      }).toEqual({ scenario, visible: false });
      expect(outcome.masked).toContain('request-drift');
    }
  });

  it('is silent on the healthy baseline', () => {
    expect(
      runScenario('request-expires-in-3-days').findings.map(f => f.ruleId),
    ).not.toContain('request-drift');
  });
});
