import { HEALTH_RULES } from '../../rules';
import { HealthRulesConfig } from '../config';
import { inspect, InspectionResult } from '../engine';
import { InspectionSnapshot } from '../snapshot';
import { scenarioSnapshot } from './scenarios';
import { NOW } from './world';

export interface ScenarioOutcome extends InspectionResult {
  /** Sorted, unique rule ids of the visible findings. */
  visible: string[];
  /** Sorted, unique rule ids of the masked findings. */
  masked: string[];
}

const ids = (list: { ruleId: string }[]) =>
  [...new Set(list.map(f => f.ruleId))].sort();

/** Runs the whole rule list over a scenario of `SCENARIOS` (by name) or a snapshot built by a test. */
export function runScenario(
  scenario: string | InspectionSnapshot,
  config?: Partial<HealthRulesConfig>,
): ScenarioOutcome {
  const snapshot =
    typeof scenario === 'string' ? scenarioSnapshot(scenario) : scenario;
  const result = inspect({ snapshot, rules: HEALTH_RULES, config, now: NOW });
  checkDeclaredSeverities(result.findings);
  return {
    ...result,
    visible: ids(result.findings.filter(f => !f.maskedBy)),
    masked: ids(result.findings.filter(f => f.maskedBy)),
  };
}

/**
 * The rule reference prints each rule's declared severity, so every rule test also checks that
 * the findings it makes carry one of them.
 */
function checkDeclaredSeverities(findings: InspectionResult['findings']) {
  for (const finding of findings) {
    const rule = HEALTH_RULES.find(r => r.id === finding.ruleId);
    const declared = rule?.severity === undefined ? [] : [rule.severity].flat();
    if (rule && !declared.includes(finding.severity)) {
      throw new Error(
        `${rule.id} made a finding of severity ${
          finding.severity
        }, but declares ${declared.join(', ') || 'none'}: correct its severity`,
      );
    }
  }
}

/** The one finding of a rule in an outcome (visible or masked); fails when there is not exactly one. */
export function findingOfRule(outcome: ScenarioOutcome, ruleId: string) {
  const found = outcome.findings.filter(f => f.ruleId === ruleId);
  if (found.length !== 1) {
    throw new Error(
      `expected one ${ruleId} finding, got ${found.length}: ${JSON.stringify(
        outcome.findings.map(f => f.ruleId),
      )}`,
    );
  }
  return found[0];
}
