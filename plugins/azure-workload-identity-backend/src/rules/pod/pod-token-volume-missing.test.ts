import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('pod-token-volume-missing', () => {
  it('token-volume-stripped: the one finding', () => {
    expect(runScenario('token-volume-stripped').visible).toEqual([
      'pod-token-volume-missing',
    ]);
  });

  it('names the container, the path it was told and the volumes it has', () => {
    const finding = findingOfRule(
      runScenario('token-volume-stripped'),
      'pod-token-volume-missing',
    );
    expect(finding.message).toBe(
      'Container app is told to read its token from /var/run/secrets/azure/wi/token/azure-identity-token, but no service account token volume is mounted in it.',
    );
    expect(finding.evidence.actual).toBe('no such mount (volumes: none)');
    expect(finding.fix.text).toContain(
      'kubectl -n orders rollout restart deployment/orders-api',
    );
  });
});
