import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('identity-shared-blast-radius', () => {
  it('identity-shared-3-components: the one finding', () => {
    const outcome = runScenario('identity-shared-3-components');
    expect(outcome.visible).toEqual(['identity-shared-blast-radius']);
    expect(outcome.masked).toEqual([]);
  });

  it('names the components and what they all hold', () => {
    const finding = findingOfRule(
      runScenario('identity-shared-3-components'),
      'identity-shared-blast-radius',
    );
    expect(finding.message).toBe(
      'wi-orders is shared by 3 components (orders-api, billing-worker, audit-exporter). A compromise of any of them exposes all of its roles (Storage Blob Data Reader, Key Vault Secrets User).',
    );
    expect(finding.evidence).toEqual({
      expected: '≤ 1 component',
      actual: '3: orders-api, billing-worker, audit-exporter',
    });
  });

  it('allows as many components as configured', () => {
    expect(
      runScenario('identity-shared-3-components', {
        maxComponentsPerIdentity: 3,
      }).visible,
    ).toEqual([]);
  });
});
