import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { cluster, serviceAccount } from '../../inspection/__testUtils__/access';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';
import { W } from '../../inspection/__testUtils__/world';

describe('token-tenant-not-found', () => {
  it('tenant-wrong-identity-hidden: visible inspect-read-forbidden, token-tenant-not-found, nothing masked', () => {
    const outcome = runScenario('tenant-wrong-identity-hidden');
    expect(outcome.visible).toEqual([
      'inspect-read-forbidden',
      'token-tenant-not-found',
    ]);
    expect(outcome.masked).toEqual([]);
  });

  it('tenant-wrong-identity-hidden: fixes the tenant annotation the pods use', () => {
    const finding = findingOfRule(
      runScenario('tenant-wrong-identity-hidden'),
      'token-tenant-not-found',
    );
    expect(finding.message).toContain(
      'tenant 00000000-dead-0000-0000-000000000000 (from the annotation) does not exist',
    );
    // The identity is hidden, so its tenant is read from the signed-in az: the note says which.
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: 'kubectl -n orders annotate sa orders-api azure.workload.identity/tenant-id=$(az account show --query tenantId -o tsv) --overwrite && kubectl -n orders rollout restart deployment/orders-api',
      note: "az account show prints the tenant az is signed in to: run it signed in to the identity's tenant.",
    });
  });

  it("names the identity's tenant and needs no note where the identity is known", () => {
    const finding = findingOfRule(
      runScenario('tenant-id-nonexistent'),
      'token-tenant-not-found',
    );
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: `kubectl -n orders annotate sa orders-api azure.workload.identity/tenant-id=${W.tenant} --overwrite && kubectl -n orders rollout restart deployment/orders-api`,
    });
  });

  it("says in words to correct the webhook's setting where the tenant comes from there", () => {
    const snapshot = scenarioSnapshot('tenant-id-nonexistent');
    const account = serviceAccount(snapshot);
    delete account.metadata.annotations!['azure.workload.identity/tenant-id'];
    const configMap = cluster(snapshot).webhookConfigMap;
    if (configMap.status !== 'ok') throw new Error('fixture');
    configMap.value.data!.AZURE_TENANT_ID =
      '00000000-dead-0000-0000-000000000000';
    const finding = findingOfRule(
      runScenario(snapshot),
      'token-tenant-not-found',
    );
    expect(finding.message).toContain('(from the webhook config)');
    expect(finding.fix).toEqual({
      kind: 'action',
      owner: 'platform',
      text: `Set AZURE_TENANT_ID in configmap azure-wi-webhook-config of the webhook's namespace on aks-prod to the tenant of the identity, ${W.tenant}.`,
    });
  });
});
