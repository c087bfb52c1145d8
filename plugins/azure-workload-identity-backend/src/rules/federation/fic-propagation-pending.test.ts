import { binding } from '../../inspection/__testUtils__/access';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { NOW } from '../../inspection/__testUtils__/world';

describe('fic-propagation-pending', () => {
  it('fic-just-created: explains the AADSTS70021 of a FIC written 30 s ago', () => {
    const outcome = runScenario('fic-just-created');
    expect(outcome.visible).toEqual(['fic-propagation-pending']);
    expect(outcome.masked).toEqual(['token-no-matching-fic']);
    const finding = findingOfRule(outcome, 'fic-propagation-pending');
    expect(finding.state).toBe('pending');
    expect(finding.evidence.actual).toBe(
      'created 30 s ago; probe: AADSTS70021',
    );
    expect(finding.fix).toEqual({
      kind: 'none',
      text: 'None; the card refreshes after 2026-06-01T10:04:30.000Z.',
      owner: 'component',
    });
    expect(finding.confirmedBy).toEqual({
      ruleId: 'token-no-matching-fic',
      code: 'AADSTS70021',
    });
  });

  it('is silent once the probe succeeded, and after the window', () => {
    const snapshot = scenarioSnapshot('fic-just-created');
    binding(snapshot).probe = {
      status: 'ok',
      value: { status: 'succeeded', at: NOW.toISOString() },
    };
    expect(runScenario(snapshot).findings).toEqual([]);
    expect(
      runScenario('fic-just-created', { ficPropagationMinutes: 0.5 }).visible,
    ).toEqual(['token-no-matching-fic']);
  });
});
