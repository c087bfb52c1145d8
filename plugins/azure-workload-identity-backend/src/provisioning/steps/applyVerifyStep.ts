import { TokenExchangeOutcome } from '../../clients/ProvisioningClients';
import { VerifyStep } from '../../planning/Plan';
import { JsonObject } from '../../requests/types';
import { retryUntilDeadline } from '../retry';
import { identityOutputs, StepContext, StepFailedError } from './StepContext';

class ExchangeNotYetAccepted extends Error {
  constructor(readonly outcome: Extract<TokenExchangeOutcome, { ok: false }>) {
    super(outcome.message);
  }
}

/**
 * Proves the chain works: a token for the service account, exchanged at Entra ID for the
 * identity's, as the workload will. A new federated credential takes a while to be honoured,
 * so refusals are retried until the deadline; the last refusal is what the request reports.
 * A cluster in manifest mode has no service account yet, so there is nothing to prove.
 */
export async function applyVerifyStep(
  step: VerifyStep,
  context: StepContext,
): Promise<JsonObject> {
  const serviceAccount = context.outputs.get('service-account');
  if (serviceAccount?.mode === 'manifest') {
    return {
      verified: false,
      deferred:
        'the service account is applied through GitOps; the identity card probes the chain once it exists',
    };
  }
  const identity = identityOutputs(context);
  const tenantId = identity.tenantId ?? context.ports.tenantId;
  if (!tenantId) {
    throw new StepFailedError(
      'the tenant of the identity is unknown: set azureWorkloadIdentity.azure.tenantId',
    );
  }
  const { timings } = context;
  let lastCode: string | undefined;
  try {
    await retryUntilDeadline({
      attempt: async () => {
        const outcome = await context.ports.probe.exchange({
          cluster: step.cluster,
          namespace: step.namespace,
          serviceAccountName: step.serviceAccountName,
          audience: step.audience,
          tenantId,
          clientId: identity.clientId,
        });
        if (!outcome.ok) throw new ExchangeNotYetAccepted(outcome);
      },
      retryable: error => error instanceof ExchangeNotYetAccepted,
      clock: context.ports.clock,
      deadlineMs: timings.verifyDeadlineMs,
      initialDelayMs: timings.initialDelayMs,
      maxDelayMs: timings.maxDelayMs,
      onRetry: async error => {
        // One timeline entry per distinct refusal, not one per poll.
        const { code, message } = (error as ExchangeNotYetAccepted).outcome;
        if (code === lastCode) return;
        lastCode = code;
        await context.noteRetry({
          reason: 'the token exchange is not accepted yet',
          code,
          message,
        });
      },
    });
  } catch (error) {
    if (error instanceof ExchangeNotYetAccepted) {
      throw new StepFailedError(
        `the token exchange for service account ${step.namespace}/${
          step.serviceAccountName
        } was still refused after ${Math.round(
          timings.verifyDeadlineMs / 1000,
        )}s: ${error.outcome.code}: ${error.outcome.message}`,
        error.outcome.code,
      );
    }
    throw error;
  }
  return { verified: true };
}
