/**
 * Frontend for Azure Workload Identity on AKS: the identity card on component pages, the
 * approvals and request pages, and the fields of the "Request Azure access" template.
 *
 * These are the legacy (`@backstage/core-plugin-api`) exports most apps use today; the new
 * frontend system's plugin is the default export of `/alpha`.
 *
 * @packageDocumentation
 */
export {
  azureWorkloadIdentityPlugin,
  approvalsRouteRef,
  AzureAccessApprovalsPage,
  AzureAccessInventoryPage,
  inventoryRouteRef,
  AzureAccessRequestPage,
  requestRouteRef,
  EntityAzureWorkloadIdentityCard,
  EntityAzureAccessSummaryCard,
  EntityAzureAccessContent,
  AzureAccessPlanReviewFieldExtension,
  AzureClusterPickerFieldExtension,
  AzureNamespacePickerFieldExtension,
  AzureResourceAccessPickerFieldExtension,
} from './plugin';
export {
  azureWorkloadIdentityApiRef,
  AzureWorkloadIdentityApiError,
  AzureWorkloadIdentityClient,
} from './api';
export type {
  AzureWorkloadIdentityApi,
  ChainAnswer,
  PlanAnswer,
  RequestPage,
  RequestQuery,
} from './api';
export { isAzureWorkloadIdentityAvailable } from './components/IdentityCard/workloadRef';
export type { AccessTargetRow } from './components/RequestForm/validateAccessTargets';
