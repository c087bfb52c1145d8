import { serviceAccount } from '../../inspection/__testUtils__/access';
import { baselineSnapshot } from '../../inspection/__testUtils__/baselineWorld';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';
import { W } from '../../inspection/__testUtils__/world';

describe('sa-client-id-unknown', () => {
  it('client-id-typo: masks the probe failure', () => {
    const outcome = runScenario('client-id-typo');
    expect(outcome.visible).toEqual(['sa-client-id-unknown']);
    expect(outcome.masked).toEqual(['request-drift', 'token-client-not-found']);
    const finding = findingOfRule(outcome, 'sa-client-id-unknown');
    expect(finding.evidence.actual).toBe(
      '4024ab25-56a8-4370-aea6-6389221caf28 (no match in 1 subscriptions)',
    );
    // The request names the intended identity: nothing to fill in, nothing to explain.
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: `kubectl -n orders annotate sa orders-api azure.workload.identity/client-id=${W.clientId} --overwrite && kubectl -n orders rollout restart deployment/orders-api`,
    });
  });

  it('says how to find the client id where no request names the identity', () => {
    const snapshot = scenarioSnapshot('client-id-typo');
    snapshot.requests = { status: 'ok', value: [] };
    const { fix } = findingOfRule(
      runScenario(snapshot),
      'sa-client-id-unknown',
    );
    expect(fix.text).toBe(
      'kubectl -n orders annotate sa orders-api azure.workload.identity/client-id=<client id of the intended identity> --overwrite && kubectl -n orders rollout restart deployment/orders-api',
    );
    expect(fix.note).toBe(
      'No request of this portal names the identity: replace <client id of the intended identity> with the client id of the identity the workload should use, which az identity show -n <name> -g <group> --query clientId -o tsv prints.',
    );
  });

  it('client-id-outside-inventory: stays silent on an incomplete inventory; the probe decides', () => {
    const outcome = runScenario('client-id-outside-inventory');
    expect(outcome.visible).toEqual([
      'inspect-read-forbidden',
      'token-client-not-found',
    ]);
    expect(outcome.masked).toEqual([]);
    expect(outcome.links.identity).toBe('unknown');
    expect(outcome.links.token).toBe('broken');
  });

  it('shows surrounding quotes that make the value no GUID', () => {
    const snapshot = baselineSnapshot();
    serviceAccount(snapshot).metadata.annotations![
      'azure.workload.identity/client-id'
    ] = '"4024ab25-56a8-4370-aea6-6389221caf29"';
    const finding = findingOfRule(
      runScenario(snapshot),
      'sa-client-id-unknown',
    );
    expect(finding.evidence.actual).toBe(
      '"\\"4024ab25-56a8-4370-aea6-6389221caf29\\"" (not a GUID)',
    );
  });

  it('lowers the severity to info when unknown client ids are allowed', () => {
    const finding = findingOfRule(
      runScenario('client-id-typo', { allowUnknownClientIds: true }),
      'sa-client-id-unknown',
    );
    expect(finding.severity).toBe('info');
  });
});
