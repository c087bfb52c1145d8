import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { W } from '../../inspection/__testUtils__/world';

describe('ra-principal-type-mismatch', () => {
  it('ra-principal-type-user: the storage assignment records a User', () => {
    const outcome = runScenario('ra-principal-type-user');
    expect(outcome.visible).toEqual(['ra-principal-type-mismatch']);
    expect(outcome.masked).toEqual([]);
    const finding = findingOfRule(outcome, 'ra-principal-type-mismatch');
    expect(finding.evidence.actual).toBe('principalType=User');
    expect(finding.fix.text).toBe(
      `az role assignment delete --ids ${W.storageId}/providers/Microsoft.Authorization/roleAssignments/11111111-aaaa-0000-0000-000000000001 && az role assignment create --assignee-object-id ${W.principalId} --assignee-principal-type ServicePrincipal --role "Storage Blob Data Reader" --scope ${W.storageId}`,
    );
  });
});
