import { InspectionSnapshot } from '../../snapshot';
import { baselineSnapshot } from '../baselineWorld';
import type { Staging } from '../twinStaging';
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
import { Scenario, ScenarioTable } from './types';

const TABLES: ScenarioTable[] = [
  clusterScenarios,
  webhookScenarios,
  podScenarios,
  serviceAccountScenarios,
  federationScenarios,
  federationHygieneScenarios,
  accessScenarios,
  roleAssignmentScenarios,
  resourceScenarios,
  lifecycleScenarios,
  identityScenarios,
  podShapeScenarios,
];

/** The one scenario table: every scenario by name, the baseline plus one change, on both sides. */
export const STAGED_SCENARIOS: ScenarioTable = Object.assign({}, ...TABLES);

const duplicated = TABLES.flatMap(Object.keys).filter(
  (name, index, all) => all.indexOf(name) !== index,
);
if (duplicated.length > 0) {
  throw new Error(`scenarios named twice: ${duplicated.join(', ')}`);
}

/** The snapshot side of each scenario, as the rules' own tests read it. */
export const SCENARIOS: Record<string, Scenario> = Object.fromEntries(
  Object.entries(STAGED_SCENARIOS).map(([name, s]) => [name, s.snapshot]),
);

/** The twin side of each scenario, as the live inspector's tests stage it. */
export const TWIN_SCENARIOS: Record<string, Staging> = Object.fromEntries(
  Object.entries(STAGED_SCENARIOS).map(([name, s]) => [name, s.twin]),
);

export function scenarioSnapshot(name: string): InspectionSnapshot {
  const change = SCENARIOS[name];
  if (!change) throw new Error(`no scenario named ${name}`);
  const snapshot = baselineSnapshot();
  change(snapshot);
  return snapshot;
}

export type { Scenario, ScenarioTable, StagedScenario } from './types';
