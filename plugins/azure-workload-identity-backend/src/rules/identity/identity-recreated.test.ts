import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { W } from '../../inspection/__testUtils__/world';

describe('identity-recreated', () => {
  it('identity-recreated-same-name: the root cause, masking what it explains', () => {
    const outcome = runScenario('identity-recreated-same-name');
    expect(outcome.visible).toEqual(['identity-recreated']);
    expect(outcome.masked).toEqual([
      'fic-missing',
      'ra-missing',
      'ra-orphaned',
      'request-drift',
      'sa-client-id-unknown',
      'token-client-not-found',
    ]);
  });

  it('puts the recorded ids beside the live ones and points everything at the new ones', () => {
    const finding = findingOfRule(
      runScenario('identity-recreated-same-name'),
      'identity-recreated',
    );
    expect(finding.evidence).toEqual({
      expected:
        'clientId=4024ab25-56a8-4370-aea6-6389221caf29, principalId=25cc773c-7f05-40fc-a104-32d2300754ad',
      actual:
        'clientId=7a7a7a7a-0000-0000-0000-0000000000c2, principalId=7b7b7b7b-0000-0000-0000-0000000000d2',
    });
    const grant = (role: string, scope: string) =>
      `az role assignment create --assignee-object-id 7b7b7b7b-0000-0000-0000-0000000000d2 --assignee-principal-type ServicePrincipal --role "${role}" --scope ${scope}`;
    // Independent steps, one per line; the restart last, once Azure trusts the new identity.
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: [
        `az identity federated-credential create --name orders-api --identity-name wi-orders --resource-group rg-apps --subscription ${W.sub} --issuer ${W.issuer} --subject system:serviceaccount:orders:orders-api --audiences api://AzureADTokenExchange`,
        grant('Storage Blob Data Reader', W.storageId),
        grant('Key Vault Secrets User', W.vaultId),
        `az role assignment delete --ids ${W.storageId}/providers/Microsoft.Authorization/roleAssignments/11111111-aaaa-0000-0000-000000000001 ${W.vaultId}/providers/Microsoft.Authorization/roleAssignments/11111111-aaaa-0000-0000-000000000002`,
        'kubectl -n orders annotate sa orders-api azure.workload.identity/client-id=7a7a7a7a-0000-0000-0000-0000000000c2 --overwrite && kubectl -n orders rollout restart deployment/orders-api',
      ].join('\n'),
      note: "A new identity under the old name is a new principal: nothing trusts or grants it until these commands re-create its federated credential and the role assignments request req-1 made, delete the old principal's assignments, which grant nobody now, and point the service account at the new client id.",
    });
  });
});
