import {
  AccessRequestWithEvents,
  EnsureFederatedCredentialStep,
  EnsureRoleAssignmentStep,
  RequestStatus,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { identityStepOf } from '../../planning/identityStepOf';
import { RequestRecordFacts } from '../snapshot';

const STATUS: Partial<Record<RequestStatus, RequestRecordFacts['status']>> = {
  'pending-approval': 'pending',
  approved: 'approved',
  applying: 'approved',
  active: 'active',
  rejected: 'rejected',
  revoking: 'revoked',
  revoked: 'revoked',
  failed: 'failed',
};

/**
 * A stored request in the rules' terms (read `O3`): what its plan names, with the client and
 * principal id the provisioner recorded when it applied the identity. Cancelled requests
 * never touched anything and are left out.
 */
export function requestFactsOf(
  request: AccessRequestWithEvents,
): RequestRecordFacts | undefined {
  const status = STATUS[request.status];
  const steps = request.plan?.steps ?? [];
  const identityStep = identityStepOf(request.plan);
  if (!status || !identityStep) return undefined;
  const applied = (stepId: string) =>
    request.events.find(
      e => e.type === 'step-applied' && e.detail?.step === stepId,
    );
  const identityApplied = applied(identityStep.id)?.detail ?? {};
  const fic = steps.find(
    (s): s is EnsureFederatedCredentialStep =>
      s.kind === 'ensure-federated-credential',
  );
  const assignments = steps.filter(
    (s): s is EnsureRoleAssignmentStep => s.kind === 'ensure-role-assignment',
  );
  const completed = request.events.find(e => e.type === 'apply-completed');
  const keptAtRevoke = (stepId: string) =>
    request.events.some(
      e => e.type === 'teardown-kept' && e.detail?.step === stepId,
    );
  return {
    id: request.id,
    status,
    cluster: request.cluster,
    namespace: request.namespace,
    serviceAccountName: request.serviceAccountName,
    identity: {
      resourceId: identityStep.resourceId,
      name: identityStep.name,
      clientId: stringOf(identityApplied.clientId),
      principalId: stringOf(identityApplied.principalId),
    },
    ...(fic
      ? {
          federatedCredential: {
            name: fic.name,
            issuer: fic.issuer,
            subject: fic.subject,
            audiences: [fic.audience],
            appliedAt: applied(fic.id)?.createdAt,
          },
        }
      : {}),
    roleAssignments: assignments.map(a => ({
      roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${a.roleId}`,
      scope: a.scope,
      appliedAt: applied(a.id)?.createdAt,
      ...(keptAtRevoke(a.id) ? { keptAtRevoke: true } : {}),
    })),
    targets: request.spec.resources.map(r => ({
      resourceId: r.resourceId,
      intent: r.intent ?? 'read',
    })),
    appliedAt: completed?.createdAt,
    expiresAt: request.expiresAt,
    planHash: request.planHash,
  };
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
