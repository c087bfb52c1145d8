import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { W } from '../../inspection/__testUtils__/world';

describe('identity-not-found', () => {
  it('identity-deleted: the root cause, masking what it explains', () => {
    const outcome = runScenario('identity-deleted');
    expect(outcome.visible).toEqual(['identity-not-found']);
    // Its credentials went with it: with no identity there is no FIC list to find one missing in.
    expect(outcome.masked).toEqual([
      'ra-orphaned',
      'request-drift',
      'sa-client-id-unknown',
      'token-client-not-found',
    ]);
    expect(outcome.links.identity).toBe('broken');
  });

  it('says the identity is gone and how to get a new one', () => {
    const finding = findingOfRule(
      runScenario('identity-deleted'),
      'identity-not-found',
    );
    expect(finding.evidence).toEqual({
      expected: 'userAssignedIdentities/wi-orders exists',
      actual: '404 ResourceNotFound',
    });
    const where = `--resource-group rg-apps --subscription ${W.sub}`;
    // Each needs the one before; the new client id is read back from Azure, nothing to fill in.
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: [
        `az identity create ${where} -n wi-orders`,
        `az identity federated-credential create --name orders-api --identity-name wi-orders ${where} --issuer ${W.issuer} --subject system:serviceaccount:orders:orders-api --audiences api://AzureADTokenExchange`,
        `kubectl -n orders annotate sa orders-api azure.workload.identity/client-id=$(az identity show -n wi-orders ${where} --query clientId -o tsv) --overwrite`,
        'kubectl -n orders rollout restart deployment/orders-api',
      ].join(' && '),
      note: "Requesting access again from the component's card does all of this, role assignments included. Done by hand, the card then shows the role assignments the new identity still lacks, each with its command.",
    });
  });
});
