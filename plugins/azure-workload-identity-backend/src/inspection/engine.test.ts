import { Finding } from '@backstage-community/plugin-azure-workload-identity-common';
import { inspect } from './engine';
import { binding, cluster } from './__testUtils__/access';
import { baselineSnapshot } from './__testUtils__/baselineWorld';
import { runScenario } from './__testUtils__/runScenario';
import { NOW } from './__testUtils__/world';
import { BindingRule } from './rule';

describe('inspect', () => {
  it('finds nothing at all, visible or masked, in the healthy baseline', () => {
    const outcome = runScenario(baselineSnapshot());
    expect(outcome.findings).toEqual([]);
    expect(Object.values(outcome.links).every(state => state === 'ok')).toBe(
      true,
    );
  });

  it('gives a workload that does not use workload identity no findings', () => {
    const snapshot = baselineSnapshot();
    snapshot.requests = { status: 'ok', value: [] };
    const b = binding(snapshot);
    if (b.workload.status === 'ok')
      delete b.workload.value.template.metadata.labels![
        'azure.workload.identity/use'
      ];
    b.pods = { status: 'ok', value: [] };
    const sa = cluster(snapshot).serviceAccounts.orders;
    if (sa.status === 'ok')
      sa.value.forEach(a => delete a.metadata.annotations);
    b.federatedCredentials = { status: 'ok', value: [] };
    expect(runScenario(snapshot).findings).toEqual([]);
  });

  it('turns a throwing rule into an unknown finding that names the rule', () => {
    const throwing: BindingRule = {
      id: 'fic-missing',
      link: 'federation',
      scope: 'binding',
      reads: [],
      masks: [],
      evaluate: () => {
        throw new Error('boom');
      },
    };
    const result = inspect({
      snapshot: baselineSnapshot(),
      rules: [throwing],
      now: NOW,
    });
    expect(result.findings).toMatchObject([
      {
        ruleId: 'fic-missing',
        state: 'unknown',
        evidence: { actual: 'Error: boom' },
      },
    ]);
    expect(result.links.federation).toBe('unknown');
  });

  it('masks transitively and names the root cause in maskedBy', () => {
    const fire = (id: string, masks: string[]): BindingRule => ({
      id,
      link: 'pod',
      scope: 'binding',
      reads: [],
      masks,
      evaluate: () => [
        {
          ruleId: id,
          link: 'pod',
          severity: 'error',
          state: 'broken',
          message: id,
          evidence: { expected: '', actual: '' },
          fix: { kind: 'none', text: '', owner: 'component' },
        } as Finding,
      ],
    });
    const result = inspect({
      snapshot: baselineSnapshot(),
      rules: [
        fire('pod-not-mutated', ['pod-token-volume-missing']),
        fire('pod-label-missing', ['pod-not-mutated']),
        fire('pod-token-volume-missing', []),
      ],
      now: NOW,
    });
    expect(result.findings.map(f => [f.ruleId, f.maskedBy])).toEqual([
      ['pod-label-missing', undefined],
      ['pod-not-mutated', 'pod-label-missing'],
      ['pod-token-volume-missing', 'pod-label-missing'],
    ]);
  });
});
