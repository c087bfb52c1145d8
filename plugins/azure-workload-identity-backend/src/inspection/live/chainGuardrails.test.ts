import { baselineBinding } from '../__testUtils__/baselineBinding';
import { baselineCluster } from '../__testUtils__/baselineCluster';
import { baselineSnapshot } from '../__testUtils__/baselineWorld';
import { currentGuardrails } from '../__testUtils__/guardrails';
import { ClusterSnapshot } from '../snapshot';
import { chainGuardrails } from './chainGuardrails';

function dev(guardrails: ClusterSnapshot['guardrails']): ClusterSnapshot {
  return { ...baselineCluster(), name: 'aks-dev', guardrails };
}

describe('chainGuardrails', () => {
  it("gives each bound cluster's mode and state, in the order first bound", () => {
    const snapshot = baselineSnapshot();
    snapshot.clusters[0].guardrails = {
      mode: 'deny',
      installed: {
        status: 'ok',
        value: { ...currentGuardrails(), state: 'outdated' },
      },
    };
    snapshot.clusters.push(
      dev({
        mode: 'off',
        installed: { status: 'not-found', reason: 'guardrails are off' },
      }),
    );
    snapshot.bindings.unshift({ ...baselineBinding(), cluster: 'aks-dev' });
    expect(chainGuardrails(snapshot)).toEqual([
      { cluster: 'aks-dev', mode: 'off', state: 'off' },
      { cluster: 'aks-prod', mode: 'deny', state: 'outdated' },
    ]);
  });

  it('says unknown where the guardrails could not be read', () => {
    const snapshot = baselineSnapshot();
    snapshot.clusters[0].guardrails = {
      mode: 'audit',
      installed: { status: 'forbidden', reason: 'forbidden', httpStatus: 403 },
    };
    expect(chainGuardrails(snapshot)).toEqual([
      { cluster: 'aks-prod', mode: 'audit', state: 'unknown' },
    ]);
  });

  it('leaves out clusters the component has no binding on, and is absent when none was read', () => {
    const snapshot = baselineSnapshot();
    snapshot.clusters.push(
      dev({
        mode: 'deny',
        installed: { status: 'ok', value: currentGuardrails() },
      }),
    );
    expect(chainGuardrails(snapshot)).toBeUndefined();
  });
});
