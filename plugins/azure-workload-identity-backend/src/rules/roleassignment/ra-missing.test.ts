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
    // What to reach is the owner's choice: the card says so instead of a command with blanks.
    expect(finding.fix).toEqual({
      kind: 'action',
      owner: 'component',
      text: "Decide which Azure resources wi-orders must reach and with what access, then request that access from this card, or list the resources' ids in the annotation azure-workload-identity.backstage.io/resources of component:default/orders-api; the card then shows the role assignment command with the least role for each.",
    });
  });

  it('says the role is to be chosen when no single built-in role fits the access asked for', () => {
    const snapshot = baselineSnapshot();
    const storage = binding(snapshot).targets[0];
    storage.intent = 'frobnicate';
    storage.assignmentsAtScope = { status: 'ok', value: [] };
    const ra = binding(snapshot).roleAssignments;
    if (ra.status === 'ok')
      ra.value = ra.value.filter(a => a.properties.scope !== W.storageId);
    const finding = findingOfRule(runScenario(snapshot), 'ra-missing');
    expect(finding.fix.kind).toBe('action');
    expect(finding.fix.text).toMatch(
      /^No single built-in role grants exactly the access asked for on \/subscriptions\/.*\/storageAccounts\/ordersdata: choose the role with the platform team/,
    );
    expect(finding.fix.text).not.toMatch(/<[^>]*>/);
  });
});
