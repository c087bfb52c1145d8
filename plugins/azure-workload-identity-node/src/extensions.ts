import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { ResourceTypeSpec } from '@backstage-community/plugin-azure-workload-identity-common';
import { ApprovalPolicy } from './approval/ApprovalPolicy';
import { ClusterCredentialProvider } from './clusters/ClusterCredentialProvider';
import { HealthRule } from './rules/rule';

/**
 * The interface for {@link azureWorkloadIdentityResourceTypesExtensionPoint}.
 *
 * @public
 */
export interface AzureWorkloadIdentityResourceTypesExtensionPoint {
  /**
   * Adds Azure resource types the request form offers and the role compiler knows: each
   * type's permissions, the operations each needs, the sub-resources a role can be scoped to,
   * and what read, write and manage mean there. Roles are chosen from the built-in role
   * catalogue. A type the plugin already knows is refused at start-up.
   */
  addResourceTypes(...types: ResourceTypeSpec[]): void;
}

/**
 * Resource types and their intent to permissions to role table.
 *
 * @public
 */
export const azureWorkloadIdentityResourceTypesExtensionPoint =
  createExtensionPoint<AzureWorkloadIdentityResourceTypesExtensionPoint>({
    id: 'azure-workload-identity.resource-types',
  });

/**
 * The interface for {@link azureWorkloadIdentityHealthRulesExtensionPoint}.
 *
 * @public
 */
export interface AzureWorkloadIdentityHealthRulesExtensionPoint {
  /**
   * Adds rules the identity card and the fleet scan run beside the built-in ones. Ids must be
   * new, and masks may name only rules the plugin knows; both are checked at start-up.
   */
  addHealthRules(...rules: HealthRule[]): void;
}

/**
 * Health rules over a component's inspected chain.
 *
 * @public
 */
export const azureWorkloadIdentityHealthRulesExtensionPoint =
  createExtensionPoint<AzureWorkloadIdentityHealthRulesExtensionPoint>({
    id: 'azure-workload-identity.health-rules',
  });

/**
 * The interface for {@link azureWorkloadIdentityApprovalPolicyExtensionPoint}.
 *
 * @public
 */
export interface AzureWorkloadIdentityApprovalPolicyExtensionPoint {
  /**
   * Adds a policy that runs after the built-in one, in the order added. It may add approval
   * reasons and refusals; none can take away what another decided.
   */
  addApprovalPolicy(policy: ApprovalPolicy): void;
}

/**
 * Whether a plan needs a person's approval.
 *
 * @public
 */
export const azureWorkloadIdentityApprovalPolicyExtensionPoint =
  createExtensionPoint<AzureWorkloadIdentityApprovalPolicyExtensionPoint>({
    id: 'azure-workload-identity.approval-policy',
  });

/**
 * The interface for {@link azureWorkloadIdentityClusterCredentialsExtensionPoint}.
 *
 * @public
 */
export interface AzureWorkloadIdentityClusterCredentialsExtensionPoint {
  /**
   * Adds a way to sign in to clusters, used where a cluster's `authProvider` is `name`. The
   * built-in names (`serviceAccount`, `azure`, `aks`) cannot be replaced.
   */
  addClusterCredentialProvider(
    name: string,
    provider: ClusterCredentialProvider,
  ): void;
}

/**
 * How the portal signs in to clusters' Kubernetes APIs.
 *
 * @public
 */
export const azureWorkloadIdentityClusterCredentialsExtensionPoint =
  createExtensionPoint<AzureWorkloadIdentityClusterCredentialsExtensionPoint>({
    id: 'azure-workload-identity.cluster-credentials',
  });
