import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { W } from '../../inspection/__testUtils__/world';

const extraId = `${W.storageId}/providers/Microsoft.Authorization/roleAssignments/22222222-aaaa-0000-0000-000000000001`;

describe('ra-privileged-role', () => {
  it('owner-on-storage-account: error, and the fix only deletes (the data role is already there)', () => {
    const outcome = runScenario('owner-on-storage-account');
    expect(outcome.visible).toEqual(['ra-privileged-role']);
    expect(outcome.masked).toEqual(['request-drift']);
    const finding = findingOfRule(outcome, 'ra-privileged-role');
    expect(finding.severity).toBe('error');
    expect(finding.state).toBe('degraded');
    expect(finding.message).toBe(
      `Identity wi-orders holds Owner at ${W.storageId}. An application identity with it can grant access to anyone.`,
    );
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: `az role assignment delete --ids ${extraId}`,
    });
  });

  it('contributor-on-storage-account: warning, Contributor cannot write role assignments', () => {
    const outcome = runScenario('contributor-on-storage-account');
    expect(outcome.visible).toEqual(['ra-privileged-role']);
    expect(outcome.masked).toEqual(['request-drift']);
    const finding = findingOfRule(outcome, 'ra-privileged-role');
    expect(finding.severity).toBe('warning');
    expect(finding.evidence).toEqual({
      expected: 'data-plane roles only',
      actual: `Contributor at ${W.storageId}`,
    });
  });
});
