import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('resource-private-endpoint-unusable', () => {
  it('private-endpoint-pending: the one finding', () => {
    const outcome = runScenario('private-endpoint-pending');
    expect(outcome.visible).toEqual(['resource-private-endpoint-unusable']);
    expect(outcome.links.resource).toBe('broken');
  });

  it('names the pending connection and approves it', () => {
    const finding = findingOfRule(
      runScenario('private-endpoint-pending'),
      'resource-private-endpoint-unusable',
    );
    expect(finding.message).toBe(
      'kv-orders is private, and its private endpoint is not approved.',
    );
    expect(finding.evidence.actual).toBe('status Pending');
    expect(finding.fix.text).toMatch(
      /^az network private-endpoint-connection approve --id \/subscriptions\/.+\/vaults\/kv-orders\/privateEndpointConnections\/pe-kv-orders\.1a2b/,
    );
    expect(finding.fix.owner).toBe('platform');
  });
});
