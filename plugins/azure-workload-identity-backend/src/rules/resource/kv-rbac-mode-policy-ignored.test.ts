import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { W } from '../../inspection/__testUtils__/world';

describe('kv-rbac-mode-policy-ignored', () => {
  it('keyvault-rbac-mode-policy-only: masks the missing vault role it explains', () => {
    const outcome = runScenario('keyvault-rbac-mode-policy-only');
    expect(outcome.visible).toEqual(['kv-rbac-mode-policy-ignored']);
    expect(outcome.masked).toEqual(['ra-missing', 'request-drift']);
    const finding = findingOfRule(outcome, 'kv-rbac-mode-policy-ignored');
    expect(finding.evidence).toEqual({
      expected: 'RBAC data role (e.g. Key Vault Secrets User)',
      actual: 'access policy only (ignored in RBAC mode)',
    });
    expect(finding.fix.text).toBe(
      `az role assignment create --assignee-object-id ${W.principalId} --assignee-principal-type ServicePrincipal --role "Key Vault Secrets User" --scope ${W.vaultId} && az keyvault delete-policy --name kv-orders --resource-group rg-apps --subscription 00000000-0000-0000-0000-000000000001 --object-id ${W.principalId}`,
    );
  });
});
