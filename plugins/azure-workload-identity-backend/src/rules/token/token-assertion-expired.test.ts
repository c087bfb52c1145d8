import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('token-assertion-expired', () => {
  it('cluster-clock-skew: visible token-assertion-expired, nothing masked', () => {
    const outcome = runScenario('cluster-clock-skew');
    expect(outcome.visible).toEqual(['token-assertion-expired']);
    expect(outcome.masked).toEqual([]);
  });

  it('cluster-clock-skew: points the platform at the clusters clock', () => {
    const finding = findingOfRule(
      runScenario('cluster-clock-skew'),
      'token-assertion-expired',
    );
    expect(finding.fix.owner).toBe('platform');
    expect(finding.message).toContain('Current time: 2026-06-01T10:00:00Z');
  });
});
