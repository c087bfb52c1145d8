import { binding } from '../../inspection/__testUtils__/access';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { W } from '../../inspection/__testUtils__/world';

describe('resource-not-found', () => {
  it('storage-account-deleted: masks the missing role on the deleted account', () => {
    const outcome = runScenario('storage-account-deleted');
    expect(outcome.visible).toEqual(['resource-not-found']);
    expect(outcome.masked).toEqual(['ra-missing', 'request-drift']);
    const finding = findingOfRule(outcome, 'resource-not-found');
    expect(finding.message).toBe(
      'Microsoft.Storage/storageAccounts ordersdata does not exist any more (deleted or renamed); access to it cannot work.',
    );
    expect(finding.fix).toEqual({
      kind: 'action',
      text: `Update or revoke request req-1 so it no longer names ${W.storageId}.`,
      owner: 'component',
    });
  });

  it('points at the entity annotation when the target came from it', () => {
    const snapshot = scenarioSnapshot('storage-account-deleted');
    binding(snapshot).targets[0].source = 'annotation';
    expect(
      findingOfRule(runScenario(snapshot), 'resource-not-found').fix.text,
    ).toBe(
      `Remove ${W.storageId} from the entity annotation azure-workload-identity.backstage.io/resources of component:default/orders-api.`,
    );
  });
});
