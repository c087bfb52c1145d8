import { ConcurrentFederatedCredentialWriteError } from '../../clients/ProvisioningClients';
import { EnsureFederatedCredentialStep } from '../../planning/Plan';
import { JsonObject } from '../../requests/types';
import { retryUntilDeadline } from '../retry';
import { identityOutputs, StepContext } from './StepContext';

/**
 * Writes the federated credential holding the identity's lock, so requests adding
 * credentials to one identity take turns instead of colliding. A 409 can still come from a
 * writer outside the portal (a script, the portal of another team); it is retried.
 */
export async function applyFederatedCredentialStep(
  step: EnsureFederatedCredentialStep,
  context: StepContext,
): Promise<JsonObject> {
  if (step.action === 'adopt') return { written: false };
  const { azure, locks, clock } = context.ports;
  const { timings } = context;
  const identityResourceId = identityOutputs(context).resourceId;

  await locks.withLock(
    {
      identityResourceId,
      owner: context.lockOwner,
      waitMs: timings.identityLockWaitMs,
    },
    () =>
      retryUntilDeadline({
        attempt: () =>
          azure.putFederatedCredential({
            identityResourceId,
            name: step.name,
            issuer: step.issuer,
            subject: step.subject,
            audiences: [step.audience],
          }),
        retryable: error =>
          error instanceof ConcurrentFederatedCredentialWriteError,
        clock,
        deadlineMs: timings.identityLockWaitMs,
        initialDelayMs: timings.initialDelayMs,
        maxDelayMs: timings.maxDelayMs,
        onRetry: (_error, attempt) =>
          context.noteRetry({
            reason: 'another write to the identity is in progress',
            attempt,
          }),
      }),
  );
  return { written: true };
}
