import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { W } from '../../inspection/__testUtils__/world';

describe('identity-is-cluster-identity', () => {
  it('app-uses-kubelet-identity: masks the kubelet grant it explains', () => {
    const outcome = runScenario('app-uses-kubelet-identity');
    expect(outcome.visible).toEqual(['identity-is-cluster-identity']);
    expect(outcome.masked).toEqual(['resource-granted-to-kubelet-identity']);
    expect(outcome.links.identity).toBe('degraded');
  });

  it('names the kubelet identity and asks for a dedicated one', () => {
    const finding = findingOfRule(
      runScenario('app-uses-kubelet-identity'),
      'identity-is-cluster-identity',
    );
    expect(finding.evidence).toEqual({
      expected: 'an identity dedicated to component:default/orders-api',
      actual: 'kubelet identity of aks-prod (aks-prod-agentpool)',
    });
    const where = `--resource-group MC_rg-aks_aks-prod_eastus --subscription ${W.sub}`;
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: [
        `az identity create ${where} -n id-orders-api`,
        `az identity federated-credential create --name orders-orders-api --identity-name id-orders-api ${where} --issuer ${W.issuer} --subject system:serviceaccount:orders:orders-api --audiences api://AzureADTokenExchange`,
        `kubectl -n orders annotate sa orders-api azure.workload.identity/client-id=$(az identity show -n id-orders-api ${where} --query clientId -o tsv) --overwrite`,
        'kubectl -n orders rollout restart deployment/orders-api',
      ].join(' && '),
      note: "Requesting a dedicated identity from the component's card does all of this, role assignments included. Done by hand, the card then shows the role assignments the new identity still lacks, each with its command. Once the workload runs as the new identity, remove the data roles given to the kubelet identity for this workload.",
    });
  });
});
