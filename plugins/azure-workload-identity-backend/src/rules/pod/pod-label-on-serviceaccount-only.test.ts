import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('pod-label-on-serviceaccount-only', () => {
  it('label-on-sa: replaces pod-label-missing, which is masked', () => {
    const outcome = runScenario('label-on-sa');
    expect(outcome.visible).toEqual(['pod-label-on-serviceaccount-only']);
    expect(outcome.masked).toEqual(['pod-label-missing']);
  });

  it('moves the label to the template and removes it from the service account', () => {
    const finding = findingOfRule(
      runScenario('label-on-sa'),
      'pod-label-on-serviceaccount-only',
    );
    expect(finding.evidence.actual).toBe(
      'label on serviceaccount/orders-api only',
    );
    expect(finding.fix.text).toMatch(
      /kubectl -n orders label sa orders-api azure\.workload\.identity\/use-$/,
    );
  });
});
