import { InspectionSnapshot } from '../../snapshot';
import type { Staging } from '../twinStaging';

/** One change to the baseline snapshot, named for what it breaks. */
export type Scenario = (snapshot: InspectionSnapshot) => void;

/**
 * One scenario on both sides of the baseline world: the snapshot the rules read, and the
 * change to the demo twin that makes the live inspector read the same findings (which
 * `scenarios.sandbox.test.ts` holds them to).
 */
export interface StagedScenario {
  /** What the inspector reads when the world is broken this way. */
  snapshot: Scenario;
  /** The change to the demo world's twin that breaks it this way. */
  twin: Staging;
}

export type ScenarioTable = Record<string, StagedScenario>;
