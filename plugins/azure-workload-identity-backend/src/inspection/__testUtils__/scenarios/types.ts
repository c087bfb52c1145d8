import { InspectionSnapshot } from '../../snapshot';

/** One change to the baseline world, named as in health-rules §5. */
export type Scenario = (snapshot: InspectionSnapshot) => void;
