import { ruleTitle } from '@backstage-community/plugin-azure-workload-identity-common';
import { CATALOGUE_RULE_IDS } from '../rules/catalogue';
import { runScenario } from './__testUtils__/runScenario';
import { ACCESS_REVOKED_STILL_USED } from './revokedAccess';

describe('finding titles', () => {
  it('gives every built-in rule a title in words, not its id read aloud', () => {
    for (const id of [...CATALOGUE_RULE_IDS, ACCESS_REVOKED_STILL_USED]) {
      const asWords = id.replace(/-/g, ' ');
      expect([id, ruleTitle(id).toLowerCase()]).not.toEqual([id, asWords]);
    }
  });

  it('puts the title on every finding the engine returns, masked ones too', () => {
    const outcome = runScenario('fic-subject-ns-typo');
    expect(outcome.findings.map(f => [f.ruleId, f.title])).toEqual(
      expect.arrayContaining([
        [
          'fic-subject-namespace-mismatch',
          'The federated credential names another namespace',
        ],
        ['token-subject-rejected', "Entra ID refused the token's subject"],
      ]),
    );
  });
});
