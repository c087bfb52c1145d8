import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { ORPHAN_PRINCIPAL, W } from '../../inspection/__testUtils__/world';

describe('ra-orphaned', () => {
  it('orphan-after-identity-swap: the deleted wi-orders-v1 still holds a role on ordersdata', () => {
    const outcome = runScenario('orphan-after-identity-swap');
    expect(outcome.visible).toEqual(['ra-orphaned']);
    expect(outcome.masked).toEqual([]);
    const finding = findingOfRule(outcome, 'ra-orphaned');
    expect(finding.evidence.actual).toBe(
      `Storage Blob Data Reader at ${W.storageId} → ${ORPHAN_PRINCIPAL} (formerly wi-orders-v1, deleted)`,
    );
    expect(finding.fix.text).toBe(
      `az role assignment delete --ids ${W.storageId}/providers/Microsoft.Authorization/roleAssignments/33333333-aaaa-0000-0000-000000000001`,
    );
  });

  it('does not guess while a subscription of the inventory could not be listed', () => {
    const snapshot = scenarioSnapshot('orphan-after-identity-swap');
    snapshot.identityInventory.push({
      subscriptionId: '00000000-0000-0000-0000-000000000002',
      identities: {
        status: 'forbidden',
        httpStatus: 403,
        reason: 'AuthorizationFailed',
      },
    });
    expect(runScenario(snapshot).findings.map(f => f.ruleId)).not.toContain(
      'ra-orphaned',
    );
  });
});
