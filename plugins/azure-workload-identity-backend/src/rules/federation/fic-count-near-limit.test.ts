import { fics } from '../../inspection/__testUtils__/access';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { W } from '../../inspection/__testUtils__/world';

const where = `--resource-group rg-apps --subscription ${W.sub}`;

describe('fic-count-near-limit', () => {
  it('fic-19-of-20: info, one left', () => {
    const outcome = runScenario('fic-19-of-20');
    expect(outcome.visible).toEqual(['fic-count-near-limit']);
    expect(outcome.masked).toEqual([]);
    const finding = findingOfRule(outcome, 'fic-count-near-limit');
    expect(finding.severity).toBe('info');
    expect(finding.message).toBe(
      'wi-orders has 19 of at most 20 federated credentials; 1 left.',
    );
    expect(finding.evidence).toEqual({
      expected: '< 16 FICs',
      actual: '19/20',
    });
    // Which credentials are unused is not known here: the list comes first, on its own line.
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: [
        `az identity federated-credential list --identity-name wi-orders ${where} -o table`,
        `az identity federated-credential delete --name <fic> --identity-name wi-orders ${where} --yes`,
      ].join('\n'),
      note: 'The first command lists the credentials. Replace <fic> with the name of one that no cluster or namespace uses any more, and run the second command for each of them. Or split the identity, one per cluster, so each stays under the limit.',
    });
  });

  it('fic-20-of-20: warning, nothing can be added', () => {
    const outcome = runScenario('fic-20-of-20');
    expect(outcome.visible).toEqual(['fic-count-near-limit']);
    expect(outcome.masked).toEqual([]);
    const finding = findingOfRule(outcome, 'fic-count-near-limit');
    expect(finding.severity).toBe('warning');
    expect(finding.message).toContain(
      'no new cluster or namespace can be added',
    );
  });

  it('stays silent at 15 FICs, one below the threshold (healthy/boundaries)', () => {
    const snapshot = scenarioSnapshot('fic-19-of-20');
    fics(snapshot).splice(15);
    expect(runScenario(snapshot).findings).toEqual([]);
    fics(snapshot).push(fics(scenarioSnapshot('fic-19-of-20'))[15]);
    expect(runScenario(snapshot).visible).toEqual(['fic-count-near-limit']);
  });
});
