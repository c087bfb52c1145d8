import * as fs from 'fs';
import * as path from 'path';
import { BindingRule } from '../inspection/rule';
import { runScenario } from '../inspection/__testUtils__/runScenario';
import { SCENARIOS } from '../inspection/__testUtils__/scenarios';
import { HEALTH_RULES } from './index';
import {
  RULE_REFERENCE_COMMAND,
  RULE_REFERENCE_PATH,
  renderRuleReference,
  undocumented,
} from './ruleReference';

const committedPath = path.resolve(
  __dirname,
  '../../../..',
  RULE_REFERENCE_PATH,
);

const documented: BindingRule = {
  id: 'appconfig-local-auth-enabled',
  link: 'resource',
  scope: 'binding',
  reads: ['A6'],
  masks: [{ ruleId: 'ra-missing', sameObject: true }],
  severity: ['warning', 'info'],
  detects: 'The store still accepts access keys.',
  fix: 'Turns access keys off.',
  evaluate: () => [],
};

describe('the rule reference', () => {
  it(`is the committed ${RULE_REFERENCE_PATH}; when not, run ${RULE_REFERENCE_COMMAND}`, () => {
    const committed = fs.existsSync(committedPath)
      ? fs.readFileSync(committedPath, 'utf8')
      : '';
    const rendered = renderRuleReference(HEALTH_RULES);
    const lines = committed.split('\n');
    const at = rendered.split('\n').findIndex((l, n) => l !== lines[n]);
    const stale =
      committed === rendered
        ? undefined
        : `${RULE_REFERENCE_PATH} is stale (first difference at line ${
            at + 1
          }): run \`${RULE_REFERENCE_COMMAND}\` at the repository root and commit the result.`;
    expect(stale).toBeUndefined();
  });

  it('documents every built-in rule: severity, what it detects and what its fix does', () => {
    expect(HEALTH_RULES.map(undocumented).filter(Boolean)).toEqual([]);
  });

  it("prints a rule's title, severities, reads with their descriptions and masks", () => {
    const text = renderRuleReference([documented]);
    expect(text).toContain('## Resource');
    expect(text).toContain('### `appconfig-local-auth-enabled`');
    expect(text).toContain('- **Title:** Appconfig local auth enabled');
    expect(text).toContain('- **Severity:** warning or info');
    expect(text).toContain(
      '- **Detects:** The store still accepts access keys.',
    );
    expect(text).toContain('- **Fix:** Turns access keys off.');
    expect(text).toContain('  - `A6`: the resources the component uses');
    expect(text).toContain('- **Masks:** `ra-missing` (about the same object)');
    expect(text).not.toContain('## Cluster');
  });

  it('refuses a rule that does not say what it detects, naming the rule', () => {
    const { detects, ...silent } = documented;
    expect(() => renderRuleReference([silent as BindingRule])).toThrow(
      'health rule appconfig-local-auth-enabled lacks detects',
    );
  });

  it('declares the severity of every finding the rules make in the staged scenarios', () => {
    // runScenario fails on a finding whose severity its rule does not declare.
    for (const name of Object.keys(SCENARIOS)) {
      expect(() => runScenario(name)).not.toThrow();
    }
  });
});
