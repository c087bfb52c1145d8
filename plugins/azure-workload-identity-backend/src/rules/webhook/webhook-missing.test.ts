import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { managedCluster } from '../../inspection/__testUtils__/access';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';
import { W } from '../../inspection/__testUtils__/world';

const ADD_ON = `az aks update -g rg-aks -n aks-prod --subscription ${W.sub} --enable-workload-identity`;
const HELM = `helm repo add azure-workload-identity https://azure.github.io/azure-workload-identity/charts && helm repo update && helm upgrade --install workload-identity-webhook azure-workload-identity/workload-identity-webhook --namespace azure-workload-identity-system --create-namespace --set azureTenantID=${W.tenant}`;
const RESTART = 'kubectl -n orders rollout restart deployment/orders-api';

describe('webhook-missing', () => {
  it('webhook-config-deleted: masks the unmutated pods it explains', () => {
    const outcome = runScenario('webhook-config-deleted');
    expect(outcome.visible).toEqual(['webhook-missing']);
    expect(outcome.masked).toEqual(['pod-not-mutated']);
    // Hidden behind the webhook on the card, but the pods really are not mutated.
    expect(outcome.links.pod).toBe('broken');
    expect(outcome.links.webhook).toBe('broken');
  });

  it('turns the add-on on where the cluster has it, naming the Helm install in the note', () => {
    const finding = findingOfRule(
      runScenario('webhook-config-deleted'),
      'webhook-missing',
    );
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'platform',
      text: `${ADD_ON} && ${RESTART}`,
      note: `This turns on the AKS add-on; the restart then gives the workload mutated pods. For a self-managed webhook instead: ${HELM}`,
    });
    expect(finding.evidence.actual).toBe(
      'not found in 0 mutating webhook configurations',
    );
  });

  it('installs the Helm chart, the identity tenant filled in, where the add-on is off', () => {
    const snapshot = scenarioSnapshot('webhook-config-deleted');
    managedCluster(snapshot).properties.securityProfile = {
      workloadIdentity: { enabled: false },
    };
    expect(findingOfRule(runScenario(snapshot), 'webhook-missing').fix).toEqual(
      {
        kind: 'command',
        owner: 'platform',
        text: `${HELM} && ${RESTART}`,
        note: `The AKS add-on is off, so this installs the self-managed webhook with Helm; the restart then gives the workload mutated pods. To use the add-on instead: ${ADD_ON}`,
      },
    );
  });
});
