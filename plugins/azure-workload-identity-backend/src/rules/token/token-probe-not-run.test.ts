import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('token-probe-not-run', () => {
  it('probe-disabled: visible token-probe-not-run, nothing masked', () => {
    const outcome = runScenario('probe-disabled');
    expect(outcome.visible).toEqual(['token-probe-not-run']);
    expect(outcome.masked).toEqual([]);
  });

  it('probe-disabled: unknown, with the reason and the platform action', () => {
    const finding = findingOfRule(
      runScenario('probe-disabled'),
      'token-probe-not-run',
    );
    expect(finding.state).toBe('unknown');
    expect(finding.evidence.actual).toBe(
      'not run: disabled for the cluster (probe.enabled: false)',
    );
    expect(finding.fix.owner).toBe('platform');
  });
});
