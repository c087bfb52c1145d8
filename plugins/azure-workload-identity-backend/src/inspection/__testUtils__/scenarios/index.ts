import { InspectionSnapshot } from '../../snapshot';
import { baselineSnapshot } from '../baselineWorld';
import { accessScenarios } from './access';
import { clusterScenarios } from './cluster';
import { federationScenarios } from './federation';
import { federationHygieneScenarios } from './federationHygiene';
import { podScenarios } from './pod';
import { resourceScenarios } from './resource';
import { roleAssignmentScenarios } from './roleassignment';
import { serviceAccountScenarios } from './serviceaccount';
import { webhookScenarios } from './webhook';
import { lifecycleScenarios } from './lifecycle';
import { identityScenarios } from './identity';
import { podShapeScenarios } from './podShape';
import { Scenario } from './types';

/** The scenarios this package stages, by name: the baseline plus one change each. */
export const SCENARIOS: Record<string, Scenario> = {
  ...clusterScenarios,
  ...webhookScenarios,
  ...podScenarios,
  ...serviceAccountScenarios,
  ...federationScenarios,
  ...federationHygieneScenarios,
  ...accessScenarios,
  ...roleAssignmentScenarios,
  ...resourceScenarios,
  ...lifecycleScenarios,
  ...identityScenarios,
  ...podShapeScenarios,
};

export function scenarioSnapshot(name: string): InspectionSnapshot {
  const change = SCENARIOS[name];
  if (!change) throw new Error(`no scenario named ${name}`);
  const snapshot = baselineSnapshot();
  change(snapshot);
  return snapshot;
}

export type { Scenario } from './types';
