import { WorkloadRef } from './workloadRef';

/** Where the scaffolder serves the "Request Azure access" template in a standard app. */
export const REQUEST_TEMPLATE_PATH =
  '/create/templates/default/request-azure-access';

/**
 * The template's link for this component, with what the catalog already knows filled in: the
 * component, its namespace, and its Kubernetes id as the likely service account name.
 */
export function requestTemplateLink(
  entityRef: string,
  workload: WorkloadRef,
): string {
  const formData: Record<string, string> = { entityRef };
  if (workload.namespace) formData.namespace = workload.namespace;
  if (workload.kubernetesId)
    formData.serviceAccountName = workload.kubernetesId;
  return `${REQUEST_TEMPLATE_PATH}?formData=${encodeURIComponent(
    JSON.stringify(formData),
  )}`;
}
