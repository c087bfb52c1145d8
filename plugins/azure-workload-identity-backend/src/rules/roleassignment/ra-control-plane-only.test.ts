import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { W } from '../../inspection/__testUtils__/world';

describe('ra-control-plane-only', () => {
  it('reader-on-keyvault: Reader cannot read secrets', () => {
    const outcome = runScenario('reader-on-keyvault');
    expect(outcome.visible).toEqual(['ra-control-plane-only']);
    expect(outcome.masked).toEqual(['request-drift']);
    const finding = findingOfRule(outcome, 'ra-control-plane-only');
    expect(finding.message).toBe(
      `Reader on ${W.vaultId} grants management (control-plane) access only; reading secrets needs a data role such as Key Vault Secrets User.`,
    );
    expect(finding.evidence.actual).toBe(
      `roles on ${W.vaultId}: Reader, data actions: none`,
    );
    expect(finding.fix.text).toBe(
      `az role assignment create --assignee-object-id ${W.principalId} --assignee-principal-type ServicePrincipal --role "Key Vault Secrets User" --scope ${W.vaultId}; then remove the control-plane role if nothing needs it`,
    );
  });
});
