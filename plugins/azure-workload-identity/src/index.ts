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
  AzureAccessPlanReviewFieldExtension,
  AzureClusterPickerFieldExtension,
  AzureNamespacePickerFieldExtension,
  AzureResourceAccessPickerFieldExtension,
} from './plugin';
export { isAzureWorkloadIdentityAvailable } from './components/IdentityCard/workloadRef';
export type { AccessTargetRow } from './components/RequestForm/validateAccessTargets';
