import { ruleTitle } from './ruleTitles';

describe('ruleTitle', () => {
  it('names a built-in rule in words, not by its id', () => {
    expect(ruleTitle('fic-subject-namespace-mismatch')).toBe(
      'The federated credential names another namespace',
    );
  });

  it('prefers the title a finding brings, for a rule an adopter added', () => {
    expect(ruleTitle('acme-tag-missing', 'The cost tag is missing')).toBe(
      'The cost tag is missing',
    );
  });

  it('reads an unknown id as words rather than showing the slug', () => {
    expect(ruleTitle('acme-tag-missing')).toBe('Acme tag missing');
  });
});
