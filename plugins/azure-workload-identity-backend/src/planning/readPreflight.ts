import {
  AccessRequestSpec,
  defaultIdentityName,
  parseResourceId,
} from '@backstage-community/plugin-azure-workload-identity-common';
import {
  ClusterFacts,
  FederatedCredentialFacts,
  IdentityFacts,
  NamespaceFacts,
  PreflightReader,
  RoleAssignmentFacts,
} from '../clients/PreflightReader';
import { PlanRefusal } from './Plan';

/** Where identities the portal creates live; from config, else beside the cluster. */
export interface IdentityPlacement {
  subscriptionId: string;
  resourceGroup: string;
  location?: string;
}

export interface IdentityTarget extends IdentityPlacement {
  name: string;
  resourceId: string;
  existing?: IdentityFacts;
  federatedCredentials: FederatedCredentialFacts[];
  roleAssignments: RoleAssignmentFacts[];
}

/** Everything the planner learned from live state, plus what blocks a plan. */
export interface PreflightSnapshot {
  cluster?: ClusterFacts & { issuerUrl: string };
  identity?: IdentityTarget;
  /** The namespace with its annotations; undefined when it does not exist. */
  namespace?: NamespaceFacts;
  refusals: PlanRefusal[];
}

const IDENTITY_PROVIDER = 'Microsoft.ManagedIdentity/userAssignedIdentities';

/**
 * Reads the live state a plan depends on, in parallel where the reads are independent, and
 * turns every blocking finding into a refusal naming the field to change.
 */
export async function readPreflight(options: {
  spec: AccessRequestSpec;
  reader: PreflightReader;
  identityPlacement?: IdentityPlacement;
}): Promise<PreflightSnapshot> {
  const { spec, reader } = options;
  const refusals: PlanRefusal[] = [];

  const [cluster, missingResources] = await Promise.all([
    reader.getCluster({ name: spec.cluster }),
    findMissingResources(spec, reader),
  ]);
  refusals.push(...missingResources);
  if (!cluster) {
    refusals.push({
      field: 'cluster',
      message: `AKS cluster '${spec.cluster}' is not known to the portal; pick one of the clusters offered, or ask the platform team to register it`,
    });
    return { refusals };
  }
  refusals.push(...clusterProblems(cluster));

  const placement = options.identityPlacement ?? {
    subscriptionId: cluster.subscriptionId,
    resourceGroup: cluster.resourceGroup,
    location: cluster.location,
  };
  const [namespace, identity] = await Promise.all([
    reader.getNamespace({
      cluster: spec.cluster,
      namespace: spec.namespace,
    }),
    readIdentity({ spec, reader, placement }),
  ]);
  if (!namespace) {
    refusals.push({
      field: 'namespace',
      message: `namespace '${spec.namespace}' does not exist in cluster '${spec.cluster}'; fix the name, or create the namespace first (the service account goes there)`,
    });
  }
  // A new identity goes into the configured resource group, which the platform team creates
  // once; without it, provisioning would fail after approval.
  if (
    !identity.existing &&
    !spec.identity?.resourceId &&
    options.identityPlacement &&
    !(await reader.resourceGroupExists({
      subscriptionId: placement.subscriptionId,
      resourceGroup: placement.resourceGroup,
    }))
  ) {
    refusals.push({
      field: 'identity',
      message: `the resource group '${
        placement.resourceGroup
      }' that holds new identities does not exist in subscription ${
        placement.subscriptionId
      }; the platform team creates it once: az group create --name ${
        placement.resourceGroup
      } --location ${placement.location ?? '<region>'} --subscription ${
        placement.subscriptionId
      }`,
    });
  }
  if (spec.identity?.resourceId && !identity.existing) {
    refusals.push({
      field: 'identity.resourceId',
      message: `no managed identity '${spec.identity.resourceId}' exists to reuse; fix the id, or name an identity to create instead (identity.name)`,
    });
  }

  const issuerUrl = cluster.issuerUrl;
  return {
    cluster:
      issuerUrl && refusals.length === 0
        ? { ...cluster, issuerUrl }
        : undefined,
    identity,
    namespace,
    refusals,
  };
}

function clusterProblems(cluster: ClusterFacts): PlanRefusal[] {
  const fix = `az aks update -g ${cluster.resourceGroup} -n ${cluster.name}`;
  const problems: PlanRefusal[] = [];
  if (!cluster.oidcIssuerEnabled) {
    problems.push({
      field: 'cluster',
      message: `AKS cluster '${cluster.name}' has no OIDC issuer, so Azure cannot trust its service-account tokens; ask the cluster's owners to run '${fix} --enable-oidc-issuer'`,
    });
  } else if (!cluster.issuerUrl) {
    problems.push({
      field: 'cluster',
      message: `AKS cluster '${cluster.name}' has the OIDC issuer enabled but reports no issuer URL yet; try again once the cluster update has finished`,
    });
  }
  if (!cluster.workloadIdentityEnabled) {
    problems.push({
      field: 'cluster',
      message: `AKS cluster '${cluster.name}' does not run the workload identity webhook, so pods would get no Azure token; ask the cluster's owners to run '${fix} --enable-workload-identity'`,
    });
  }
  return problems;
}

async function findMissingResources(
  spec: AccessRequestSpec,
  reader: PreflightReader,
): Promise<PlanRefusal[]> {
  const checks = await Promise.all(
    spec.resources.map(async (target, index) => ({
      index,
      target,
      exists: await reader.resourceExists({ resourceId: target.resourceId }),
    })),
  );
  return checks
    .filter(check => !check.exists)
    .map(({ index, target }) => ({
      field: `resources[${index}].resourceId`,
      message: `'${target.resourceId}' does not exist or the portal cannot see it; check the id (subscription, resource group and name)`,
    }));
}

async function readIdentity(options: {
  spec: AccessRequestSpec;
  reader: PreflightReader;
  placement: IdentityPlacement;
}): Promise<IdentityTarget> {
  const { spec, reader, placement } = options;
  const target = identityTarget(spec, placement);
  const existing = await reader.getIdentity({ resourceId: target.resourceId });
  if (!existing) {
    return { ...target, federatedCredentials: [], roleAssignments: [] };
  }
  const [federatedCredentials, roleAssignments] = await Promise.all([
    reader.listFederatedCredentials({
      identityResourceId: existing.resourceId,
    }),
    reader.listRoleAssignments({ principalId: existing.principalId }),
  ]);
  return { ...target, existing, federatedCredentials, roleAssignments };
}

function identityTarget(
  spec: AccessRequestSpec,
  placement: IdentityPlacement,
): IdentityPlacement & { name: string; resourceId: string } {
  const reuse = spec.identity?.resourceId;
  const parsed = reuse ? parseResourceId(reuse) : undefined;
  if (reuse && parsed) {
    return {
      name: parsed.resourceName,
      resourceId: reuse,
      subscriptionId: parsed.subscriptionId,
      resourceGroup: parsed.resourceGroup,
      location: placement.location,
    };
  }
  const name =
    spec.identity?.name ??
    defaultIdentityName({ entityRef: spec.entityRef, cluster: spec.cluster });
  return {
    ...placement,
    name,
    resourceId: `/subscriptions/${placement.subscriptionId}/resourceGroups/${placement.resourceGroup}/providers/${IDENTITY_PROVIDER}/${name}`,
  };
}
