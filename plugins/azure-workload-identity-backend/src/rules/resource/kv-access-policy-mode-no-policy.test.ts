import { binding } from '../../inspection/__testUtils__/access';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { W } from '../../inspection/__testUtils__/world';

describe('kv-access-policy-mode-no-policy', () => {
  it('keyvault-access-policy-mode: names the ignored RBAC role; RBAC rules do not run on the vault', () => {
    const outcome = runScenario('keyvault-access-policy-mode');
    expect(outcome.visible).toEqual(['kv-access-policy-mode-no-policy']);
    expect(outcome.masked).toEqual([]);
    const finding = findingOfRule(outcome, 'kv-access-policy-mode-no-policy');
    expect(finding.evidence.actual).toBe(
      'no entry; RBAC role Key Vault Secrets User present but ignored',
    );
    // One command, runnable as shown; the platform's alternative is in the note.
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: `az keyvault set-policy --name kv-orders --resource-group rg-apps --subscription ${W.sub} --object-id ${W.principalId} --secret-permissions get list`,
      note: `The platform's alternative is to turn on Azure RBAC for the vault (az keyvault update --name kv-orders --resource-group rg-apps --subscription ${W.sub} --enable-rbac-authorization true): its roles then count and its access policies no longer do, for every user of the vault.`,
    });
    expect(finding.message).toBe(
      'Key Vault kv-orders uses access policies, not Azure RBAC, so Key Vault Secrets User on it is ignored; no access policy lets wi-orders read secrets.',
    );
  });

  it('is satisfied by an access policy granting secrets get (healthy/keyvault-access-policy)', () => {
    const snapshot = scenarioSnapshot('keyvault-access-policy-mode');
    const vault = binding(snapshot).targets[1].resource;
    if (vault.status === 'ok') {
      vault.value.properties.accessPolicies = [
        {
          tenantId: W.tenant,
          objectId: W.principalId,
          permissions: { secrets: ['get', 'list'] },
        },
      ];
    }
    binding(snapshot).targets[1].assignmentsAtScope = {
      status: 'ok',
      value: [],
    };
    const ra = binding(snapshot).roleAssignments;
    if (ra.status === 'ok')
      ra.value = ra.value.filter(a => a.properties.scope !== W.vaultId);
    // The request approved the access policy, not a vault role.
    if (snapshot.requests.status === 'ok') {
      const request = snapshot.requests.value[0];
      request.roleAssignments = request.roleAssignments.filter(
        a => a.scope !== W.vaultId,
      );
    }
    expect(runScenario(snapshot).findings).toEqual([]);
  });
});
