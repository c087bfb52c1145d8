import {
  AccessRequestSpec,
  CompiledAssignment,
  parseEntityRefParts,
  TOKEN_EXCHANGE_AUDIENCE,
  WORKLOAD_IDENTITY_ANNOTATIONS,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { RoleAssignmentFacts } from '../clients/PreflightReader';
import {
  EnsureRoleAssignmentStep,
  PlanStep,
  StepAction,
  StepOutputRef,
} from './Plan';
import { IdentityTarget } from './readPreflight';

export const MANAGED_BY = 'backstage-azure-workload-identity';
export const ENTITY_REF_ANNOTATION =
  'azure-workload-identity.backstage.io/entity-ref';
const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/**
 * Lays out the steps in the order the chain must be built: the identity first (everything
 * else names it), then the credential that trusts the cluster, the roles, the service account
 * that points pods at the identity, and a verification that the whole chain works.
 */
export function buildSteps(options: {
  spec: AccessRequestSpec;
  issuer: string;
  subject: string;
  identity: IdentityTarget;
  federatedCredential: { action: StepAction; name: string; why: string };
  assignments: CompiledAssignment[];
  tenantId?: string;
}): PlanStep[] {
  const { spec, identity, issuer, subject } = options;
  const fromIdentity = (output: StepOutputRef['output']): StepOutputRef => ({
    fromStep: 'identity',
    output,
  });

  return [
    {
      id: 'identity',
      kind: 'ensure-identity',
      action: identity.existing ? 'adopt' : 'create',
      name: identity.name,
      resourceId: identity.existing?.resourceId ?? identity.resourceId,
      subscriptionId: identity.subscriptionId,
      resourceGroup: identity.resourceGroup,
      location: identity.existing ? undefined : identity.location,
      tags: {
        'backstage-entity-ref': spec.entityRef,
        'managed-by': MANAGED_BY,
      },
      why: identity.existing
        ? `Managed identity '${identity.name}' already exists; it is reused instead of creating a duplicate.`
        : `Creates managed identity '${identity.name}' for ${spec.entityRef} on cluster ${spec.cluster}: one identity per component and cluster keeps each workload's access separate.`,
    },
    {
      id: 'federated-credential',
      kind: 'ensure-federated-credential',
      action: options.federatedCredential.action,
      identityResourceId: identity.existing?.resourceId ?? identity.resourceId,
      name: options.federatedCredential.name,
      issuer,
      subject,
      audience: TOKEN_EXCHANGE_AUDIENCE,
      why: options.federatedCredential.why,
    },
    ...options.assignments.map((assignment, index) =>
      roleAssignmentStep(assignment, index, identity.roleAssignments),
    ),
    {
      id: 'service-account',
      kind: 'ensure-service-account',
      cluster: spec.cluster,
      namespace: spec.namespace,
      name: spec.serviceAccountName,
      annotations: {
        [WORKLOAD_IDENTITY_ANNOTATIONS.clientId]: fromIdentity('clientId'),
        [WORKLOAD_IDENTITY_ANNOTATIONS.tenantId]:
          options.tenantId ?? fromIdentity('tenantId'),
        [ENTITY_REF_ANNOTATION]: spec.entityRef,
      },
      labels: ownershipLabels(spec.entityRef),
      why: `The workload identity webhook reads the client-id and tenant-id annotations to give pods using service account ${spec.serviceAccountName} the identity's Azure token; the client id is the identity's, filled in when it is known. The labels record who owns the account.`,
    },
    {
      id: 'verify',
      kind: 'verify',
      cluster: spec.cluster,
      namespace: spec.namespace,
      serviceAccountName: spec.serviceAccountName,
      issuer,
      audience: TOKEN_EXCHANGE_AUDIENCE,
      why: 'Requests a token for the service account and exchanges it at Entra ID, so the request only becomes active once the whole chain demonstrably works.',
    },
  ];
}

function roleAssignmentStep(
  assignment: CompiledAssignment,
  index: number,
  held: RoleAssignmentFacts[],
): EnsureRoleAssignmentStep {
  const adopted = held.some(
    existing =>
      existing.roleId.toLowerCase() === assignment.roleId.toLowerCase() &&
      normalizeScope(existing.scope) === normalizeScope(assignment.scope),
  );
  const grants = assignment.grants.length
    ? assignment.grants.join(', ')
    : 'what the role allows';
  return {
    id: `role-assignment-${index + 1}`,
    kind: 'ensure-role-assignment',
    action: adopted ? 'adopt' : 'create',
    roleName: assignment.roleName,
    roleId: assignment.roleId,
    scope: assignment.scope,
    privileged: assignment.privileged,
    why: adopted
      ? `The identity already holds ${assignment.roleName} on this scope; it is kept as it is.`
      : `Lets the workload ${grants} on ${assignment.scope}${
          assignment.privileged
            ? `; ${assignment.roleName} was named explicitly and is privileged`
            : `; ${assignment.roleName} is the least-privileged built-in role that does`
        }.`,
  };
}

function normalizeScope(scope: string): string {
  return scope.replace(/\/+$/, '').toLowerCase();
}

// Label values cannot hold an entity ref's ':' and '/', so the ref itself goes in an annotation
// and the label carries the Kubernetes plugin's id convention when the name fits.
function ownershipLabels(entityRef: string): Record<string, string> {
  const labels: Record<string, string> = {
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
  const { name } = parseEntityRefParts(entityRef);
  if (name.length <= 63 && LABEL_VALUE.test(name)) {
    labels[KUBERNETES_ID_LABEL] = name;
  }
  return labels;
}
