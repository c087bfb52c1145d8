import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { W } from '../../inspection/__testUtils__/world';

describe('resource-granted-to-kubelet-identity', () => {
  it('storage-granted-to-kubelet: the kubelet identity also reads blobs of ordersdata', () => {
    const outcome = runScenario('storage-granted-to-kubelet');
    expect(outcome.visible).toEqual(['resource-granted-to-kubelet-identity']);
    expect(outcome.masked).toEqual([]);
    const finding = findingOfRule(
      outcome,
      'resource-granted-to-kubelet-identity',
    );
    expect(finding.evidence.actual).toBe(
      `Storage Blob Data Reader for kubelet identity aks-prod-agentpool (${W.kubelet.objectId})`,
    );
    expect(finding.fix).toEqual({
      kind: 'command',
      text: `az role assignment delete --ids ${W.storageId}/providers/Microsoft.Authorization/roleAssignments/44444444-aaaa-0000-0000-000000000001`,
      owner: 'platform',
    });
  });
});
