import { binding } from '../../inspection/__testUtils__/access';
import { baselineSnapshot } from '../../inspection/__testUtils__/baselineWorld';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { W } from '../../inspection/__testUtils__/world';

describe('ra-missing', () => {
  it('role-assignment-deleted: the storage account has no role', () => {
    const outcome = runScenario('role-assignment-deleted');
    expect(outcome.visible).toEqual(['ra-missing']);
    expect(outcome.masked).toEqual(['request-drift']);
    const finding = findingOfRule(outcome, 'ra-missing');
    expect(finding.fix.text).toBe(
      `az role assignment create --assignee-object-id ${W.principalId} --assignee-principal-type ServicePrincipal --role "Storage Blob Data Reader" --scope ${W.storageId}`,
    );
    expect(finding.ref?.id).toBe(W.storageId.toLowerCase());
  });

  it('counts an assignment above the target (resource group) as a role on it', () => {
    const snapshot = baselineSnapshot();
    const storage = binding(snapshot).targets[0];
    const rgScope =
      '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps';
    storage.assignmentsAtScope = {
      status: 'ok',
      value: [
        {
          id: `${rgScope}/providers/Microsoft.Authorization/roleAssignments/x`,
          properties: {
            roleDefinitionId: W.blobReader,
            principalId: W.principalId,
            principalType: 'ServicePrincipal',
            scope: rgScope,
          },
        },
      ],
    };
    const ra = binding(snapshot).roleAssignments;
    if (ra.status === 'ok')
      ra.value = ra.value.filter(a => a.properties.scope !== W.storageId);
    expect(runScenario(snapshot).visible).not.toContain('ra-missing');
  });

  it('without known targets, fires only when the identity has no assignment at all (demo ra-missing)', () => {
    const snapshot = baselineSnapshot();
    binding(snapshot).targets = [];
    expect(runScenario(snapshot).findings).toEqual([]);
    binding(snapshot).roleAssignments = { status: 'ok', value: [] };
    const finding = findingOfRule(runScenario(snapshot), 'ra-missing');
    expect(finding.message).toContain(
      'has no role assignment in any subscription',
    );
  });
});
