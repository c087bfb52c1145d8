import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('pod-env-overrides-injected', () => {
  it('env-client-id-override: masks the token failure it explains', () => {
    const outcome = runScenario('env-client-id-override');
    expect(outcome.visible).toEqual(['pod-env-overrides-injected']);
    expect(outcome.masked).toEqual(['token-client-not-found']);
  });

  it('puts the annotation beside the manifest value and unsets it', () => {
    const finding = findingOfRule(
      runScenario('env-client-id-override'),
      'pod-env-overrides-injected',
    );
    expect(finding.evidence).toEqual({
      expected:
        'AZURE_CLIENT_ID from the webhook = 4024ab25-56a8-4370-aea6-6389221caf29',
      actual: 'set by the manifest = 9d2c6a51-0000-0000-0000-0000000000aa',
    });
    expect(finding.fix.text).toBe(
      'kubectl -n orders set env deployment/orders-api -c app AZURE_CLIENT_ID-',
    );
  });
});
