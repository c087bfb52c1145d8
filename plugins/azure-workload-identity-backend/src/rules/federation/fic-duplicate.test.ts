import { fics } from '../../inspection/__testUtils__/access';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('fic-duplicate', () => {
  it('fic-duplicate-slash: the dead slash-less copy is reported, its unknown issuer masked', () => {
    const outcome = runScenario('fic-duplicate-slash');
    expect(outcome.visible).toEqual(['fic-duplicate']);
    expect(outcome.masked).toEqual(['fic-unknown-issuer']);
    const finding = findingOfRule(outcome, 'fic-duplicate');
    expect(finding.message).toBe(
      'orders-api-noslash duplicates orders-api except for the trailing slash of the issuer; only one can match.',
    );
    expect(finding.fix.text).toBe(
      'az identity federated-credential delete --name orders-api-noslash --identity-name wi-orders --resource-group rg-apps --subscription 00000000-0000-0000-0000-000000000001 --yes',
    );
  });

  it('names a case-only copy of the subject', () => {
    const snapshot = scenarioSnapshot('fic-duplicate-slash');
    const copy = fics(snapshot)[1];
    copy.properties.issuer = fics(snapshot)[0].properties.issuer;
    copy.properties.subject = 'system:serviceaccount:orders:Orders-API';
    const finding = findingOfRule(runScenario(snapshot), 'fic-duplicate');
    expect(finding.message).toContain('except for the case of the subject');
  });
});
