import { Entity } from '@backstage/catalog-model';
import { KUBERNETES_ANNOTATIONS } from '@backstage-community/plugin-azure-workload-identity-common';

/** Which workloads of the cluster belong to an entity, by the Kubernetes plugin's conventions. */
export interface WorkloadRef {
  kubernetesId?: string;
  labelSelector?: string;
  namespace?: string;
}

export function workloadRefOf(entity: Entity): WorkloadRef {
  const annotations = entity.metadata.annotations ?? {};
  return {
    kubernetesId: annotations[KUBERNETES_ANNOTATIONS.id],
    labelSelector: annotations[KUBERNETES_ANNOTATIONS.labelSelector],
    namespace: annotations[KUBERNETES_ANNOTATIONS.namespace],
  };
}

/**
 * True when the entity names its workloads, so the card has something to inspect.
 *
 * @public
 */
export function isAzureWorkloadIdentityAvailable(entity: Entity): boolean {
  const ref = workloadRefOf(entity);
  return Boolean(ref.kubernetesId || ref.labelSelector);
}
