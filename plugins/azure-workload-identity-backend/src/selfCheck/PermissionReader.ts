import { AzurePermission } from './azureActionMatch';
import { KubernetesNeed } from './requiredPermissions';

/** The resource group asked about does not exist (ARM's ResourceGroupNotFound). */
export class ResourceGroupMissingError extends Error {
  readonly name = 'ResourceGroupMissingError';
}

/** Which of the portal's Kubernetes credentials of a cluster to ask as. */
export type KubernetesRole = 'reader' | 'provisioner';

/** What the self-check reads about the portal's own rights, in our terms. */
export interface PermissionReader {
  /** The portal's principal, from the token Entra ID issues it for ARM. */
  azurePrincipal(): Promise<{ objectId?: string; appId?: string }>;
  /**
   * ARM's "permissions" answer for the caller on a resource group; ResourceGroupMissingError
   * when there is no such group.
   */
  azurePermissions(options: {
    subscriptionId: string;
    resourceGroup: string;
  }): Promise<AzurePermission[]>;
  /** Who the cluster takes the credential for (SelfSubjectReview). */
  kubernetesUser(options: {
    cluster: string;
    role: KubernetesRole;
  }): Promise<string>;
  /** A SelfSubjectAccessReview of one permission. */
  kubernetesAllows(options: {
    cluster: string;
    role: KubernetesRole;
    need: KubernetesNeed;
  }): Promise<boolean>;
}
