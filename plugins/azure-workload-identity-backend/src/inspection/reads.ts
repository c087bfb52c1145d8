// The inspection model lives in the -node package, so adopters' rules read the same types.
export type {
  ReadId,
  Read,
  ReadFailure,
  ReadInfo,
} from '@backstage-community/plugin-azure-workload-identity-node';
export {
  READ_IDS,
  isReadFailure,
  valueOf,
  READS,
} from '@backstage-community/plugin-azure-workload-identity-node';
