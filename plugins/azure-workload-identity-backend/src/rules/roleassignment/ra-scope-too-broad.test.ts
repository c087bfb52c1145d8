import { binding } from '../../inspection/__testUtils__/access';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { W } from '../../inspection/__testUtils__/world';

describe('ra-scope-too-broad', () => {
  it('role-at-resource-group: the resource group grant is flagged and still counts for the target', () => {
    const outcome = runScenario('role-at-resource-group');
    expect(outcome.visible).toEqual(['ra-scope-too-broad']);
    expect(outcome.masked).toEqual(['request-drift']);
    const finding = findingOfRule(outcome, 'ra-scope-too-broad');
    expect(finding.severity).toBe('warning');
    expect(finding.evidence).toEqual({
      expected: `scope = ${W.storageId}`,
      actual: `scope = ${W.rgApps} (resource group)`,
    });
    expect(finding.message).toContain(
      'every other Storage account in that resource group',
    );
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: `az role assignment create --assignee-object-id ${W.principalId} --assignee-principal-type ServicePrincipal --role "Storage Blob Data Reader" --scope ${W.storageId} && az role assignment delete --ids ${W.rgApps}/providers/Microsoft.Authorization/roleAssignments/11111111-aaaa-0000-0000-000000000001`,
    });
  });

  it('is info when the request approved that exact broad scope', () => {
    const snapshot = scenarioSnapshot('role-at-resource-group');
    const requests = snapshot.requests;
    if (requests.status === 'ok')
      requests.value[0].roleAssignments[0].scope = W.rgApps;
    const finding = findingOfRule(runScenario(snapshot), 'ra-scope-too-broad');
    expect(finding.severity).toBe('info');
    expect(finding.message).toContain('(approved in request req-1)');
  });

  it('without known targets, leaves a resource group alone but flags a subscription', () => {
    const snapshot = scenarioSnapshot('role-at-resource-group');
    binding(snapshot).targets = [];
    // (The request approved no role at the group: that is request-drift's to say.)
    expect(runScenario(snapshot).visible).not.toContain('ra-scope-too-broad');
    const ra = binding(snapshot).roleAssignments;
    if (ra.status === 'ok')
      ra.value[1].properties.scope = `/subscriptions/${W.sub}`;
    const finding = findingOfRule(runScenario(snapshot), 'ra-scope-too-broad');
    expect(finding.evidence.actual).toBe(
      `scope = /subscriptions/${W.sub} (subscription)`,
    );
    expect(finding.fix.text).toContain('--scope <target resource id> && ');
    expect(finding.fix.note).toBe(
      'The resources the workload uses are not known: replace <target resource id> with the id of the one it uses in that subscription, or list their ids in the annotation azure-workload-identity.backstage.io/resources of component:default/orders-api and the card fills it in.',
    );
  });
});
