export { runWorkload, podsOf } from './runWorkload';
export type {
  RunWorkloadOptions,
  Workload,
  WorkloadCredentialOptions,
} from './runWorkload';
