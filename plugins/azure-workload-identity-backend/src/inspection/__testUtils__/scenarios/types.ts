import { InspectionSnapshot } from '../../snapshot';

/** One change to the baseline world, named for what it breaks. */
export type Scenario = (snapshot: InspectionSnapshot) => void;
