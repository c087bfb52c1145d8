import { PrincipalNotFoundError } from '../../clients/ProvisioningClients';
import { EnsureRoleAssignmentStep } from '../../planning/Plan';
import { JsonObject } from '../../requests/types';
import { retryUntilDeadline } from '../retry';
import { roleAssignmentName } from '../roleAssignmentName';
import { identityOutputs, StepContext, StepFailedError } from './StepContext';

/**
 * Grants the role under a name derived from the grant itself, so a resumed step re-issues the
 * same PUT. A new identity's principal takes a while to reach Azure RBAC (PrincipalNotFound);
 * that is waited out with backoff up to a deadline.
 */
export async function applyRoleAssignmentStep(
  step: EnsureRoleAssignmentStep,
  context: StepContext,
): Promise<JsonObject> {
  if (step.action === 'adopt') return { adopted: true };
  const { azure, clock } = context.ports;
  const { timings } = context;
  const { principalId } = identityOutputs(context);
  const name = roleAssignmentName({
    scope: step.scope,
    roleId: step.roleId,
    principalId,
  });

  try {
    const outcome = await retryUntilDeadline({
      attempt: () =>
        azure.createRoleAssignment({
          scope: step.scope,
          name,
          roleId: step.roleId,
          principalId,
        }),
      retryable: error => error instanceof PrincipalNotFoundError,
      clock,
      deadlineMs: timings.principalDeadlineMs,
      initialDelayMs: timings.initialDelayMs,
      maxDelayMs: timings.maxDelayMs,
      onRetry: (_error, attempt) =>
        context.noteRetry({
          reason: 'the identity has not replicated to Azure RBAC yet',
          attempt,
        }),
    });
    return outcome.kind === 'created'
      ? { assignmentId: outcome.id, adopted: false }
      : { adopted: true, ...(outcome.id ? { assignmentId: outcome.id } : {}) };
  } catch (error) {
    if (error instanceof PrincipalNotFoundError) {
      throw new StepFailedError(
        `Azure RBAC still does not know principal ${principalId} after ${Math.round(
          timings.principalDeadlineMs / 1000,
        )}s; retry the request later`,
        'PrincipalNotFound',
      );
    }
    throw error;
  }
}
