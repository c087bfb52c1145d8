/**
 * Backend plugin for Azure Workload Identity on AKS.
 *
 * @packageDocumentation
 */
export { azureWorkloadIdentityPlugin as default } from './plugin';
export { readApproverGroup } from './config/readApproverGroup';
export {
  accessRequestConditions,
  createAccessRequestConditionalDecision,
  accessRequestResourceRef,
} from './permissions/requestRules';
export type {
  AccessRequestResource,
  AccessRequestRuleParams,
} from './permissions/requestRules';
